import type { Window } from '../window.js';

/**
 * Internal state of one (key, window): the accumulator, trigger state and which timers are set.
 * One class so V8 keeps a single hidden class on the hot path.
 *
 * @example
 * const pane = new Pane('customer-1', { start: 0, end: 60_000 }, 60_999);
 */
export class Pane<K = unknown> {
  /** Accumulator (aggregate), running value (reduce) or element list (process); valid when `has`. */
  acc: unknown = undefined;
  /** Whether the pane holds contents (false after a purge). */
  has = false;
  /** Elements since the last firing (count / early-by-elements triggers). */
  count = 0;
  /** Firings so far (the `pane` index of the next result). */
  firings = 0;
  /** Event-time timers set: bit 1 = at `window.end − 1`, bit 2 = at `cleanup`. */
  timers = 0;
  /** Pending processing-time timer, NaN when none. */
  processingTimer = Number.NaN;
  /** False once cleaned up or merged away. */
  alive = true;

  constructor(
    readonly key: K,
    readonly window: Window,
    /** `maxTimestamp + allowedLateness`, saturated. */
    readonly cleanup: number,
  ) {}
}
