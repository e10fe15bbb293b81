/**
 * The PostgreSQL twin of every mart (src/marts/): the same definition written for PostgreSQL over the shop's own
 * tables, for the acceptance check "Trino == Postgres". Shared pieces (counted orders, tiers, RFM names, day
 * names) come from src/marts/mart-sql.ts, so only the engine-specific parts are written twice.
 */
import {
  COUNTED_ORDER,
  WISHLIST_WEIGHT,
  recencyWeightSql,
  MARTS,
  USER_ITEM_INTERACTIONS,
  RFM_SCORES_SQL,
  dayNameSql,
  rfmSegmentSql,
  valueTierSql,
  type MartColumn,
  type MartDefinition,
} from '../src/index.js';

/** The twin of `trinoRatio`: `num / den` rounded once, half away from zero, with `div` (exact in PostgreSQL). */
export function pgRatio(num: string, den: string, scale: number): string {
  const n = `(${num})::numeric`;
  const d = `NULLIF(${den}, 0)::numeric`;
  return `(sign(${n}) * sign(${d}) * div(2 * abs(${n}) * ${10 ** scale} + abs(${d}), 2 * abs(${d})) / ${10 ** scale})::numeric(38, ${scale})`;
}

const localDay = (column: string, timeZone: string) => `(${column} AT TIME ZONE '${timeZone}')::date`;

interface PgContext {
  readonly analysisDate: string;
  readonly timeZone: string;
}

const countedOrders = (ctx: PgContext) =>
  `SELECT order_id, customer_id, total_price, order_date, ${localDay('order_date', ctx.timeZone)} AS order_day
     FROM public.orders WHERE ${COUNTED_ORDER}`;

const D = (ctx: PgContext) => `DATE '${ctx.analysisDate}'`;

/** The twin of product-marts.ts's `productStats`. */
const productStats = (ctx: PgContext) => `
  SELECT p.product_id, p.name AS product_name, c.category_id, c.name AS category_name,
         sum(oi.quantity) AS total_quantity_sold, sum(oi.quantity * oi.price) AS total_revenue,
         count(DISTINCT o.customer_id) AS unique_customers, count(DISTINCT o.order_id) AS total_orders,
         min(o.order_date) AS first_sale_at, max(o.order_date) AS last_sale_at,
         max(o.order_day) - min(o.order_day) + 1 AS lifecycle_days
    FROM public.order_items oi
    JOIN (${countedOrders(ctx)}) o ON o.order_id = oi.order_id
    JOIN public.products p ON p.product_id = oi.product_id
    JOIN public.categories c ON c.category_id = p.category_id
   WHERE o.order_day <= ${D(ctx)}
   GROUP BY p.product_id, p.name, c.category_id, c.name`;

/** Each mart's PostgreSQL SELECT, columns in the order of the mart's `columns`. */
export const PG_MARTS: Readonly<Record<string, (ctx: PgContext) => string>> = {
  revenue_daily: (ctx) => `
    WITH o AS (${countedOrders(ctx)})
    SELECT order_day, extract(isodow FROM order_day)::bigint, ${dayNameSql('extract(isodow FROM order_day)')},
           extract(isodow FROM order_day) >= 6,
           sum(total_price)::numeric(38, 2), count(*), count(DISTINCT customer_id),
           ${pgRatio('sum(total_price)', 'count(*)', 2)},
           ${pgRatio('sum(total_price)', 'count(DISTINCT customer_id)', 2)}
      FROM o WHERE order_day BETWEEN ${D(ctx)} - 89 AND ${D(ctx)}
     GROUP BY order_day`,
  revenue_monthly: (ctx) => {
    const month = `date_trunc('month', ${D(ctx)}::timestamp)::date`;
    return `
    WITH o AS (${countedOrders(ctx)}),
    m AS (
      SELECT date_trunc('month', order_day::timestamp)::date AS order_month, count(*) AS total_orders,
             count(DISTINCT customer_id) AS unique_customers, sum(total_price) AS total_revenue
        FROM o WHERE order_day >= (${month} - interval '12 months')::date AND order_day <= ${D(ctx)}
       GROUP BY 1)
    SELECT cur.order_month, cur.total_orders, cur.unique_customers, cur.total_revenue::numeric(38, 2),
           ${pgRatio('cur.total_revenue', 'cur.total_orders', 2)},
           ${pgRatio('cur.total_revenue', 'cur.unique_customers', 2)},
           ${pgRatio('cur.total_orders', 'cur.unique_customers', 4)},
           prev.total_revenue::numeric(38, 2),
           ${pgRatio('(cur.total_revenue - prev.total_revenue) * 100', 'prev.total_revenue', 2)},
           ${pgRatio('(cur.unique_customers - prev.unique_customers) * 100', 'prev.unique_customers', 2)}
      FROM m cur LEFT JOIN m prev ON prev.order_month = (cur.order_month - interval '1 month')::date
     WHERE cur.order_month >= (${month} - interval '11 months')::date`;
  },
  customer_segments: (ctx) => `
    WITH o AS (${countedOrders(ctx)}),
    c AS (
      SELECT customer_id, count(*) AS total_orders, sum(total_price) AS total_spent,
             min(order_date) AS first_order_at, max(order_date) AS last_order_at,
             max(order_day) - min(order_day) AS lifetime_days, ${D(ctx)} - max(order_day) AS recency_days
        FROM o WHERE order_day <= ${D(ctx)} AND customer_id IS NOT NULL
       GROUP BY customer_id),
    s AS (
      SELECT c.*, ${RFM_SCORES_SQL} FROM c)
    SELECT s.customer_id, cu.last_name, cu.email, s.total_orders, s.total_spent::numeric(38, 2),
           ${pgRatio('s.total_spent', 's.total_orders', 2)}, s.first_order_at, s.last_order_at, s.lifetime_days,
           ${pgRatio('s.lifetime_days', 's.total_orders - 1', 2)}, s.recency_days, ${valueTierSql('s.total_spent')},
           s.r_score, s.f_score, s.m_score, ${rfmSegmentSql('s.r_score', 's.f_score')}
      FROM s LEFT JOIN public.customers cu ON cu.customer_id = s.customer_id`,
  top_products_summary: (ctx) => `
    SELECT * FROM (
      SELECT row_number() OVER (ORDER BY total_revenue DESC, product_id) AS revenue_rank, product_id, product_name,
             category_name, total_quantity_sold, total_revenue::numeric(38, 2), unique_customers, total_orders
        FROM (${productStats(ctx)}) s) t
     WHERE revenue_rank <= 10`,
  product_pricing_analytics: (ctx) => `
    SELECT product_id, product_name, category_name, ${pgRatio('total_revenue', 'total_quantity_sold', 2)},
           ${pgRatio('total_revenue', 'unique_customers', 2)}, ${pgRatio('total_quantity_sold', 'unique_customers', 4)}
      FROM (${productStats(ctx)}) s`,
  product_lifecycle_metrics: (ctx) => `
    SELECT product_id, product_name, category_name, first_sale_at, last_sale_at, lifecycle_days,
           ${pgRatio('total_revenue', 'lifecycle_days', 2)}
      FROM (${productStats(ctx)}) s`,
  category_performance: (ctx) => `
    SELECT category_id, category_name, sum(total_revenue)::numeric(38, 2), sum(total_quantity_sold), count(*),
           ${pgRatio('sum(total_revenue)', 'count(*)', 2)}
      FROM (${productStats(ctx)}) s
     GROUP BY category_id, category_name`,
  user_item_interactions: (ctx) => `
    WITH raw AS (
      SELECT o.customer_id, oi.product_id, 'purchase' AS kind, o.order_date AS at, oi.quantity, o.order_day AS day
        FROM public.order_items oi JOIN (${countedOrders(ctx)}) o ON o.order_id = oi.order_id
      UNION ALL
      SELECT customer_id, product_id, 'cart', added_at, quantity, ${localDay('added_at', ctx.timeZone)} FROM public.carts
      UNION ALL
      SELECT customer_id, product_id, 'wishlist', added_at, NULL, ${localDay('added_at', ctx.timeZone)}
        FROM public.wishlists),
    i AS (
      SELECT customer_id, product_id, kind, at,
             CASE WHEN kind = 'wishlist' THEN ${WISHLIST_WEIGHT}
                  ELSE quantity * ${recencyWeightSql(`(${D(ctx)} - day)`)} END AS weight
        FROM raw WHERE day <= ${D(ctx)} AND customer_id IS NOT NULL)
    SELECT customer_id, product_id, count(*), count(*) FILTER (WHERE kind = 'purchase'),
           count(*) FILTER (WHERE kind = 'cart'), count(*) FILTER (WHERE kind = 'wishlist'),
           sum(weight)::numeric(38, 1), ${pgRatio('sum(weight)', 'count(*)', 4)}, max(at)
      FROM i GROUP BY customer_id, product_id`,
  user_features: (ctx) => `
    WITH u AS (
      SELECT customer_id, sum(avg_weight) AS score, count(*) AS products, max(last_interaction_at) AS last_at,
             sum(interaction_count) AS interactions
        FROM (${PG_MARTS['user_item_interactions']!(ctx)})
             AS ui(${USER_ITEM_INTERACTIONS.columns.map((c) => c.name).join(', ')})
       GROUP BY customer_id),
    p AS (
      SELECT customer_id, count(*) AS orders, sum(total_price) AS spent, min(order_date) AS first_at,
             max(order_date) AS last_at, max(order_day) - min(order_day) AS lifetime_days
        FROM (${countedOrders(ctx)}) o WHERE order_day <= ${D(ctx)} GROUP BY customer_id)
    SELECT u.customer_id, u.score::numeric(38, 4), u.products, ${pgRatio('u.score', 'u.products', 4)}, u.last_at,
           u.interactions, p.orders, p.spent::numeric(38, 2), ${pgRatio('p.spent', 'p.orders', 2)}, p.first_at,
           p.last_at, p.lifetime_days, ${pgRatio('p.orders', 'p.lifetime_days + 1', 4)}
      FROM u LEFT JOIN p ON p.customer_id = u.customer_id`,
  product_features: (ctx) => `
    WITH u AS (
      SELECT product_id, sum(avg_weight) AS score, count(*) AS customers, max(last_interaction_at) AS last_at
        FROM (${PG_MARTS['user_item_interactions']!(ctx)})
             AS ui(${USER_ITEM_INTERACTIONS.columns.map((c) => c.name).join(', ')})
       GROUP BY product_id)
    SELECT p.product_id, p.category_id, p.price::numeric(38, 2), p.created_at,
           ${D(ctx)} - ${localDay('p.created_at', ctx.timeZone)},
           u.score::numeric(38, 4), u.customers, ${pgRatio('u.score', 'u.customers', 4)}, u.last_at,
           s.total_quantity_sold, s.total_orders, ${pgRatio('s.total_revenue', 's.total_quantity_sold', 2)},
           s.total_revenue::numeric(38, 2)
      FROM public.products p
      LEFT JOIN u ON u.product_id = p.product_id
      LEFT JOIN (${productStats(ctx)}) s ON s.product_id = p.product_id`,
};

/** A column as the text Trino's `CAST(… AS VARCHAR)` prints, in PostgreSQL. */
function pgText(column: MartColumn, expr: string): string {
  if (column.type === 'TIMESTAMP(6)')
    return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;
  return `(${expr})::text`;
}

/** A twin's rows as text, ordered by the mart's key. */
export function pgMartTextSql(mart: MartDefinition, ctx: PgContext): string {
  const twin = PG_MARTS[mart.name];
  if (!twin) throw new Error(`no PostgreSQL twin for mart ${mart.name}`);
  const names = mart.columns.map((c) => c.name);
  const select = mart.columns.map((c) => pgText(c, `q.${c.name}`)).join(', ');
  return `SELECT ${select} FROM (${twin(ctx)}) AS q(${names.join(', ')}) ORDER BY ${mart.key.map((k) => `q.${k}`).join(', ')}`;
}

/** Every mart has a twin (a new mart without one fails the acceptance spec at once). */
export const MARTS_WITHOUT_TWIN = MARTS.filter((m) => !PG_MARTS[m.name]).map((m) => m.name);
