/**
 * The time the webhook sink waits on (its rate limit and retry backoff), injectable so tests run in fake time.
 */

/**
 * Now and sleep. `sleep` resolves after `ms`, or early (without throwing) when `signal` aborts.
 *
 * @example
 * let now = 0;
 * const fake: AlertClock = { now: () => now, sleep: async (ms) => void (now += ms) };
 */
export interface AlertClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Wall-clock time: `Date.now()` and `setTimeout`.
 *
 * @example
 * await systemClock.sleep(10);
 */
export const systemClock: AlertClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};
