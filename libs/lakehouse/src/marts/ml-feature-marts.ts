/**
 * The ML features of the original's unfinished create_feature_ml job (seed-spec §13.7) as Trino SQL, with the
 * columns that exist: `user_item_interactions` from purchases (counted orders), carts and wishlists up to the
 * analysis date, with the original's recency weights, and `user_features` and `product_features` derived from it
 * and the orders.
 */
import { COUNTED_ORDER, WISHLIST_WEIGHT, recencyWeightSql } from './mart-sql.js';
import { trinoLocalDay, type MartDefinition } from './mart-definition.js';
import { productStats } from './product-marts.js';
import { trinoRatio } from './trino-ratio.js';

/**
 * `user_item_interactions`: per (customer, product) with an interaction up to the analysis date. A purchase (one
 * order line) and a cart entry weigh quantity × recency weight (1.0 within 30 days of the analysis date, 0.8
 * within 90, 0.6 within 180, else 0.4, in shop-local days); a wishlist entry weighs 0.6.
 *
 * @example
 * USER_ITEM_INTERACTIONS.key; // ['customer_id', 'product_id']
 */
export const USER_ITEM_INTERACTIONS: MartDefinition = {
  name: 'user_item_interactions',
  columns: [
    { name: 'customer_id', type: 'BIGINT' },
    { name: 'product_id', type: 'BIGINT' },
    { name: 'interaction_count', type: 'BIGINT' },
    { name: 'purchase_count', type: 'BIGINT' },
    { name: 'cart_count', type: 'BIGINT' },
    { name: 'wishlist_count', type: 'BIGINT' },
    { name: 'total_weight', type: 'DECIMAL(38, 1)' },
    { name: 'avg_weight', type: 'DECIMAL(38, 4)' },
    { name: 'last_interaction_at', type: 'TIMESTAMP(6)' },
  ],
  key: ['customer_id', 'product_id'],
  select: (ctx) => {
    const day = (column: string) => trinoLocalDay(column, ctx.timeZone);
    return `
    WITH raw AS (
      SELECT o.customer_id, oi.product_id, 'purchase' AS kind, o.order_date AS at, oi.quantity, ${day('o.order_date')} AS day
        FROM ${ctx.table('order_items')} oi
        JOIN (SELECT * FROM ${ctx.table('orders')} WHERE ${COUNTED_ORDER}) o ON o.order_id = oi.order_id
      UNION ALL
      SELECT customer_id, product_id, 'cart', added_at, quantity, ${day('added_at')} FROM ${ctx.table('carts')}
      UNION ALL
      SELECT customer_id, product_id, 'wishlist', added_at, NULL, ${day('added_at')} FROM ${ctx.table('wishlists')}),
    i AS (
      SELECT customer_id, product_id, kind, at,
             CASE WHEN kind = 'wishlist' THEN ${WISHLIST_WEIGHT}
                  ELSE quantity * ${recencyWeightSql(`date_diff('day', day, DATE '${ctx.analysisDate}')`)} END AS weight
        FROM raw WHERE day <= DATE '${ctx.analysisDate}' AND customer_id IS NOT NULL)
    SELECT customer_id, product_id, count(*), count_if(kind = 'purchase'), count_if(kind = 'cart'),
           count_if(kind = 'wishlist'), CAST(sum(weight) AS DECIMAL(38, 1)), ${trinoRatio('sum(weight)', 'count(*)', 4)},
           max(at)
      FROM i GROUP BY customer_id, product_id`;
  },
};

/** `user_item_interactions`'s SELECT as a subquery with its column names. */
const interactions = (sql: string) =>
  `(${sql}) AS ui(${USER_ITEM_INTERACTIONS.columns.map((c) => c.name).join(', ')})`;

/**
 * `user_features`: per customer with an interaction, the interaction profile (from `user_item_interactions`) and
 * the purchase profile (counted orders up to the analysis date; NULL without one). The original's customer
 * columns (age, gender, location, registration date) do not exist and are not invented.
 *
 * @example
 * USER_FEATURES.key; // ['customer_id']
 */
export const USER_FEATURES: MartDefinition = {
  name: 'user_features',
  columns: [
    { name: 'customer_id', type: 'BIGINT' },
    { name: 'total_activity_score', type: 'DECIMAL(38, 4)' },
    { name: 'unique_products_interacted', type: 'BIGINT' },
    { name: 'avg_interaction_strength', type: 'DECIMAL(38, 4)' },
    { name: 'last_activity_at', type: 'TIMESTAMP(6)' },
    { name: 'total_interactions', type: 'BIGINT' },
    { name: 'total_orders', type: 'BIGINT' },
    { name: 'total_spent', type: 'DECIMAL(38, 2)' },
    { name: 'avg_order_value', type: 'DECIMAL(38, 2)' },
    { name: 'first_purchase_at', type: 'TIMESTAMP(6)' },
    { name: 'last_purchase_at', type: 'TIMESTAMP(6)' },
    { name: 'customer_lifetime_days', type: 'BIGINT' },
    { name: 'purchase_frequency', type: 'DECIMAL(38, 4)' },
  ],
  key: ['customer_id'],
  select: (ctx) => `
    WITH u AS (
      SELECT customer_id, sum(avg_weight) AS score, count(*) AS products, max(last_interaction_at) AS last_at,
             sum(interaction_count) AS interactions
        FROM ${interactions(USER_ITEM_INTERACTIONS.select(ctx))} GROUP BY customer_id),
    p AS (
      SELECT customer_id, count(*) AS orders, sum(total_price) AS spent, min(order_date) AS first_at,
             max(order_date) AS last_at, date_diff('day', min(day), max(day)) AS lifetime_days
        FROM (SELECT customer_id, total_price, order_date, ${trinoLocalDay('order_date', ctx.timeZone)} AS day
                FROM ${ctx.table('orders')} WHERE ${COUNTED_ORDER}) o
       WHERE day <= DATE '${ctx.analysisDate}' GROUP BY customer_id)
    SELECT u.customer_id, u.score, u.products, ${trinoRatio('u.score', 'u.products', 4)}, u.last_at, u.interactions,
           p.orders, CAST(p.spent AS DECIMAL(38, 2)), ${trinoRatio('p.spent', 'p.orders', 2)}, p.first_at, p.last_at,
           p.lifetime_days, ${trinoRatio('p.orders', 'p.lifetime_days + 1', 4)}
      FROM u LEFT JOIN p ON p.customer_id = u.customer_id`,
};

/**
 * `product_features`: per product of the shop, its popularity (from `user_item_interactions`;
 * NULL without interactions), its sales (the product marts' base; NULL without sales) and its age. The
 * original's brand, rating and review count do not exist; its `avg_user_rating` (the mean interaction weight)
 * is called what it is, `avg_interaction_strength`. `days_since_launch` (shop-local days from `created_at` to the
 * analysis date) is negative for a product created later: every product is listed, as the simulator back-dates
 * orders but not its catalogue.
 *
 * @example
 * PRODUCT_FEATURES.key; // ['product_id']
 */
export const PRODUCT_FEATURES: MartDefinition = {
  name: 'product_features',
  columns: [
    { name: 'product_id', type: 'BIGINT' },
    { name: 'category_id', type: 'BIGINT' },
    { name: 'price', type: 'DECIMAL(38, 2)' },
    { name: 'created_at', type: 'TIMESTAMP(6)' },
    { name: 'days_since_launch', type: 'BIGINT' },
    { name: 'total_popularity_score', type: 'DECIMAL(38, 4)' },
    { name: 'total_customers_interacted', type: 'BIGINT' },
    { name: 'avg_interaction_strength', type: 'DECIMAL(38, 4)' },
    { name: 'last_interaction_at', type: 'TIMESTAMP(6)' },
    { name: 'total_sold', type: 'BIGINT' },
    { name: 'total_orders', type: 'BIGINT' },
    { name: 'avg_selling_price', type: 'DECIMAL(38, 2)' },
    { name: 'total_revenue', type: 'DECIMAL(38, 2)' },
  ],
  key: ['product_id'],
  select: (ctx) => `
    WITH u AS (
      SELECT product_id, sum(avg_weight) AS score, count(*) AS customers, max(last_interaction_at) AS last_at
        FROM ${interactions(USER_ITEM_INTERACTIONS.select(ctx))} GROUP BY product_id)
    SELECT p.product_id, p.category_id, p.price, p.created_at,
           date_diff('day', ${trinoLocalDay('p.created_at', ctx.timeZone)}, DATE '${ctx.analysisDate}'),
           u.score, u.customers, ${trinoRatio('u.score', 'u.customers', 4)}, u.last_at,
           s.total_quantity_sold, s.total_orders, ${trinoRatio('s.total_revenue', 's.total_quantity_sold', 2)},
           CAST(s.total_revenue AS DECIMAL(38, 2))
      FROM ${ctx.table('products')} p
      LEFT JOIN u ON u.product_id = p.product_id
      LEFT JOIN (${productStats(ctx)}) s ON s.product_id = p.product_id`,
};
