/**
 * The batch side of the "stream == batch" acceptance specs: what the revenue and top-products jobs must hold, by SQL
 * over the final shop tables (cancelled orders excluded), for every one-minute window that the job's watermark has
 * closed, in the jobs' own value shapes, decimal-exact. And the stream side: the latest results in `job_results`.
 */
import { fromEpochMillis } from '@ecom/domain';
import type { PgQueryable } from '../runtime/postgres/pg-transaction.js';
import { readJobResults } from '../runtime/postgres/result-rows.js';
import { latestById } from '../runtime/results/result-id.js';

const MINUTE = 60_000;

/**
 * The simulator run of the stream == batch specs: three historical days (150 sessions, seed 7) up to 2026-11-01.
 *
 * @example
 * const args: readonly string[] = THREE_SIMULATED_DAYS; // ['simulate', '--historical', '3', …]
 */
export const THREE_SIMULATED_DAYS = [
  'simulate',
  ...['--historical', '3', '--sessions', '150', '--seed', '7', '--until', '2026-11-01T00:00:00Z'],
] as const;

/** n / d rounded half-even (d > 0, n ≥ 0). */
function halfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const twice = 2n * (n - q * d);
  return twice > d || (twice === d && q % 2n !== 0n) ? q + 1n : q;
}
const decimal = (units: bigint) => `${units / 100n}.${String(units % 100n).padStart(2, '0')}`;
const windowStart = (column: string) =>
  `(floor(extract(epoch FROM ${column}) * 1000 / ${MINUTE}) * ${MINUTE})::bigint`;

/**
 * Revenue figures per one-minute window closed by `watermark` (`start + 1 min − 1 ≤ watermark`): orders, revenue,
 * average order value (half-even) and unique customers.
 *
 * @example
 * declare const db: PgQueryable;
 * const truth = await revenueTruth(db, Date.UTC(2026, 10, 1)); // Map { windowStart => { total_orders, … } }
 */
export async function revenueTruth(db: PgQueryable, watermark: number): Promise<Map<number, object>> {
  const { rows } = await db.query<{ start: string; n: string; cents: string; customers: string }>(
    `SELECT ${windowStart('order_date')} AS start, count(*) AS n, (sum(total_price) * 100)::bigint AS cents,
            count(DISTINCT customer_id) AS customers
       FROM orders WHERE status <> 'cancelled' GROUP BY 1`,
  );
  const out = new Map<number, object>();
  for (const r of rows) {
    const start = Number(r.start);
    if (start + MINUTE - 1 > watermark) continue;
    const cents = BigInt(r.cents);
    out.set(start, {
      total_orders: Number(r.n),
      total_revenue: decimal(cents),
      average_order_value: decimal(halfEven(cents, BigInt(r.n))),
      unique_customers: Number(r.customers),
    });
  }
  return out;
}

/**
 * The revenue job's latest figures per window, in {@link revenueTruth}'s shape.
 *
 * @example
 * declare const db: PgQueryable;
 * const streamed = await revenueStreamed(db);
 */
export async function revenueStreamed(db: PgQueryable, job = 'revenue'): Promise<Map<number, object>> {
  const out = new Map<number, object>();
  for (const r of latestById(await readJobResults(db, job))) {
    if (r.value === null) continue;
    const { total_orders, total_revenue, average_order_value, unique_customers } = r.value;
    out.set(r.id.windowStart, { total_orders, total_revenue, average_order_value, unique_customers });
  }
  return out;
}

interface ProductWindow {
  readonly start: number;
  readonly productId: number;
  readonly quantity: number;
  readonly cents: bigint;
  readonly previous: number;
  readonly name: string | null;
  readonly categoryId: number | null;
  readonly categoryName: string | null;
}

/**
 * Every row of the top-products job (top `n` by quantity and by revenue, trending, per category; ties by ascending
 * product id) per one-minute window closed by `watermark`, keyed `'<window start>/<result key>'`.
 *
 * @example
 * declare const db: PgQueryable;
 * const truth = await topProductsTruth(db, Date.UTC(2026, 10, 1)); // Map { '1761955200000/quantity/1' => { … } }
 */
export async function topProductsTruth(
  db: PgQueryable,
  watermark: number,
  n = 10,
): Promise<Map<string, object>> {
  const { rows } = await db.query<{
    start: string;
    product_id: number;
    q: number;
    cents: string;
    prev: number;
    name: string | null;
    category_id: number | null;
    category_name: string | null;
  }>(
    `WITH per AS (
       SELECT ${windowStart('o.order_date')} AS start, i.product_id, sum(i.quantity)::int AS q,
              (sum(i.quantity * i.price) * 100)::bigint AS cents
         FROM order_items i JOIN orders o ON o.order_id = i.order_id
        WHERE o.status <> 'cancelled' GROUP BY 1, 2)
     SELECT p.start, p.product_id, p.q, p.cents, coalesce(prev.q, 0) AS prev, pr.name, pr.category_id,
            c.name AS category_name
       FROM per p
       LEFT JOIN per prev ON prev.product_id = p.product_id AND prev.start = p.start - ${MINUTE}
       LEFT JOIN products pr ON pr.product_id = p.product_id
       LEFT JOIN categories c ON c.category_id = pr.category_id`,
  );
  const windows = new Map<number, ProductWindow[]>();
  for (const r of rows) {
    const start = Number(r.start);
    if (start + MINUTE - 1 > watermark) continue;
    const list = windows.get(start) ?? [];
    list.push({
      start,
      productId: r.product_id,
      quantity: r.q,
      cents: BigInt(r.cents),
      previous: r.prev,
      name: r.name,
      categoryId: r.category_id,
      categoryName: r.category_name,
    });
    windows.set(start, list);
  }
  const out = new Map<string, object>();
  for (const [start, products] of windows) {
    const base = {
      window_start: fromEpochMillis(start),
      window_end: fromEpochMillis(start + MINUTE),
      window_duration_minutes: 1,
    };
    const row = (metric: string, rank: number, p: ProductWindow, extra: object = {}) => ({
      metric,
      ...base,
      product_id: p.productId,
      total_quantity: p.quantity,
      rank,
      total_revenue: decimal(p.cents),
      product_name: p.name,
      category_id: p.categoryId,
      category_name: p.categoryName,
      ...extra,
    });
    const ranked = (score: (p: ProductWindow) => bigint, list = products) =>
      [...list]
        .sort((a, b) => {
          const d = score(b) - score(a);
          return d !== 0n ? (d > 0n ? 1 : -1) : a.productId - b.productId;
        })
        .slice(0, n);
    ranked((p) => BigInt(p.quantity)).forEach((p, i) =>
      out.set(`${start}/quantity/${i + 1}`, row('top_product_window', i + 1, p)),
    );
    ranked((p) => p.cents).forEach((p, i) =>
      out.set(`${start}/revenue/${i + 1}`, row('top_product_revenue_window', i + 1, p)),
    );
    const growing = products.filter((p) => p.quantity > p.previous);
    ranked((p) => BigInt(p.quantity - p.previous), growing).forEach((p, i) =>
      out.set(
        `${start}/trending/${i + 1}`,
        row('trending_product_window', i + 1, p, {
          previous_quantity: p.previous,
          growth: p.quantity - p.previous,
        }),
      ),
    );
    const categories = new Map<number | null, { q: number; cents: bigint; name: string | null }>();
    for (const p of products) {
      const c = categories.get(p.categoryId) ?? { q: 0, cents: 0n, name: p.categoryName };
      categories.set(p.categoryId, { q: c.q + p.quantity, cents: c.cents + p.cents, name: c.name });
    }
    for (const [categoryId, c] of categories) {
      out.set(`${start}/category/${categoryId ?? 'unknown'}`, {
        metric: 'category_window',
        ...base,
        product_id: null,
        total_quantity: c.q,
        rank: null,
        total_revenue: decimal(c.cents),
        product_name: null,
        category_id: categoryId,
        category_name: c.name,
      });
    }
  }
  return out;
}

/**
 * The top-products job's latest rows, keyed as {@link topProductsTruth} keys them.
 *
 * @example
 * declare const db: PgQueryable;
 * const streamed = await topProductsStreamed(db);
 */
export async function topProductsStreamed(
  db: PgQueryable,
  job = 'top-products',
): Promise<Map<string, object>> {
  const out = new Map<string, object>();
  for (const r of latestById(await readJobResults(db, job)))
    if (r.value !== null) out.set(`${r.id.windowStart}/${r.id.key}`, r.value);
  return out;
}

/**
 * The watermark of a job's merging task, as its last checkpoint holds it (`MIN_TIMESTAMP`-like when none).
 *
 * @example
 * declare const db: PgQueryable;
 * const watermark = await committedWatermark(db, 'top-products');
 */
export async function committedWatermark(db: PgQueryable, job: string): Promise<number> {
  const { rows } = await db.query<{ w: string | null }>(
    `SELECT max((state -> 'core' ->> 'watermark')::bigint) AS w FROM job_checkpoints WHERE job = $1`,
    [job],
  );
  return rows[0]?.w == null ? Number.MIN_SAFE_INTEGER : Number(rows[0].w);
}
