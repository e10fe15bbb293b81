import type { PaneFunction } from '../functions/window-function.js';
import { saturatingAdd } from '../time.js';
import { TimerQueue } from '../timers/timer-queue.js';
import type { Window } from '../window.js';
import type { FiringTiming } from './results.js';

/**
 * One window of the fast path: accumulators per key and the window's shared timers.
 *
 * @example
 * const slot: Slot<string> = { start: 0, window: { start: 0, end: 1000 }, cleanup: 999, accs: new Map(), onTimeFired: false };
 */
export interface Slot<K> {
  readonly start: number;
  readonly window: Window;
  readonly cleanup: number;
  readonly accs: Map<K, unknown>;
  /** Whether the on-time firing (watermark ≥ end − 1) happened. */
  onTimeFired: boolean;
  /** Firings per key after the on-time firing (late firings), created lazily. */
  firings?: Map<K, number>;
}

/**
 * Emits one result (the operator's output path).
 *
 * @example
 * const emit: SlotEmit<string> = (key, window, acc, timing, pane) => console.log(key, acc);
 */
export type SlotEmit<K> = (key: K, window: Window, acc: unknown, timing: FiringTiming, pane: number) => void;

/**
 * The fast path of the window operator for tumbling/sliding windows with the plain event-time trigger: every
 * (key, window) of a window shares the same trigger and cleanup times, so timers live on the window and
 * accumulators sit directly in a per-window `Map`. Semantics and outputs are exactly those of the generic path
 * (results fire in key-insertion order, as the per-pane timers would).
 *
 * @example
 * const slots = new EventTimeSlots<string, number, number>(aggregateOps(sum()), 1000, 0, false, emit);
 * slots.add('a', 1, slots.slot(0, -Infinity)!);
 */
export class EventTimeSlots<K, V, R> {
  readonly slots = new Map<number, Slot<K>>();
  readonly timers = new TimerQueue<Slot<K>>();
  panes = 0;
  private readonly fire = (slot: Slot<K>, time: number): void => this.onTimer(slot, time);

  constructor(
    private readonly fn: PaneFunction<K, V, R>,
    private readonly size: number,
    private readonly lateness: number,
    private readonly emitFinal: boolean,
    private readonly emit: SlotEmit<K>,
  ) {}

  /** The slot for `start`, created (with its timers) if needed; undefined when the window is already late. */
  slot(start: number, watermark: number): Slot<K> | undefined {
    let slot = this.slots.get(start);
    if (slot === undefined) {
      const window = { start, end: start + this.size };
      const cleanup = saturatingAdd(window.end - 1, this.lateness);
      if (cleanup <= watermark) return undefined;
      // A window already past its end (within the allowed lateness) fires per element, like EventTimeTrigger.
      const past = window.end - 1 <= watermark;
      slot = { start, window, cleanup, accs: new Map(), onTimeFired: past };
      this.slots.set(start, slot);
      if (!past) this.timers.add(window.end - 1, slot);
      if (cleanup !== window.end - 1) this.timers.add(cleanup, slot);
    }
    return slot;
  }

  /** Adds an element to a (non-late) slot; fires at once when the window is past its end (a late firing). */
  add(key: K, value: V, slot: Slot<K>): void {
    const accs = slot.accs;
    const acc = accs.get(key);
    const existed = acc !== undefined || accs.has(key);
    if (existed) {
      accs.set(key, this.fn.add(acc, value));
    } else {
      accs.set(key, this.fn.first(value));
      this.panes++;
    }
    if (slot.onTimeFired && !this.emitFinal) {
      const firings = (slot.firings ??= new Map<K, number>());
      const pane = firings.get(key) ?? (existed ? 1 : 0);
      firings.set(key, pane + 1);
      this.emit(key, slot.window, accs.get(key), 'late', pane);
    }
  }

  /** Re-creates a slot from a snapshot (timers are added by the caller). */
  restoreSlot(start: number, end: number): Slot<K> {
    let slot = this.slots.get(start);
    if (slot === undefined) {
      slot = { start, window: { start, end }, cleanup: saturatingAdd(end - 1, this.lateness), accs: new Map(), onTimeFired: true };
      this.slots.set(start, slot);
    }
    return slot;
  }

  /** Removes everything. */
  clear(): void {
    this.slots.clear();
    this.timers.clear();
    this.panes = 0;
  }

  /** Fires every slot timer up to `watermark`. */
  advance(watermark: number): void {
    if (this.timers.peek() <= watermark) this.timers.fireUntil(watermark, this.fire);
  }

  /** Pane firings so far for a key of a slot (for snapshots). */
  firingsOf(slot: Slot<K>, key: K): number {
    if (!slot.onTimeFired || this.emitFinal) return 0;
    return slot.firings?.get(key) ?? 1;
  }

  private onTimer(slot: Slot<K>, time: number): void {
    const maxTs = slot.window.end - 1;
    if (time === maxTs && !slot.onTimeFired) {
      slot.onTimeFired = true;
      if (!this.emitFinal) for (const [key, acc] of slot.accs) this.emit(key, slot.window, acc, 'on-time', 0);
    }
    if (time === slot.cleanup) {
      if (this.emitFinal) for (const [key, acc] of slot.accs) this.emit(key, slot.window, acc, 'final', 0);
      this.panes -= slot.accs.size;
      this.slots.delete(slot.start);
      this.timers.delete(maxTs, slot);
    }
  }
}
