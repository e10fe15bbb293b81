import { WindowingError } from '../errors.js';
import { assertInteger, assertTimestamp } from '../time.js';
import { windowStart, type Window } from '../window.js';
import type { AssignerDescription, WindowAssigner } from './window-assigner.js';

/**
 * Options of {@link sliding}.
 *
 * @example
 * const o: SlidingOptions = { size: 300_000, slide: 60_000 };
 */
export interface SlidingOptions {
  /** Window length in ms (> 0). */
  readonly size: number;
  /**
   * Distance between window starts in ms (> 0). `slide > size` leaves gaps between windows (Flink accepts it):
   * an element in a gap belongs to no window.
   */
  readonly slide: number;
  /** Shift of the window grid in ms; `|offset| < slide` (Flink's rule). Default 0. */
  readonly offset?: number;
}

/**
 * Hopping windows (Flink's `SlidingEventTimeWindows`): each element lands in `ceil(size / slide)` windows,
 * including windows with negative starts. With `slide > size` windows leave gaps and an element lands in at most
 * one window: none when it falls in a gap (the operator counts it in `metrics.unassigned`, or sends it to the
 * late side output when the element itself is late, as Flink does).
 *
 * @example
 * new SlidingWindows(5000, 1000, 0).assign(null, 0).length; // 5
 * new SlidingWindows(1000, 3000, 0).assign(null, 1500).length; // 0: [0, 1000) and [3000, 4000) leave a gap
 */
export class SlidingWindows implements WindowAssigner<unknown> {
  readonly kind = 'sliding' as const;
  readonly merging = false;
  readonly description: AssignerDescription;

  constructor(
    readonly size: number,
    readonly slide: number,
    readonly offset: number,
  ) {
    assertInteger(size, 'sliding size', 'INVALID_SIZE', 1);
    assertInteger(slide, 'sliding slide', 'INVALID_SLIDE', 1);
    if (!Number.isSafeInteger(offset) || Math.abs(offset) >= slide) {
      throw new WindowingError('INVALID_OFFSET', `sliding offset must be an integer with |offset| < slide (${slide}), got ${offset}`);
    }
    this.description = { type: 'sliding', size, slide, offset };
  }

  assign(_value: unknown, ts: number): Window[] {
    assertTimestamp(ts);
    const out: Window[] = [];
    const last = windowStart(ts, this.offset, this.slide);
    for (let start = last; start > ts - this.size; start -= this.slide) out.push({ start, end: start + this.size });
    return out;
  }
}

/**
 * Sliding event-time windows of `size` ms every `slide` ms (hopping windows with gaps when `slide > size`).
 *
 * @example
 * sliding({ size: 5000, slide: 1000 }).assign(0, 4999).map((w) => w.start); // [4000, 3000, 2000, 1000, 0]
 * sliding({ size: 1000, slide: 60_000 }).assign(0, 500); // [{ start: 0, end: 1000 }]: the first second of each minute
 */
export function sliding(options: SlidingOptions): SlidingWindows {
  return new SlidingWindows(options.size, options.slide, options.offset ?? 0);
}
