/**
 * A bounded set of ids: the most recent `limit` ones, the oldest forgotten first.
 */

/**
 * Remembers at most `limit` ids (insertion order; adding a known id refreshes it). `limit` 0 remembers none.
 *
 * @example
 * const ids = new RecentIds(2);
 * ids.add('a'); ids.add('b'); ids.add('c');
 * ids.has('a'); // false: forgotten
 */
export class RecentIds {
  readonly #limit: number;
  readonly #ids = new Set<string>();

  constructor(limit: number) {
    this.#limit = Math.max(0, limit);
  }

  /** Adds `id`, forgetting the oldest beyond the limit. */
  add(id: string): void {
    this.#ids.delete(id);
    if (this.#limit === 0) return;
    this.#ids.add(id);
    if (this.#ids.size > this.#limit) this.#ids.delete(this.#ids.values().next().value as string);
  }

  /** Whether `id` is remembered. */
  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.#ids.size;
  }
}
