import { WindowingError } from '../errors.js';
import type { PaneFunction } from '../functions/window-function.js';
import { saturatingAdd } from '../time.js';
import { TimerQueue } from '../timers/timer-queue.js';
import { windowStart, type Window } from '../window.js';
import type { StateSize } from './results.js';
import type { PaneEntry } from './snapshot-format.js';
import type { StoreEntries, WindowEmit, WindowStore } from './window-store.js';

/**
 * One slide-long slice `[start, start + slide)`: an accumulator per key, plus the arrival rank of each key's
 * first element (in the `accs` insertion order) so windows can emit their keys in first-arrival order.
 *
 * @example
 * const s: Slice<string> = { start: 0, cleanup: 299, firstMaxTs: 99, accs: new Map([['a', 1]]), ranks: [0] };
 */
export interface Slice<K> {
  readonly start: number;
  /** Cleanup time of the newest window holding the slice (the one starting with it): the slice goes then. */
  readonly cleanup: number;
  /** `end − 1` of the oldest window holding the slice: from this watermark on, elements may fire late. */
  readonly firstMaxTs: number;
  readonly accs: Map<K, unknown>;
  readonly ranks: number[];
}

/**
 * One open sliding window of the sliced path: its timers, and its late firings per key (created lazily).
 *
 * @example
 * const w: SliceWindow<string> = { window: { start: 0, end: 300 }, cleanup: 299 };
 */
export interface SliceWindow<K> {
  readonly window: Window;
  readonly cleanup: number;
  firings?: Map<K, number>;
}

/**
 * The sliced path of the window operator (slicing, as Flink SQL's window aggregations do with
 * `SliceAssigners.hopping`): for sliding windows whose size is a multiple of the slide, with the plain event-time trigger and
 * a commutative aggregate, each element updates ONE accumulator, that of its key in its slide-long slice.
 * When a window fires, the `size / slide` slices it covers are merged with the aggregate's `merge` (starting
 * from `create()`, so slice accumulators are never modified). Outputs, their order (windows in timer order, keys
 * in first-arrival order), late firings, `final` mode and the side output are exactly those of the per-window
 * path; a differential property test checks it.
 *
 * Snapshot entries are {@link PaneEntry} tuples: a slice entry has `end − start = slide`, contents and its
 * arrival rank (`[key, sliceStart, sliceEnd, acc, true, rank, 0]`); a late-firing counter of a window has
 * `end − start = size`, no contents and the firings so far (`[key, start, end, null, false, 0, firings]`). Timers
 * are not stored: they are rebuilt from the slices.
 *
 * @example
 * const emit: WindowEmit<string> = () => undefined;
 * const slices = new EventTimeSlices<string, number, number>(aggregateOps(sum()), 300, 100, 0, 0, false, emit);
 * slices.add('a', 1, 250, MIN_TIMESTAMP); // the element lands in slice [200, 300)
 * slices.advance(299); // fires window [0, 300)
 */
export class EventTimeSlices<K, V, R> implements WindowStore<K, V> {
  private readonly slices = new Map<number, Slice<K>>();
  private readonly windows = new Map<number, SliceWindow<K>>();
  private readonly timers = new TimerQueue<SliceWindow<K>>();
  private rank = 0;
  private last: Slice<K> | undefined;
  private readonly create: () => unknown;
  private readonly fire = (w: SliceWindow<K>, time: number): void => this.onTimer(w, time);

  constructor(
    private readonly fn: PaneFunction<K, V, R>,
    private readonly size: number,
    private readonly slide: number,
    private readonly offset: number,
    private readonly lateness: number,
    private readonly emitFinal: boolean,
    private readonly emit: WindowEmit<K>,
  ) {
    if (fn.create === undefined || size % slide !== 0) {
      throw new WindowingError('INVALID_CONFIG', 'internal: sliced windows need an aggregate and size a multiple of slide');
    }
    this.create = fn.create;
  }

  /**
   * Adds an element to its slide-long slice. Returns false, leaving the state untouched, when every window
   * holding the element is late. Emits late firings of windows past their end (within the allowed lateness),
   * newest window first, like the per-window path.
   */
  add(key: K, value: V, ts: number, watermark: number): boolean {
    const start = windowStart(ts, this.offset, this.slide);
    let slice = this.last;
    if (slice === undefined || slice.start !== start) {
      slice = this.slices.get(start) ?? this.createSlice(start, watermark);
      if (slice === undefined) return false;
      this.last = slice;
    }
    if (slice.cleanup <= watermark) return false;
    const accs = slice.accs;
    const acc = accs.get(key);
    const existed = acc !== undefined || accs.has(key);
    if (existed) {
      accs.set(key, this.fn.add(acc, value));
    } else {
      accs.set(key, this.fn.first(value));
      slice.ranks.push(this.rank++);
    }
    if (slice.firstMaxTs <= watermark && !this.emitFinal && this.lateness > 0) this.fireLate(key, slice, existed, watermark);
    return true;
  }

  /** Fires every window timer up to `watermark`. */
  advance(watermark: number): void {
    if (this.timers.peek() <= watermark) this.timers.fireUntil(watermark, this.fire);
  }

  advanceProcessingTime(): void {
    // the plain event-time trigger sets no processing-time timers
  }

  /** Distinct (key, window) pairs and open windows, as the per-window path would count them. */
  stateSize(): StateSize {
    let panes = 0;
    for (const w of this.windows.values()) {
      const keys = new Set<K>();
      for (const slice of this.slicesOf(w)) for (const key of slice.accs.keys()) keys.add(key);
      panes += keys.size;
    }
    return { panes, windows: this.windows.size, elements: 0, eventTimers: this.timers.size(), processingTimers: 0 };
  }

  /** Snapshot entries: slices (with arrival ranks), then the late-firing counters of windows; no timers. */
  snapshot(): StoreEntries {
    const out: PaneEntry[] = [];
    const slide = this.slide;
    const toJSON = this.fn.toJSON;
    for (const slice of this.slices.values()) {
      let i = 0;
      for (const [key, acc] of slice.accs) out.push([key as PaneEntry[0], slice.start, slice.start + slide, toJSON(acc), true, slice.ranks[i++], 0]);
    }
    for (const w of this.windows.values()) {
      if (w.firings === undefined) continue;
      for (const [key, n] of w.firings) out.push([key as PaneEntry[0], w.window.start, w.window.end, null, false, 0, n]);
    }
    return { panes: out, eventTimers: [], processingTimers: [] };
  }

  /**
   * Replaces the state with snapshot entries taken at `watermark`. Open windows and their timers are rebuilt
   * from the slices: exactly the windows holding a slice that are not late yet.
   */
  restore(snapshot: StoreEntries, watermark: number): void {
    this.clear();
    const fromJSON = this.fn.fromJSON;
    const firings: PaneEntry[] = [];
    for (const entry of snapshot.panes) {
      const [key, start, end, acc, has, rank] = entry;
      if (!has) {
        if (end - start !== this.size) throw new WindowingError('INVALID_SNAPSHOT', `bad window entry [${start}, ${end})`);
        firings.push(entry);
        continue;
      }
      if (end - start !== this.slide || !Number.isSafeInteger(rank)) {
        throw new WindowingError('INVALID_SNAPSHOT', `bad slice entry [${start}, ${end}) (slices are ${this.slide} ms)`);
      }
      let slice = this.slices.get(start);
      if (slice === undefined) {
        slice = this.newSlice(start);
        this.slices.set(start, slice);
      }
      slice.accs.set(key as K, fromJSON(acc));
      slice.ranks.push(rank);
      if (rank >= this.rank) this.rank = rank + 1;
    }
    for (const start of [...this.slices.keys()].sort((a, b) => a - b)) this.registerWindows(start, watermark);
    for (const [key, start, , , , , n] of firings) {
      const w = this.windows.get(start);
      if (w === undefined) throw new WindowingError('INVALID_SNAPSHOT', `late firings for a window that is not open: ${start}`);
      (w.firings ??= new Map()).set(key as K, n);
    }
  }

  clear(): void {
    this.slices.clear();
    this.windows.clear();
    this.timers.clear();
    this.rank = 0;
    this.last = undefined;
  }

  private newSlice(start: number): Slice<K> {
    return {
      start,
      cleanup: saturatingAdd(start + this.size - 1, this.lateness),
      firstMaxTs: start + this.slide - 1,
      accs: new Map(),
      ranks: [],
    };
  }

  private createSlice(start: number, watermark: number): Slice<K> | undefined {
    const slice = this.newSlice(start);
    if (slice.cleanup <= watermark) return undefined;
    this.slices.set(start, slice);
    this.registerWindows(start, watermark);
    return slice;
  }

  /** Opens the not-yet-late windows holding the slice at `start` (newest first, like the per-window path). */
  private registerWindows(start: number, watermark: number): void {
    for (let ws = start; ws > start - this.size; ws -= this.slide) {
      if (this.windows.has(ws)) continue;
      const window = { start: ws, end: ws + this.size };
      const maxTs = window.end - 1;
      const cleanup = saturatingAdd(maxTs, this.lateness);
      if (cleanup <= watermark) continue;
      const w: SliceWindow<K> = { window, cleanup };
      this.windows.set(ws, w);
      // A window already past its end (within the allowed lateness) only fires late, per element.
      if (maxTs > watermark) this.timers.add(maxTs, w);
      if (cleanup !== maxTs) this.timers.add(cleanup, w);
    }
  }

  /** The slices of a window, oldest first. */
  private slicesOf(w: SliceWindow<K>): Slice<K>[] {
    const out: Slice<K>[] = [];
    for (let s = w.window.start; s < w.window.end; s += this.slide) {
      const slice = this.slices.get(s);
      if (slice !== undefined) out.push(slice);
    }
    return out;
  }

  /** Late firings for `key` in every open window past its end that holds `slice`. */
  private fireLate(key: K, slice: Slice<K>, existedInSlice: boolean, watermark: number): void {
    for (let ws = slice.start; ws > slice.start - this.size; ws -= this.slide) {
      const w = this.windows.get(ws);
      if (w === undefined || w.window.end - 1 > watermark) continue;
      let acc = this.create();
      let existed = existedInSlice;
      for (const other of this.slicesOf(w)) {
        const accs = other.accs;
        const a = accs.get(key);
        if (a === undefined && !accs.has(key)) continue;
        if (other !== slice) existed = true;
        acc = this.fn.merge(acc, a);
      }
      const firings = (w.firings ??= new Map<K, number>());
      const pane = firings.get(key) ?? (existed ? 1 : 0);
      firings.set(key, pane + 1);
      this.emit(key, w.window, acc, 'late', pane);
    }
  }

  /** Merges the window's slices per key; keys in first-arrival order (a k-way merge on arrival ranks). */
  private combine(w: SliceWindow<K>): Map<K, unknown> {
    const out = new Map<K, unknown>();
    const merge = this.fn.merge;
    const create = this.create;
    forEachByRank(this.slicesOf(w), (key, acc) => {
      const prev = out.get(key);
      out.set(key, merge(prev === undefined && !out.has(key) ? create() : prev, acc));
    });
    return out;
  }

  private onTimer(w: SliceWindow<K>, time: number): void {
    const maxTs = w.window.end - 1;
    if (time === maxTs && !this.emitFinal) {
      for (const [key, acc] of this.combine(w)) this.emit(key, w.window, acc, 'on-time', 0);
    }
    if (time === w.cleanup) {
      if (this.emitFinal) for (const [key, acc] of this.combine(w)) this.emit(key, w.window, acc, 'final', 0);
      this.windows.delete(w.window.start);
      this.timers.delete(maxTs, w);
      const slice = this.slices.get(w.window.start);
      if (slice !== undefined) {
        this.slices.delete(slice.start);
        if (this.last === slice) this.last = undefined;
      }
    }
  }
}

/**
 * Visits the entries of several slices in ascending arrival rank (ranks are unique), with a binary min-heap over
 * the slices' cursors: O(entries · log slices).
 *
 * @example
 * const a: Slice<string> = { start: 0, cleanup: 299, firstMaxTs: 99, accs: new Map([['x', 1]]), ranks: [1] };
 * const b: Slice<string> = { start: 100, cleanup: 399, firstMaxTs: 199, accs: new Map([['y', 2]]), ranks: [0] };
 * const keys: string[] = [];
 * forEachByRank([a, b], (key) => keys.push(key)); // keys: ['y', 'x']
 */
export function forEachByRank<K>(slices: readonly Slice<K>[], visit: (key: K, acc: unknown) => void): void {
  const n = slices.length;
  const iters = slices.map((s) => s.accs.entries());
  const heads: IteratorResult<[K, unknown]>[] = iters.map((it) => it.next());
  const pos = new Array<number>(n).fill(0);
  const rank = (i: number): number => slices[i].ranks[pos[i]];
  const heap: number[] = [];
  for (let i = 0; i < n; i++) if (!heads[i].done) heap.push(i);
  const siftDown = (from: number): void => {
    const top = heap[from];
    const r = rank(top);
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const c = l + 1 < heap.length && rank(heap[l + 1]) < rank(heap[l]) ? l + 1 : l;
      if (rank(heap[c]) >= r) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = top;
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  while (heap.length > 0) {
    const i = heap[0];
    const head = heads[i];
    if (head.done) break; // unreachable: exhausted cursors leave the heap
    visit(head.value[0], head.value[1]);
    heads[i] = iters[i].next();
    pos[i]++;
    if (heads[i].done) {
      const last = heap.pop() as number;
      if (heap.length === 0) break;
      heap[0] = last;
    }
    siftDown(0);
  }
}
