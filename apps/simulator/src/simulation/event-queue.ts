interface Entry<T> {
  at: number;
  seq: number;
  value: T;
}

/**
 * A min-heap of timed items; ties pop in insertion order, so a simulation is deterministic.
 *
 * @example
 * const q = new EventQueue<string>();
 * q.push(20, 'b'); q.push(10, 'a');
 * q.pop(); // { at: 10, value: 'a' }
 */
export class EventQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private seq = 0;

  /** Number of queued items. */
  get size(): number {
    return this.heap.length;
  }

  /**
   * Queues `value` at time `at`.
   *
   * @example
   * const queue = new EventQueue<string>();
 * queue.push(Date.now() + 1000, 'session 7: next step');
   */
  push(at: number, value: T): void {
    const heap = this.heap;
    heap.push({ at, seq: this.seq++, value });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i] as Entry<T>, heap[parent] as Entry<T>)) break;
      [heap[i], heap[parent]] = [heap[parent] as Entry<T>, heap[i] as Entry<T>];
      i = parent;
    }
  }

  /**
   * Removes and returns the earliest item, or `undefined` when empty.
   *
   * @example
   * const queue = new EventQueue<string>();
 * queue.push(2000, 'b');
 * queue.push(1000, 'a');
 * const next = queue.pop(); // { at: 1000, value: 'a' }
   */
  pop(): { at: number; value: T } | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (!top) return undefined;
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(heap[l] as Entry<T>, heap[m] as Entry<T>)) m = l;
        if (r < heap.length && this.less(heap[r] as Entry<T>, heap[m] as Entry<T>)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as Entry<T>, heap[i] as Entry<T>];
        i = m;
      }
    }
    return { at: top.at, value: top.value };
  }

  private less(a: Entry<T>, b: Entry<T>): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}
