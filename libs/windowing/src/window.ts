import { MAX_TIMESTAMP, MIN_TIMESTAMP } from './time.js';

/**
 * A half-open event-time window `[start, end)`. Its last timestamp (`maxTimestamp`) is `end − 1`, which is also
 * the timestamp of every result it emits.
 *
 * @example
 * const w: Window = { start: 0, end: 5000 }; // holds 0 … 4999
 */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/**
 * The global window: every timestamp, never closed by a watermark (`maxTimestamp` = {@link MAX_TIMESTAMP}).
 *
 * @example
 * maxTimestamp(GLOBAL_WINDOW) === MAX_TIMESTAMP; // true
 */
export const GLOBAL_WINDOW: Window = Object.freeze({ start: MIN_TIMESTAMP, end: MAX_TIMESTAMP + 1 });

/**
 * `end − 1`: the largest timestamp in the window (Flink's `TimeWindow.maxTimestamp()`).
 *
 * @example
 * maxTimestamp({ start: 0, end: 3000 }); // 2999
 */
export function maxTimestamp(window: Window): number {
  return window.end - 1;
}

/**
 * Flink's `TimeWindow.intersects`: inclusive, so windows that touch (`a.end === b.start`) intersect and merge.
 *
 * @example
 * intersects({ start: 0, end: 3000 }, { start: 3000, end: 6000 }); // true
 * intersects({ start: 0, end: 5500 }, { start: 5501, end: 8501 }); // false
 */
export function intersects(a: Window, b: Window): boolean {
  return a.start <= b.end && a.end >= b.start;
}

/**
 * The smallest window covering both.
 *
 * @example
 * cover({ start: 0, end: 3000 }, { start: 2000, end: 7000 }); // { start: 0, end: 7000 }
 */
export function cover(a: Window, b: Window): Window {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/**
 * Flink's `TimeWindow.getWindowStartWithOffset`: the start of the `size`-aligned window (shifted by `offset`)
 * holding `ts`, with the negative-remainder fix so negative timestamps work.
 *
 * @example
 * windowStart(4999, 0, 5000); // 0
 * windowStart(0, -100, 5000); // -100
 * windowStart(-1, 0, 5000); // -5000
 */
export function windowStart(ts: number, offset: number, size: number): number {
  const remainder = (ts - offset) % size;
  return remainder < 0 ? ts - (remainder + size) : ts - remainder;
}
