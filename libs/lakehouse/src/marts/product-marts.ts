/**
 * The original's analytic_product job (seed-spec §13.4) as Trino SQL, over counted orders up to the analysis date:
 * `top_products_summary`, `product_pricing_analytics`, `product_lifecycle_metrics`, `category_performance`. Fixed:
 * `total_orders` counts orders (the original counted line items), the average selling price is weighted by
 * quantity, and the lifecycle counts both end days, so a product sold on one day has 1 day, not 0 (the original
 * dropped those products).
 */
import { COUNTED_ORDER } from './mart-sql.js';
import { trinoLocalDay, type MartContext, type MartDefinition } from './mart-definition.js';
import { trinoRatio } from './trino-ratio.js';

const MONEY = 'DECIMAL(38, 2)' as const;
const PRODUCT = [
  { name: 'product_id', type: 'BIGINT' },
  { name: 'product_name', type: 'VARCHAR' },
  { name: 'category_name', type: 'VARCHAR' },
] as const;

/**
 * One row per product sold in a counted order up to the analysis date, with its sales figures (`product_id`,
 * `product_name`, `category_id`, `category_name`, `total_quantity_sold`, `total_revenue`, `unique_customers`,
 * `total_orders`, `first_sale_at`, `last_sale_at`, `lifecycle_days`): the base of the product marts.
 *
 * @example
 * productStats({ table: (t) => `lake.shop.${t}`, analysisDate: '2026-12-01', timeZone: 'Asia/Ho_Chi_Minh' });
 */
export const productStats = (ctx: MartContext): string => `
  SELECT p.product_id, p.name AS product_name, c.category_id, c.name AS category_name,
         sum(oi.quantity) AS total_quantity_sold, sum(oi.quantity * oi.price) AS total_revenue,
         count(DISTINCT o.customer_id) AS unique_customers, count(DISTINCT o.order_id) AS total_orders,
         min(o.order_date) AS first_sale_at, max(o.order_date) AS last_sale_at,
         date_diff('day', min(o.order_day), max(o.order_day)) + 1 AS lifecycle_days
    FROM ${ctx.table('order_items')} oi
    JOIN (SELECT order_id, customer_id, order_date, ${trinoLocalDay('order_date', ctx.timeZone)} AS order_day
            FROM ${ctx.table('orders')} WHERE ${COUNTED_ORDER}) o ON o.order_id = oi.order_id
    JOIN ${ctx.table('products')} p ON p.product_id = oi.product_id
    JOIN ${ctx.table('categories')} c ON c.category_id = p.category_id
   WHERE o.order_day <= DATE '${ctx.analysisDate}'
   GROUP BY p.product_id, p.name, c.category_id, c.name`;

/**
 * `top_products_summary`: the 10 products with the most revenue (ties by `product_id`), ranked.
 *
 * @example
 * TOP_PRODUCTS_SUMMARY.key; // ['revenue_rank']
 */
export const TOP_PRODUCTS_SUMMARY: MartDefinition = {
  name: 'top_products_summary',
  columns: [
    { name: 'revenue_rank', type: 'BIGINT' },
    ...PRODUCT,
    { name: 'total_quantity_sold', type: 'BIGINT' },
    { name: 'total_revenue', type: MONEY },
    { name: 'unique_customers', type: 'BIGINT' },
    { name: 'total_orders', type: 'BIGINT' },
  ],
  key: ['revenue_rank'],
  select: (ctx) => `
    SELECT * FROM (
      SELECT row_number() OVER (ORDER BY total_revenue DESC, product_id) AS revenue_rank, product_id, product_name,
             category_name, total_quantity_sold, CAST(total_revenue AS ${MONEY}) AS total_revenue, unique_customers,
             total_orders
        FROM (${productStats(ctx)}) s) t
     WHERE revenue_rank <= 10`,
};

/**
 * `product_pricing_analytics`: per product, the quantity-weighted average selling price and the revenue and
 * quantity per customer.
 *
 * @example
 * PRODUCT_PRICING_ANALYTICS.key; // ['product_id']
 */
export const PRODUCT_PRICING_ANALYTICS: MartDefinition = {
  name: 'product_pricing_analytics',
  columns: [
    ...PRODUCT,
    { name: 'avg_selling_price', type: MONEY },
    { name: 'avg_revenue_per_customer', type: MONEY },
    { name: 'avg_quantity_per_customer', type: 'DECIMAL(38, 4)' },
  ],
  key: ['product_id'],
  select: (ctx) => `
    SELECT product_id, product_name, category_name,
           ${trinoRatio('total_revenue', 'total_quantity_sold', 2)},
           ${trinoRatio('total_revenue', 'unique_customers', 2)},
           ${trinoRatio('total_quantity_sold', 'unique_customers', 4)}
      FROM (${productStats(ctx)}) s`,
};

/**
 * `product_lifecycle_metrics`: per product, its first and last sale, the days between them (both counted) and
 * the revenue per day of that span.
 *
 * @example
 * PRODUCT_LIFECYCLE_METRICS.columns.some((c) => c.name === 'revenue_per_day'); // true
 */
export const PRODUCT_LIFECYCLE_METRICS: MartDefinition = {
  name: 'product_lifecycle_metrics',
  columns: [
    ...PRODUCT,
    { name: 'first_sale_at', type: 'TIMESTAMP(6)' },
    { name: 'last_sale_at', type: 'TIMESTAMP(6)' },
    { name: 'product_lifecycle_days', type: 'BIGINT' },
    { name: 'revenue_per_day', type: MONEY },
  ],
  key: ['product_id'],
  select: (ctx) => `
    SELECT product_id, product_name, category_name, first_sale_at, last_sale_at, lifecycle_days,
           ${trinoRatio('total_revenue', 'lifecycle_days', 2)}
      FROM (${productStats(ctx)}) s`,
};

/**
 * `category_performance`: per category with sales, its revenue, quantity, products sold and average revenue
 * per product sold.
 *
 * @example
 * CATEGORY_PERFORMANCE.key; // ['category_id']
 */
export const CATEGORY_PERFORMANCE: MartDefinition = {
  name: 'category_performance',
  columns: [
    { name: 'category_id', type: 'BIGINT' },
    { name: 'category_name', type: 'VARCHAR' },
    { name: 'category_total_revenue', type: MONEY },
    { name: 'category_total_quantity', type: 'BIGINT' },
    { name: 'active_products_count', type: 'BIGINT' },
    { name: 'avg_product_revenue', type: MONEY },
  ],
  key: ['category_id'],
  select: (ctx) => `
    SELECT category_id, category_name, CAST(sum(total_revenue) AS ${MONEY}), sum(total_quantity_sold), count(*),
           ${trinoRatio('sum(total_revenue)', 'count(*)', 2)}
      FROM (${productStats(ctx)}) s
     GROUP BY category_id, category_name`,
};
