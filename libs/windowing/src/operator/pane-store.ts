import type { AssignerDescription } from '../assigners/window-assigner.js';
import type { SessionWindows } from '../assigners/session.js';
import type { Clock } from '../clock.js';
import { WindowingError } from '../errors.js';
import type { PaneFunction } from '../functions/window-function.js';
import { MAX_TIMESTAMP, MIN_TIMESTAMP, describe, saturatingAdd } from '../time.js';
import { PaneTimers } from '../timers/pane-timers.js';
import type { TimerQueue } from '../timers/timer-queue.js';
import { FIRE, PURGE, type Trigger } from '../triggers/trigger.js';
import { GLOBAL_WINDOW, windowStart, type Window } from '../window.js';
import { mergeWindows } from './merge-windows.js';
import { Pane } from './pane.js';
import type { FiringTiming, StateSize } from './results.js';
import type { PaneEntry, TimerEntry } from './snapshot-format.js';
import type { StoreEntries, WindowEmit, WindowStore } from './window-store.js';

const TUMBLING = 0;
const SLIDING = 1;
const SESSION = 2;
const GLOBAL = 3;

interface Slot<K> {
  readonly start: number;
  readonly window: Window;
  /** `end − 1 + allowedLateness` (saturated). */
  readonly cleanup: number;
  /** Watermark at which the window is late (Infinity for the global window). */
  readonly lateAt: number;
  readonly panes: Map<K, Pane<K>>;
}

/**
 * What {@link PaneStore} needs from the operator.
 *
 * @example
 * const o: PaneStoreOptions<string, number, number> = {
 *   assigner: tumbling({ size: 1000 }), trigger: createTrigger({ type: 'count', count: 2 }), fn: aggregateOps(sum()),
 *   lateness: 0, emitFinal: false, clock: systemClock, emit: () => undefined, retract: () => undefined,
 * };
 */
export interface PaneStoreOptions<K, V, R> {
  readonly assigner: { readonly description: AssignerDescription };
  readonly trigger: Trigger;
  readonly fn: PaneFunction<K, V, R>;
  readonly lateness: number;
  readonly emitFinal: boolean;
  readonly clock: Clock;
  readonly emit: WindowEmit<K>;
  /** A session that already emitted was merged away (`updates` mode). */
  readonly retract: (key: K, window: Window) => void;
}

/**
 * The generic layout of the window operator (Flink's `WindowOperator` state): one {@link Pane} per (key, window)
 * with its accumulator, trigger state and own timers, so any trigger works. Non-merging windows are indexed by
 * start; sessions keep a start-sorted pane list per key and merge as Flink's `MergingWindowSet` does.
 *
 * @example
 * const store = new PaneStore<string, number, number>({
 *   assigner: session({ gap: 1000 }), trigger: createTrigger({ type: 'event-time' }), fn: aggregateOps(sum()),
 *   lateness: 0, emitFinal: false, clock: systemClock, emit: () => undefined, retract: () => undefined,
 * });
 * store.add('a', 1, 10, MIN_TIMESTAMP);
 * store.advance(999);
 */
export class PaneStore<K, V, R> implements WindowStore<K, V> {
  private readonly kind: number;
  private readonly size: number;
  private readonly slide: number;
  private readonly offset: number;
  private readonly session: SessionWindows<V> | undefined;
  private readonly trigger: Trigger;
  private readonly fn: PaneFunction<K, V, R>;
  private readonly lateness: number;
  private readonly emitFinal: boolean;
  private readonly emitResult: WindowEmit<K>;
  private readonly retract: (key: K, window: Window) => void;
  /** The trigger context: timers and the watermark triggers see. */
  private readonly ctx: PaneTimers;

  private readonly slots = new Map<number, Slot<K>>();
  private lastSlot: Slot<K> | undefined;
  private readonly sessions = new Map<K, Pane<K>[]>();
  private paneCount = 0;

  private readonly fireEventTimer = (pane: Pane<K>, time: number): void => this.onEventTimer(pane, time);
  private readonly fireProcessingTimer = (pane: Pane<K>, time: number): void => this.onProcessingTimer(pane, time);

  constructor(options: PaneStoreOptions<K, V, R>) {
    const d = options.assigner.description;
    this.size = d.type === 'tumbling' || d.type === 'sliding' ? d.size : 0;
    this.slide = d.type === 'sliding' ? d.slide : d.type === 'tumbling' ? d.size : 0;
    this.offset = d.type === 'tumbling' || d.type === 'sliding' ? d.offset : 0;
    this.kind = d.type === 'tumbling' ? TUMBLING : d.type === 'sliding' ? SLIDING : d.type === 'session' ? SESSION : GLOBAL;
    this.session = d.type === 'session' ? (options.assigner as SessionWindows<V>) : undefined;
    this.trigger = options.trigger;
    this.fn = options.fn;
    this.lateness = options.lateness;
    this.emitFinal = options.emitFinal;
    this.emitResult = options.emit;
    this.retract = options.retract;
    this.ctx = new PaneTimers(options.clock);
  }

  add(key: K, value: V, ts: number, watermark: number): boolean {
    this.ctx.watermark = watermark;
    switch (this.kind) {
      case TUMBLING:
        return this.addToWindow(key, value, ts, windowStart(ts, this.offset, this.size));
      case SLIDING: {
        let kept = false;
        const size = this.size;
        for (let start = windowStart(ts, this.offset, this.slide); start > ts - size; start -= this.slide) {
          if (this.addToWindow(key, value, ts, start)) kept = true;
        }
        return kept;
      }
      case SESSION:
        return this.addToSession(key, value, ts);
      default:
        return this.addToWindow(key, value, ts, MIN_TIMESTAMP);
    }
  }

  advance(watermark: number): void {
    this.ctx.watermark = watermark;
    const timers = this.ctx.eventTimers as TimerQueue<Pane<K>>;
    if (timers.peek() <= watermark) timers.fireUntil(watermark, this.fireEventTimer);
  }

  advanceProcessingTime(now: number): void {
    (this.ctx.processingTimers as TimerQueue<Pane<K>>).fireUntil(now, this.fireProcessingTimer);
  }

  stateSize(): StateSize {
    let elements = 0;
    if (this.fn.kind === 'process') for (const p of this.allPanes()) if (p.has) elements += this.fn.size(p.acc);
    return {
      panes: this.paneCount,
      windows: this.kind === SESSION ? this.sessions.size : this.slots.size,
      elements,
      eventTimers: this.ctx.eventTimers.size(),
      processingTimers: this.ctx.processingTimers.size(),
    };
  }

  snapshot(): StoreEntries {
    const index = new Map<Pane, number>();
    const panes: PaneEntry[] = [];
    for (const p of this.allPanes()) {
      index.set(p, panes.length);
      panes.push([p.key as PaneEntry[0], p.window.start, p.window.end, p.has ? this.fn.toJSON(p.acc) : null, p.has, p.count, p.firings]);
    }
    const timers = (q: TimerQueue<Pane>): TimerEntry[] => q.entries().map(([t, owners]) => [t, owners.map((o) => index.get(o)!)]);
    return { panes, eventTimers: timers(this.ctx.eventTimers), processingTimers: timers(this.ctx.processingTimers) };
  }

  restore(entries: StoreEntries, watermark: number): void {
    this.clear();
    this.ctx.watermark = watermark;
    const panes: Pane<K>[] = [];
    for (const [key, start, end, acc, has, count, firings] of entries.panes) {
      const k = key as K;
      let pane: Pane<K>;
      if (this.kind === SESSION) {
        pane = new Pane(k, { start, end }, saturatingAdd(end - 1, this.lateness));
        let list = this.sessions.get(k);
        if (list === undefined) this.sessions.set(k, (list = []));
        list.push(pane);
      } else {
        const slotStart = this.kind === GLOBAL ? MIN_TIMESTAMP : start;
        let slot = this.slots.get(slotStart);
        if (slot === undefined) {
          slot = this.newSlot(slotStart, this.kind === GLOBAL ? GLOBAL_WINDOW : { start, end });
          this.slots.set(slotStart, slot);
        }
        pane = new Pane(k, slot.window, slot.cleanup);
        slot.panes.set(k, pane);
      }
      pane.has = has;
      pane.acc = has ? this.fn.fromJSON(acc) : undefined;
      pane.count = count;
      pane.firings = firings;
      panes.push(pane);
      this.paneCount++;
    }
    for (const [time, owners] of entries.eventTimers) {
      for (const i of owners) this.ctx.registerEventTimer(panes[i], time);
    }
    for (const [time, owners] of entries.processingTimers) {
      for (const i of owners) {
        panes[i].processingTimer = time;
        this.ctx.processingTimers.add(time, panes[i]);
      }
    }
  }

  clear(): void {
    this.slots.clear();
    this.sessions.clear();
    this.lastSlot = undefined;
    this.ctx.clear();
    this.paneCount = 0;
  }

  private newSlot(start: number, window: Window): Slot<K> {
    const global = this.kind === GLOBAL;
    const cleanup = global ? MAX_TIMESTAMP : saturatingAdd(window.end - 1, this.lateness);
    return { start, window, cleanup, lateAt: global ? Infinity : cleanup, panes: new Map() };
  }

  /** Non-merging assigners: one window identified by its start. Returns false when the window is late. */
  private addToWindow(key: K, value: V, ts: number, start: number): boolean {
    const watermark = this.ctx.watermark;
    let slot = this.lastSlot;
    if (slot === undefined || slot.start !== start) {
      slot = this.slots.get(start);
      if (slot === undefined) {
        slot = this.newSlot(start, this.kind === GLOBAL ? GLOBAL_WINDOW : { start, end: start + this.size });
        if (slot.lateAt <= watermark) return false;
        this.slots.set(start, slot);
      }
      this.lastSlot = slot;
    }
    if (slot.lateAt <= watermark) return false;
    let pane = slot.panes.get(key);
    if (pane === undefined) {
      pane = new Pane(key, slot.window, slot.cleanup);
      slot.panes.set(key, pane);
      this.paneCount++;
    }
    this.addAndTrigger(pane, value, ts);
    return true;
  }

  private addAndTrigger(pane: Pane<K>, value: V, ts: number): void {
    pane.acc = pane.has ? this.fn.add(pane.acc, value) : this.fn.first(value);
    pane.has = true;
    const r = this.trigger.onElement(pane, ts, this.ctx);
    if (r !== 0) this.handle(pane, r, false);
    if (pane.cleanup !== MAX_TIMESTAMP && (pane.timers & 2) === 0) this.ctx.registerEventTimer(pane, pane.cleanup);
  }

  /** Sessions: Flink's `MergingWindowSet.addWindow` + `WindowOperator.processElement`. */
  private addToSession(key: K, value: V, ts: number): boolean {
    const gap = this.session!.gap(value, ts);
    const fresh: Window = { start: ts, end: ts + gap };
    let panes = this.sessions.get(key);
    let target: Pane<K> | undefined;
    if (panes !== undefined) {
      const windows: Window[] = panes.map((p) => p.window);
      windows.push(fresh);
      mergeWindows(windows, (members, result) => {
        const i = members.indexOf(fresh);
        if (i < 0) return; // only the group holding the new window can merge (others are disjoint)
        members.splice(i, 1);
        const old = members.map((w) => panes!.find((p) => p.window === w)!);
        if (old.length === 1 && old[0].window.start === result.start && old[0].window.end === result.end) {
          target = old[0]; // the new window lies inside an existing session
          return;
        }
        target = this.mergePanes(key, panes!, old, result);
      });
    }
    if (target === undefined) {
      const cleanup = saturatingAdd(fresh.end - 1, this.lateness);
      if (cleanup <= this.ctx.watermark) return false; // a late new session: retired at once
      target = new Pane(key, fresh, cleanup);
      if (panes === undefined) this.sessions.set(key, (panes = []));
      insertSorted(panes, target);
      this.paneCount++;
    }
    this.addAndTrigger(target, value, ts);
    return true;
  }

  private mergePanes(key: K, panes: Pane<K>[], old: Pane<K>[], result: Window): Pane<K> {
    const cleanup = saturatingAdd(result.end - 1, this.lateness);
    if (cleanup <= this.ctx.watermark) {
      throw new WindowingError('LATE_MERGE', `merging sessions of key ${describe(key)} produced a window that is already late`);
    }
    const merged = new Pane(key, { start: result.start, end: result.end }, cleanup);
    for (const p of old) {
      if (p.has) {
        merged.acc = merged.has ? this.fn.merge(merged.acc, p.acc) : p.acc;
        merged.has = true;
      }
      merged.count += p.count;
    }
    this.trigger.onMerge(merged, this.ctx);
    for (const p of old) {
      this.trigger.clear(p, this.ctx);
      this.ctx.deleteEventTimer(p, p.cleanup);
      p.alive = false;
      panes.splice(panes.indexOf(p), 1);
      this.paneCount--;
      if (p.firings > 0 && !this.emitFinal) this.retract(key, p.window);
    }
    insertSorted(panes, merged);
    this.paneCount++;
    return merged;
  }

  private onEventTimer(pane: Pane<K>, time: number): void {
    if (!pane.alive) return;
    this.ctx.consumeEventTimer(pane, time);
    const r = this.trigger.onEventTime(pane, time, this.ctx);
    if (r !== 0) this.handle(pane, r, time === pane.window.end - 1);
    if (time === pane.cleanup && pane.cleanup !== MAX_TIMESTAMP) {
      if (this.emitFinal && pane.has) this.emit(pane, 'final');
      this.clearAll(pane);
    }
  }

  private onProcessingTimer(pane: Pane<K>, time: number): void {
    if (!pane.alive) return;
    if (pane.processingTimer === time) pane.processingTimer = Number.NaN;
    const r = this.trigger.onProcessingTime(pane, time, this.ctx);
    if (r !== 0) this.handle(pane, r, false);
  }

  private handle(pane: Pane<K>, r: number, onTime: boolean): void {
    if (r & FIRE && pane.has && !this.emitFinal) {
      this.emit(pane, onTime ? 'on-time' : this.ctx.watermark >= pane.window.end - 1 ? 'late' : 'early');
    }
    if (r & PURGE) {
      pane.acc = undefined;
      pane.has = false;
    }
  }

  private emit(pane: Pane<K>, timing: FiringTiming): void {
    this.emitResult(pane.key, pane.window, pane.acc, timing, pane.firings++);
  }

  /** Flink's `clearAllState`: contents, trigger state and timers, and the window itself. */
  private clearAll(pane: Pane<K>): void {
    this.trigger.clear(pane, this.ctx);
    this.ctx.deleteEventTimer(pane, pane.cleanup);
    pane.acc = undefined;
    pane.has = false;
    pane.alive = false;
    this.paneCount--;
    if (this.kind === SESSION) {
      const panes = this.sessions.get(pane.key)!;
      panes.splice(panes.indexOf(pane), 1);
      if (panes.length === 0) this.sessions.delete(pane.key);
      return;
    }
    const start = this.kind === GLOBAL ? MIN_TIMESTAMP : pane.window.start;
    const slot = this.slots.get(start)!;
    slot.panes.delete(pane.key);
    if (slot.panes.size === 0) {
      this.slots.delete(start);
      if (this.lastSlot === slot) this.lastSlot = undefined;
    }
  }

  private *allPanes(): Generator<Pane<K>> {
    for (const slot of this.slots.values()) yield* slot.panes.values();
    for (const panes of this.sessions.values()) yield* panes;
  }
}

function insertSorted<K>(panes: Pane<K>[], pane: Pane<K>): void {
  let i = panes.length;
  while (i > 0 && panes[i - 1].window.start > pane.window.start) i--;
  panes.splice(i, 0, pane);
}
