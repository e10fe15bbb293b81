/**
 * Retry delays: exponential backoff with full jitter (AWS' "Exponential Backoff and Jitter"). The random source is
 * injected, so tests pass a seeded one and get the same delays every run.
 */

/**
 * The delay before retry `attempt` (1 = the first retry): uniform in `[0, min(maxMs, baseMs * 2^(attempt-1)))`.
 *
 * @example
 * fullJitterDelay(3, { baseMs: 100, maxMs: 10_000, random: () => 0.5 }); // 200 (half of 400)
 */
export function fullJitterDelay(
  attempt: number,
  options: { baseMs: number; maxMs: number; random: () => number },
): number {
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(options.random() * cap);
}
