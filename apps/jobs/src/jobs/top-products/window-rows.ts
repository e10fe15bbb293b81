/**
 * The output rows of one window, computed from its running per-product totals (and the window before's, for
 * trending): top-N by quantity, by revenue and by growth, and per-category totals, exact (revenue in bigint
 * hundredths, formatted once per row). The single-process core reads the totals its join keeps per window; the
 * merging stage of the scaled-out job, the sums of the partial stages' totals it keeps per window.
 */
import { fromEpochMillis } from '@ecom/domain';
import type { JsonValue } from '../../runtime/stream-job.js';
import { formatHundredths } from '../decimal.js';
import type { ProductTable } from './product-table.js';
import type { ProductSum } from './product-sums.js';
import { byBigint, byNumber, TopN } from './top-n.js';

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

/**
 * Per product, its totals in one window (read-only), as {@link windowRows} takes them.
 *
 * @example
 * const totals: WindowTotals = new Map([[7, { parts: 1, quantity: 2, cents: 1_000n }]]);
 */
export type WindowTotals = ReadonlyMap<number, Readonly<ProductSum>>;

const NONE: WindowTotals = new Map();

/** A category's totals while a window's rows are built. */
interface CategorySum {
  quantity: number;
  cents: bigint;
}

/**
 * The row computation of a job: built once per job (the rankings' `n`), called per window firing with the window's
 * per-product totals and the window before's (`undefined`: no product).
 *
 * @example
 * import { ProductTable } from './product-table.js';
 * const rows = windowRows({ windowSize: 60_000, n: 10 });
 * rows(0, undefined, undefined, new ProductTable()); // Map {} : an empty window has no rows
 */
export function windowRows(config: { readonly windowSize: number; readonly n: number }) {
  const { windowSize, n } = config;

  /** Rows by result key (`quantity/1`, `revenue/1`, `trending/1`, `category/3`, `category/unknown`), in emit order. */
  return function rowsOf(
    start: number,
    totals: WindowTotals | undefined,
    before: WindowTotals | undefined,
    products: ProductTable,
  ): Map<string, TopProductsRow> {
    const rows = new Map<string, TopProductsRow>();
    if (totals === undefined || totals.size === 0) return rows;
    const previous = before ?? NONE;
    const byQuantity = new TopN<number>(n, byNumber);
    const byRevenue = new TopN<bigint>(n, byBigint);
    const byGrowth = new TopN<number>(n, byNumber);
    const perCategory = new Map<number | null, CategorySum>();
    totals.forEach((t, id) => {
      byQuantity.offer(id, t.quantity);
      byRevenue.offer(id, t.cents);
      const growth = t.quantity - (previous.get(id)?.quantity ?? 0);
      if (growth > 0) byGrowth.offer(id, growth);
      const category = products.categoryOf(id);
      const c = perCategory.get(category);
      if (c === undefined) perCategory.set(category, { quantity: t.quantity, cents: t.cents });
      else {
        c.quantity += t.quantity;
        c.cents += t.cents;
      }
    });
    const window = {
      window_start: fromEpochMillis(start),
      window_end: fromEpochMillis(start + windowSize),
      window_duration_minutes: windowSize / 60_000,
    };
    const productRow = (
      metric: string,
      rank: number,
      id: number,
      extra: TopProductsRow = {},
    ): TopProductsRow => {
      const p = totals.get(id) as ProductSum;
      const { product_name, category_id, category_name } = products.info(id);
      return {
        metric,
        window_start: window.window_start,
        window_end: window.window_end,
        product_id: id,
        total_quantity: p.quantity,
        rank,
        window_duration_minutes: window.window_duration_minutes,
        total_revenue: formatHundredths(p.cents),
        product_name,
        category_id,
        category_name,
        ...extra,
      };
    };
    byQuantity.ranked().forEach((id, i) => {
      rows.set(`quantity/${i + 1}`, productRow(TOP_PRODUCTS_METRICS.quantity, i + 1, id));
    });
    byRevenue.ranked().forEach((id, i) => {
      rows.set(`revenue/${i + 1}`, productRow(TOP_PRODUCTS_METRICS.revenue, i + 1, id));
    });
    byGrowth.ranked().forEach((id, i) => {
      const quantity = (totals.get(id) as ProductSum).quantity;
      const previous_quantity = previous.get(id)?.quantity ?? 0;
      const extra = { previous_quantity, growth: quantity - previous_quantity };
      rows.set(`trending/${i + 1}`, productRow(TOP_PRODUCTS_METRICS.trending, i + 1, id, extra));
    });
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
        total_revenue: formatHundredths(t.cents),
        product_name: null,
        category_id,
        category_name: category_id === null ? null : (products.categories.get(category_id) ?? null),
      });
    }
    return rows;
  };
}
