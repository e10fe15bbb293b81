/**
 * The output rows of one window, computed from its per-product totals (and the window before's, for trending) with
 * the exact aggregates of @ecom/windowing: top-N by quantity, by revenue and by growth, and per-category totals.
 * The single-process core sums the items that count in the window ({@link productTotals}); the merging stage of the
 * scaled-out job sums the partitions' per-product totals ({@link sumTotals}).
 */
import { fromEpochMillis } from '@ecom/domain';
import { aggregates, decimalSum, decimalTopN, sumBy, topN, type AggregateFunction } from '@ecom/windowing';
import type { JsonValue } from '../../runtime/stream-job.js';
import type { ProductTable } from './product-table.js';
import type { ItemFacts } from './record-changes.js';

/**
 * The `metric` of each kind of row: `top_product_window` (by quantity, the original's), `top_product_revenue_window`,
 * `trending_product_window` and `category_window`.
 *
 * @example
 * TOP_PRODUCTS_METRICS.quantity; // 'top_product_window'
 */
export const TOP_PRODUCTS_METRICS = {
  quantity: 'top_product_window',
  revenue: 'top_product_revenue_window',
  trending: 'trending_product_window',
  category: 'category_window',
} as const;

/**
 * One output row (the value of a `JobResult`).
 *
 * @example
 * const row: TopProductsRow = { metric: 'top_product_window', rank: 1 };
 */
export type TopProductsRow = { readonly [field: string]: JsonValue };

/**
 * Per-product (or per-category) figures: quantity and exact revenue.
 *
 * @example
 * const t: Totals = { quantity: 3, revenue: '31.50' };
 */
export interface Totals {
  readonly quantity: number;
  readonly revenue: string;
}

const totalsOf = <V>(quantity: (v: V) => number, revenue: (v: V) => string) =>
  aggregates({ quantity: sumBy(quantity), revenue: decimalSum(revenue) });
const lineTotals = totalsOf(
  (line: ItemFacts) => line.quantity,
  (line) => line.revenue,
);
const sumOfTotals = totalsOf(
  (t: Totals) => t.quantity,
  (t) => t.revenue,
);

function groupBy<V, K>(
  fn: typeof lineTotals | typeof sumOfTotals,
  values: Iterable<V>,
  key: (v: V) => K,
): Map<K, Totals> {
  const add = fn.add as (acc: unknown[], v: V) => unknown[];
  const accumulators = new Map<K, unknown[]>();
  for (const v of values) {
    const k = key(v);
    accumulators.set(k, add(accumulators.get(k) ?? fn.create(), v));
  }
  return new Map([...accumulators].map(([k, acc]) => [k, fn.result(acc)]));
}

/**
 * The per-product totals of the items that count in a window.
 *
 * @example
 * productTotals([{ orderId: 1, productId: 7, quantity: 2, price: '5.00', revenue: '10.00', createdAt: 0 }]); // Map { 7 => { quantity: 2, revenue: '10.00' } }
 */
export function productTotals(items: Iterable<ItemFacts>): Map<number, Totals> {
  return groupBy(lineTotals, items, (i) => i.productId);
}

/**
 * The sum of several totals (quantities added, revenues added exactly).
 *
 * @example
 * sumTotals([{ quantity: 1, revenue: '5.00' }, { quantity: 2, revenue: '0.50' }]); // { quantity: 3, revenue: '5.50' }
 */
export function sumTotals(parts: Iterable<Totals>): Totals {
  return fold(sumOfTotals, parts);
}

function fold<V, A, R>(fn: AggregateFunction<V, A, R>, values: Iterable<V>): R {
  let acc = fn.create();
  for (const value of values) acc = fn.add(acc, value);
  return fn.result(acc);
}

interface ProductTotals extends Totals {
  readonly productId: number;
  readonly growth: number;
}

/**
 * The row computation of a job: built once per job (the rankings' `n`), called per window firing with the window's
 * per-product totals and the window before's.
 *
 * @example
 * import { ProductTable } from './product-table.js';
 * const rows = windowRows({ windowSize: 60_000, n: 10 });
 * rows(0, new Map(), new Map(), new ProductTable()); // Map {} : an empty window has no rows
 */
export function windowRows(config: { readonly windowSize: number; readonly n: number }) {
  const { windowSize, n } = config;
  const byQuantity = topN({ n, item: (p: ProductTotals) => p.productId, score: (p) => p.quantity });
  const byRevenue = decimalTopN({ n, item: (p: ProductTotals) => p.productId, score: (p) => p.revenue });
  const byGrowth = topN({ n, item: (p: ProductTotals) => p.productId, score: (p) => p.growth });

  /** Rows by result key (`quantity/1`, `revenue/1`, `trending/1`, `category/3`, `category/unknown`), in emit order. */
  return function rowsOf(
    start: number,
    totals: ReadonlyMap<number, Totals>,
    before: ReadonlyMap<number, Totals>,
    products: ProductTable,
  ): Map<string, TopProductsRow> {
    const rows = new Map<string, TopProductsRow>();
    if (totals.size === 0) return rows;
    const window = {
      window_start: fromEpochMillis(start),
      window_end: fromEpochMillis(start + windowSize),
      window_duration_minutes: windowSize / 60_000,
    };
    const perProduct = [...totals].map(([productId, t]): ProductTotals => ({
      productId,
      ...t,
      growth: t.quantity - (before.get(productId)?.quantity ?? 0),
    }));
    const byId = new Map(perProduct.map((p) => [p.productId, p]));
    const productRow = (
      metric: string,
      rank: number,
      id: number,
      extra: TopProductsRow = {},
    ): TopProductsRow => {
      const p = byId.get(id) as ProductTotals;
      const { product_name, category_id, category_name } = products.info(id);
      return {
        metric,
        window_start: window.window_start,
        window_end: window.window_end,
        product_id: id,
        total_quantity: p.quantity,
        rank,
        window_duration_minutes: window.window_duration_minutes,
        total_revenue: p.revenue,
        product_name,
        category_id,
        category_name,
        ...extra,
      };
    };
    for (const r of fold(byQuantity, perProduct)) {
      rows.set(`quantity/${r.rank}`, productRow(TOP_PRODUCTS_METRICS.quantity, r.rank, r.item as number));
    }
    for (const r of fold(byRevenue, perProduct)) {
      rows.set(`revenue/${r.rank}`, productRow(TOP_PRODUCTS_METRICS.revenue, r.rank, r.item as number));
    }
    for (const r of fold(
      byGrowth,
      perProduct.filter((p) => p.growth > 0),
    )) {
      const p = byId.get(r.item as number) as ProductTotals;
      const extra = { previous_quantity: p.quantity - p.growth, growth: p.growth };
      rows.set(`trending/${r.rank}`, productRow(TOP_PRODUCTS_METRICS.trending, r.rank, p.productId, extra));
    }
    const perCategory = groupBy(sumOfTotals, perProduct, (p) => products.categoryOf(p.productId));
    const categories = [...perCategory].sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity));
    for (const [category_id, t] of categories) {
      rows.set(`category/${category_id ?? 'unknown'}`, {
        metric: TOP_PRODUCTS_METRICS.category,
        window_start: window.window_start,
        window_end: window.window_end,
        product_id: null,
        total_quantity: t.quantity,
        rank: null,
        window_duration_minutes: window.window_duration_minutes,
        total_revenue: t.revenue,
        product_name: null,
        category_id,
        category_name: category_id === null ? null : (products.categories.get(category_id) ?? null),
      });
    }
    return rows;
  };
}
