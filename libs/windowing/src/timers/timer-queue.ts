/**
 * Timers grouped by time: a min-heap of distinct times plus an insertion-ordered set of owners per time.
 * Registering the same (time, owner) twice is a no-op, as in Flink's timer service. Owners of one time fire in
 * registration order, which keeps outputs deterministic across snapshot/restore.
 *
 * @example
 * const q = new TimerQueue<string>();
 * q.add(10, 'a');
 * const fired: string[] = [];
 * q.fireUntil(10, (owner, time) => fired.push(`${owner}@${time}`)); // fired: ['a@10']
 */
export class TimerQueue<T> {
  private readonly buckets = new Map<number, Set<T>>();
  private readonly heap: number[] = [];

  /** Number of distinct timer times (owner sets may be empty until popped). */
  get times(): number {
    return this.heap.length;
  }

  /** Registered (time, owner) pairs. */
  size(): number {
    let n = 0;
    for (const b of this.buckets.values()) n += b.size;
    return n;
  }

  /** Registers (time, owner); returns false when it was already registered. */
  add(time: number, owner: T): boolean {
    let bucket = this.buckets.get(time);
    if (bucket === undefined) {
      bucket = new Set();
      this.buckets.set(time, bucket);
      this.push(time);
    }
    const n = bucket.size;
    bucket.add(owner);
    return bucket.size !== n;
  }

  /** Removes (time, owner); returns false when it was not registered. */
  delete(time: number, owner: T): boolean {
    return this.buckets.get(time)?.delete(owner) ?? false;
  }

  /** Removes every timer. */
  clear(): void {
    this.buckets.clear();
    this.heap.length = 0;
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
      const bucket = this.buckets.get(time);
      if (bucket === undefined) continue;
      for (const owner of bucket) {
        bucket.delete(owner);
        fire(owner, time);
      }
      this.buckets.delete(time);
    }
  }

  /** `[time, owners]` pairs sorted by time (owners in firing order), for snapshots. */
  entries(): [number, T[]][] {
    return [...this.buckets.entries()]
      .filter(([, b]) => b.size > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([t, b]) => [t, [...b]]);
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
