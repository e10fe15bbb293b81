import { WindowingError } from '../errors.js';
import { assertInteger, assertTimestamp } from '../time.js';
import { windowStart, type Window } from '../window.js';
import type { AssignerDescription, WindowAssigner } from './window-assigner.js';

/**
 * Options of {@link tumbling}.
 *
 * @example
 * const o: TumblingOptions = { size: 60_000, offset: -15_000 };
 */
export interface TumblingOptions {
  /** Window length in ms (> 0). */
  readonly size: number;
  /** Shift of the window grid in ms; `|offset| < size`. Default 0. */
  readonly offset?: number;
}

/**
 * Fixed-size, non-overlapping windows (Flink's `TumblingEventTimeWindows`).
 *
 * @example
 * const a = new TumblingWindows(5000, 100);
 * a.assign(null, 5099); // [{ start: 100, end: 5100 }]
 */
export class TumblingWindows implements WindowAssigner<unknown> {
  readonly kind = 'tumbling' as const;
  readonly merging = false;
  readonly description: AssignerDescription;

  constructor(
    readonly size: number,
    readonly offset: number,
  ) {
    assertInteger(size, 'tumbling size', 'INVALID_SIZE', 1);
    if (!Number.isSafeInteger(offset) || Math.abs(offset) >= size) {
      throw new WindowingError('INVALID_OFFSET', `tumbling offset must be an integer with |offset| < size (${size}), got ${offset}`);
    }
    this.description = { type: 'tumbling', size, offset };
  }

  assign(_value: unknown, ts: number): Window[] {
    assertTimestamp(ts);
    const start = windowStart(ts, this.offset, this.size);
    return [{ start, end: start + this.size }];
  }
}

/**
 * Tumbling event-time windows of `size` ms, optionally shifted by `offset`.
 *
 * @example
 * tumbling({ size: 5000 }).assign(0, 5000); // [{ start: 5000, end: 10000 }]
 * tumbling({ size: 5000, offset: -100 }).assign(0, 0); // [{ start: -100, end: 4900 }]
 */
export function tumbling(options: TumblingOptions): TumblingWindows {
  return new TumblingWindows(options.size, options.offset ?? 0);
}
