import type { StackConfig } from '../stack-config.js';

/** One smoke round trip: returns a short description of what it proved. */
export interface SmokeCheck {
  readonly name: string;
  run(cfg: StackConfig, runId: string): Promise<string>;
}

/**
 * Rejects when `p` takes longer than `ms` (so no smoke check can hang).
 *
 * @example
 * ```ts
 * await withTimeout(fetch(url), 5000, 'GET /');
 * ```
 */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Throws with `message` unless `cond`. */
export function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
