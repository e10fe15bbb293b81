import type { AssignerDescription } from '../assigners/window-assigner.js';
import type { PaneFunction } from '../functions/window-function.js';
import { saturatingAdd } from '../time.js';
import { TimerQueue } from '../timers/timer-queue.js';
import { windowStart, type Window } from '../window.js';
import type { StateSize } from './results.js';
import type { PaneEntry, TimerEntry } from './snapshot-format.js';
import type { StoreEntries, WindowEmit, WindowStore } from './window-store.js';

/**
 * The windows the fast layout handles: tumbling or sliding descriptions.
 *
 * @example
 * const w: SlotWindows = { type: 'sliding', size: 300_000, slide: 60_000, offset: 0 };
 */
export type SlotWindows = Extract<AssignerDescription, { type: 'tumbling' | 'sliding' }>;

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
 * The fast layout of the window operator for tumbling/sliding windows with the plain event-time trigger: every
 * (key, window) of a window shares the same trigger and cleanup times, so timers live on the window and
 * accumulators sit directly in a per-window `Map`. Semantics and outputs are exactly those of the generic
 * {@link PaneStore} (results fire in key-insertion order, as the per-pane timers would).
 *
 * @example
 * const emit: WindowEmit<string> = () => undefined;
 * const slots = new EventTimeSlots<string, number, number>(aggregateOps(sum()), { type: 'tumbling', size: 1000, offset: 0 }, 0, false, emit);
 * slots.add('a', 1, 10, MIN_TIMESTAMP);
 * slots.advance(999); // emits a's window [0, 1000)
 */
export class EventTimeSlots<K, V, R> implements WindowStore<K, V> {
  private readonly slots = new Map<number, Slot<K>>();
  private readonly timers = new TimerQueue<Slot<K>>();
  private panes = 0;
  private readonly size: number;
  private readonly slide: number;
  private readonly offset: number;
  private readonly tumbling: boolean;
  /** Tumbling: the slot of the previous element. */
  private last: Slot<K> | undefined;
  /** Sliding: the slots of the previous element, newest window first. */
  private readonly cache: (Slot<K> | undefined)[] = [];
  private readonly fire = (slot: Slot<K>, time: number): void => this.onTimer(slot, time);

  constructor(
    private readonly fn: PaneFunction<K, V, R>,
    windows: SlotWindows,
    private readonly lateness: number,
    private readonly emitFinal: boolean,
    private readonly emit: WindowEmit<K>,
  ) {
    this.tumbling = windows.type === 'tumbling';
    this.size = windows.size;
    this.slide = windows.type === 'sliding' ? windows.slide : windows.size;
    this.offset = windows.offset;
  }

  add(key: K, value: V, ts: number, watermark: number): boolean {
    if (this.tumbling) {
      const start = windowStart(ts, this.offset, this.size);
      let slot = this.last;
      if (slot === undefined || slot.start !== start) {
        slot = this.slot(start, watermark);
        if (slot === undefined) return false;
        this.last = slot;
      } else if (slot.cleanup <= watermark) return false;
      this.addTo(key, value, slot);
      return true;
    }
    let kept = false;
    const cache = this.cache;
    for (let start = windowStart(ts, this.offset, this.slide), j = 0; start > ts - this.size; start -= this.slide, j++) {
      let slot = cache[j];
      if (slot === undefined || slot.start !== start) {
        slot = this.slot(start, watermark);
        if (slot === undefined) continue;
        cache[j] = slot;
      } else if (slot.cleanup <= watermark) continue;
      this.addTo(key, value, slot);
      kept = true;
    }
    return kept;
  }

  advance(watermark: number): void {
    if (this.timers.peek() <= watermark) this.timers.fireUntil(watermark, this.fire);
  }

  advanceProcessingTime(): void {
    // the plain event-time trigger sets no processing-time timers
  }

  stateSize(): StateSize {
    let elements = 0;
    if (this.fn.kind === 'process') for (const slot of this.slots.values()) for (const acc of slot.accs.values()) elements += this.fn.size(acc);
    return { panes: this.panes, windows: this.slots.size, elements, eventTimers: this.timers.size(), processingTimers: 0 };
  }

  snapshot(): StoreEntries {
    const panes: PaneEntry[] = [];
    const first = new Map<Slot<K>, number>();
    for (const slot of this.slots.values()) {
      first.set(slot, panes.length);
      for (const [key, acc] of slot.accs) {
        panes.push([key as PaneEntry[0], slot.window.start, slot.window.end, this.fn.toJSON(acc), true, 0, this.firingsOf(slot, key)]);
      }
    }
    const eventTimers: TimerEntry[] = this.timers.entries().map(([t, slots]) => [
      t,
      slots.flatMap((slot) => Array.from({ length: slot.accs.size }, (_, i) => first.get(slot)! + i)),
    ]);
    return { panes, eventTimers, processingTimers: [] };
  }

  restore(entries: StoreEntries): void {
    this.clear();
    const slotOf: Slot<K>[] = [];
    for (const [key, start, end, acc] of entries.panes) {
      let slot = this.slots.get(start);
      if (slot === undefined) {
        slot = { start, window: { start, end }, cleanup: saturatingAdd(end - 1, this.lateness), accs: new Map(), onTimeFired: true };
        this.slots.set(start, slot);
      }
      slot.accs.set(key as K, this.fn.fromJSON(acc));
      this.panes++;
      slotOf.push(slot);
    }
    for (const [time, owners] of entries.eventTimers) {
      for (const i of owners) {
        const slot = slotOf[i];
        this.timers.add(time, slot);
        if (time === slot.window.end - 1) slot.onTimeFired = false;
      }
    }
    entries.panes.forEach(([key, , , , , , fired], i) => {
      const slot = slotOf[i];
      if (slot.onTimeFired && !this.emitFinal && fired !== 1) (slot.firings ??= new Map()).set(key as K, fired);
    });
  }

  clear(): void {
    this.slots.clear();
    this.timers.clear();
    this.panes = 0;
    this.last = undefined;
    this.cache.length = 0;
  }

  /** The slot for `start`, created (with its timers) if needed; undefined when the window is already late. */
  private slot(start: number, watermark: number): Slot<K> | undefined {
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
  private addTo(key: K, value: V, slot: Slot<K>): void {
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

  /** Pane firings so far for a key of a slot (for snapshots). */
  private firingsOf(slot: Slot<K>, key: K): number {
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
