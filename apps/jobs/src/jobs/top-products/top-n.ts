/**
 * A bounded top-N selection over per-product figures, with the job's tie-break: the better score first, equal
 * scores by ascending product id (so a ranking never depends on arrival order). One pass, O(products · n) at
 * worst, O(products) when most products miss the top, as `topN` of @ecom/windowing (whose ranking step it does not
 * export).
 */

/**
 * The best `n` products offered, in rank order.
 *
 * @example
 * const top = new TopN<number>(2, (a, b) => a - b);
 * top.offer(7, 5);
 * top.offer(3, 5);
 * top.offer(9, 1);
 * top.ranked(); // [3, 7]: equal scores, ascending id
 */
export class TopN<S> {
  private readonly ids: number[] = [];
  private readonly scores: S[] = [];

  /** `compare(a, b) > 0` when `a` is the better score. */
  constructor(
    private readonly n: number,
    private readonly compare: (a: S, b: S) => number,
  ) {}

  private beats(id: number, score: S, j: number): boolean {
    const c = this.compare(score, this.scores[j] as S);
    return c > 0 || (c === 0 && id < (this.ids[j] as number));
  }

  /** Offers a product (each product once). */
  offer(id: number, score: S): void {
    const { ids, scores, n } = this;
    if (ids.length === n && !this.beats(id, score, n - 1)) return;
    let j = ids.length < n ? ids.length : n - 1;
    while (j > 0 && this.beats(id, score, j - 1)) {
      ids[j] = ids[j - 1] as number;
      scores[j] = scores[j - 1] as S;
      j--;
    }
    ids[j] = id;
    scores[j] = score;
  }

  /** The selected product ids, best first (rank = index + 1). */
  ranked(): readonly number[] {
    return this.ids;
  }
}

/**
 * Compares two numbers (for {@link TopN}: the greater is better).
 *
 * @example
 * byNumber(3, 1) > 0; // true
 */
export const byNumber = (a: number, b: number): number => a - b;

/**
 * Compares two bigints (for {@link TopN}: the greater is better).
 *
 * @example
 * byBigint(3n, 1n); // 1
 */
export const byBigint = (a: bigint, b: bigint): number => (a > b ? 1 : a < b ? -1 : 0);
