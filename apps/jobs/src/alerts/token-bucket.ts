/**
 * A token bucket: the webhook sink's rate limit.
 */
import type { AlertClock } from './alert-clock.js';

/**
 * `ratePerSec` tokens a second, at most `burst` saved up (default 1: evenly spaced requests). Starts full.
 *
 * @example
 * let now = 0;
 * const bucket = new TokenBucket({ ratePerSec: 2, clock: { now: () => now } });
 * bucket.take(); // 0: sent now
 * bucket.take(); // 500: wait 500 ms, the token is spoken for
 */
export class TokenBucket {
  readonly #msPerToken: number;
  readonly #burst: number;
  readonly #clock: Pick<AlertClock, 'now'>;
  #tokens: number;
  #at: number;

  constructor(options: { ratePerSec: number; burst?: number; clock: Pick<AlertClock, 'now'> }) {
    if (!(options.ratePerSec > 0)) throw new RangeError('ratePerSec must be > 0');
    this.#msPerToken = 1_000 / options.ratePerSec;
    this.#burst = Math.max(1, options.burst ?? 1);
    this.#clock = options.clock;
    this.#tokens = this.#burst;
    this.#at = options.clock.now();
  }

  /**
   * Takes a token: 0 when one was there, else how many ms to wait until the token taken (in advance) is due. Callers
   * wait that long, then go.
   */
  take(): number {
    const now = this.#clock.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) / this.#msPerToken);
    this.#at = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil(-this.#tokens * this.#msPerToken);
  }
}
