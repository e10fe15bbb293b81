/** A deleted or fired owner's place in an {@link Owners} list, and the entry of a time whose single owner was deleted. */
const HOLE: unique symbol = Symbol('hole');
/** Owners of one time are found by a scan up to this many, through a `Map` beyond. */
const INDEX_FROM = 16;

/** The owners of one time when there are two or more: in registration order, fired ones and deleted ones as holes. */
class Owners<T> {
  /** Registered owners in order; `HOLE` where one was deleted or has fired. */
  readonly list: (T | typeof HOLE)[];
  /** Index of `list` for dedupe and delete, built once the list is long enough for a scan to cost more. */
  index: Map<T, number> | undefined;
  live = 2;

  constructor(a: T, b: T) {
    this.list = [a, b];
  }

  indexOf(owner: T): number {
    if (this.index !== undefined) return this.index.get(owner) ?? -1;
    return this.list.indexOf(owner);
  }

  push(owner: T): void {
    const i = this.list.push(owner) - 1;
    this.live++;
    if (this.index !== undefined) this.index.set(owner, i);
    else if (this.list.length > INDEX_FROM) {
      const index = new Map<T, number>();
      this.list.forEach((o, j) => o !== HOLE && index.set(o as T, j));
      this.index = index;
    }
  }

  remove(i: number): void {
    const owner = this.list[i] as T;
    this.list[i] = HOLE;
    this.live--;
    this.index?.delete(owner);
  }
}

/**
 * Timers grouped by time: a min-heap of distinct times plus the owners of each time in registration order.
 * Registering the same (time, owner) twice is a no-op, as in Flink's timer service. Owners of one time fire in
 * registration order, which keeps outputs deterministic across snapshot/restore.
 *
 * @remarks
 * Cheap for the common case of one owner per time (a per-event timer): the owner is the time's whole entry, with no
 * collection allocated; a second owner makes a list (scanned for duplicates, indexed by a `Map` past 16 owners).
 * Deleting leaves a hole that firing skips.
 *
 * @example
 * const q = new TimerQueue<string>();
 * q.add(10, 'a');
 * const fired: string[] = [];
 * q.fireUntil(10, (owner, time) => fired.push(`${owner}@${time}`)); // fired: ['a@10']
 */
export class TimerQueue<T> {
  /** Per time: its single owner, or an {@link Owners} list. */
  private readonly buckets = new Map<number, T | Owners<T> | typeof HOLE>();
  private readonly heap: number[] = [];
  private count = 0;

  /** Number of distinct timer times (some may hold no live owner until popped). */
  get times(): number {
    return this.heap.length;
  }

  /** Registered (time, owner) pairs. */
  size(): number {
    return this.count;
  }

  /** Registers (time, owner); returns false when it was already registered. */
  add(time: number, owner: T): boolean {
    const b = this.buckets.get(time);
    if (b === undefined || b === HOLE) {
      if (b === undefined) this.push(time);
      this.buckets.set(time, owner);
    } else if (b instanceof Owners) {
      if (b.indexOf(owner) >= 0) return false;
      b.push(owner);
    } else {
      if (b === owner) return false;
      this.buckets.set(time, new Owners(b, owner));
    }
    this.count++;
    return true;
  }

  /** Removes (time, owner); returns false when it was not registered. */
  delete(time: number, owner: T): boolean {
    const b = this.buckets.get(time);
    if (b === undefined || b === HOLE) return false;
    if (b instanceof Owners) {
      const i = b.indexOf(owner);
      if (i < 0) return false;
      b.remove(i);
    } else if (b === owner) {
      // The time stays in the heap, its entry a hole until it is popped.
      this.buckets.set(time, HOLE);
    } else return false;
    this.count--;
    return true;
  }

  /** Removes every timer. */
  clear(): void {
    this.buckets.clear();
    this.heap.length = 0;
    this.count = 0;
  }

  /** The earliest timer time, or `Infinity`. */
  peek(): number {
    return this.heap.length ? this.heap[0] : Infinity;
  }

  /**
   * Fires, in time order, every timer with time ≤ `limit`. `fire` may register or delete timers; timers added at
   * the time being fired are fired in the same pass.
   */
  fireUntil(limit: number, fire: (owner: T, time: number) => void): void {
    while (this.heap.length && this.heap[0] <= limit) {
      const time = this.pop();
      const b = this.buckets.get(time);
      if (b instanceof Owners) {
        // Kept in place while firing: an owner added at this time joins the list and fires in this pass; one
        // registered again before its turn stays a no-op.
        for (let i = 0; i < b.list.length; i++) {
          const owner = b.list[i];
          if (owner === HOLE) continue;
          b.remove(i);
          this.count--;
          fire(owner, time);
        }
        this.buckets.delete(time);
      } else {
        // Taken out first: an owner added at this time during `fire` is queued again and fires in this pass.
        this.buckets.delete(time);
        if (b === undefined || b === HOLE) continue;
        this.count--;
        fire(b, time);
      }
    }
  }

  /** `[time, owners]` pairs sorted by time (owners in firing order), for snapshots. */
  entries(): [number, T[]][] {
    const out: [number, T[]][] = [];
    for (const [t, b] of this.buckets) {
      if (b === HOLE) continue;
      if (!(b instanceof Owners)) out.push([t, [b]]);
      else if (b.live > 0) out.push([t, b.list.filter((o): o is T => o !== HOLE)]);
    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  private push(time: number): void {
    const h = this.heap;
    let i = h.push(time) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent] <= time) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = time;
  }

  private pop(): number {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && h[r] < h[l] ? r : l;
        if (h[c] >= last) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
