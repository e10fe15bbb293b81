import type { Window } from '../window.js';
import type { FiringTiming, StateSize } from './results.js';
import type { PaneEntry, TimerEntry } from './snapshot-format.js';

/**
 * Emits one window result: the store hands over the raw accumulator, the operator applies the window function's
 * `result`, counts it and calls `onResult`.
 *
 * @example
 * const results: unknown[] = [];
 * const emit: WindowEmit<string> = (key, window, acc, timing, pane) => results.push({ key, window, acc, timing, pane });
 */
export type WindowEmit<K> = (key: K, window: Window, acc: unknown, timing: FiringTiming, pane: number) => void;

/**
 * The state entries and timers of a {@link WindowStore}, as they sit in a snapshot (`panes`, `eventTimers`,
 * `processingTimers` of the `ecom-windowing/1` format; timers point at entries by index).
 *
 * @example
 * const entries: StoreEntries = { panes: [['a', 0, 1000, 3, true, 0, 0]], eventTimers: [[999, [0]]], processingTimers: [] };
 */
export interface StoreEntries {
  panes: PaneEntry[];
  eventTimers: TimerEntry[];
  processingTimers: TimerEntry[];
}

/**
 * How the window operator keeps its (key, window) state. One implementation per layout, chosen once when the
 * operator is built:
 *
 * - `PaneStore`: the generic layout, one pane per (key, window) with its own trigger state and timers (any
 *   trigger; session merging);
 * - `EventTimeSlots`: tumbling/sliding windows with the plain event-time trigger; timers per window, accumulators
 *   per key in a `Map` per window;
 * - `EventTimeSlices`: sliding windows sliced into slide-long slices (commutative aggregates).
 *
 * The operator owns the watermark, the watermark generators, the side output and the metrics; the store assigns
 * elements to windows, fires what is due (through the {@link WindowEmit} it was built with) and checkpoints the
 * same way whatever the layout.
 *
 * @example
 * const store: WindowStore<string, number> = new EventTimeSlots<string, number, number>(
 *   aggregateOps(sum()), { type: 'tumbling', size: 60_000, offset: 0 }, 0, false, () => undefined,
 * );
 * const kept = store.add('c1', 1250, 61_000, MIN_TIMESTAMP); // false would mean: no window takes it (late, or a gap)
 * store.advance(119_999); // fire the windows due at the new watermark
 * const entries: StoreEntries = store.snapshot();
 */
export interface WindowStore<K, V> {
  /**
   * Adds an element. Returns false, leaving the state untouched, when no window takes it: every window it belongs
   * to is late, or (sliding windows with gaps) it belongs to none.
   */
  add(key: K, value: V, timestamp: number, watermark: number): boolean;
  /** Event time moved to `watermark` (higher than before): fires the event-time timers due. */
  advance(watermark: number): void;
  /** Processing time is `now`: fires the processing-time timers due. */
  advanceProcessingTime(now: number): void;
  /** Logical state size (whatever the layout, `panes` counts (key, window) pairs). */
  stateSize(): StateSize;
  /** The state as snapshot entries. */
  snapshot(): StoreEntries;
  /** Replaces the state with snapshot entries taken at `watermark` (validating what the layout needs). */
  restore(entries: StoreEntries, watermark: number): void;
  /** Removes all state and timers. */
  clear(): void;
}
