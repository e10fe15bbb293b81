/**
 * The original's seg_customer job (seed-spec §13.6) as Trino SQL, fixed: the same counted orders as the revenue
 * marts, the days between orders over n − 1 gaps, and real RFM scores (quintiles) with the usual segment names
 * next to the original's value tiers.
 */
import { COUNTED_ORDER, RFM_SCORES_SQL, rfmSegmentSql, valueTierSql } from './mart-sql.js';
import { trinoLocalDay, type MartDefinition } from './mart-definition.js';
import { trinoRatio } from './trino-ratio.js';

const MONEY = 'DECIMAL(38, 2)' as const;

/**
 * `customer_segments`: one row per customer with a counted order up to the analysis date. Scores are quintiles
 * (`ntile(5)`, 5 best) of the last order's instant, the order count and the money spent, ties broken by
 * `customer_id`, so both engines give every customer the same score.
 *
 * @example
 * CUSTOMER_SEGMENTS.key; // ['customer_id']
 */
export const CUSTOMER_SEGMENTS: MartDefinition = {
  name: 'customer_segments',
  columns: [
    { name: 'customer_id', type: 'BIGINT' },
    { name: 'last_name', type: 'VARCHAR' },
    { name: 'email', type: 'VARCHAR' },
    { name: 'total_orders', type: 'BIGINT' },
    { name: 'total_spent', type: MONEY },
    { name: 'avg_order_value', type: MONEY },
    { name: 'first_order_at', type: 'TIMESTAMP(6)' },
    { name: 'last_order_at', type: 'TIMESTAMP(6)' },
    { name: 'customer_lifetime_days', type: 'BIGINT' },
    { name: 'avg_days_between_orders', type: MONEY },
    { name: 'recency_days', type: 'BIGINT' },
    { name: 'value_segment', type: 'VARCHAR' },
    { name: 'r_score', type: 'BIGINT' },
    { name: 'f_score', type: 'BIGINT' },
    { name: 'm_score', type: 'BIGINT' },
    { name: 'rfm_segment', type: 'VARCHAR' },
  ],
  key: ['customer_id'],
  select: (ctx) => `
    WITH o AS (
      SELECT customer_id, total_price, order_date, ${trinoLocalDay('order_date', ctx.timeZone)} AS order_day
        FROM ${ctx.table('orders')} WHERE ${COUNTED_ORDER} AND customer_id IS NOT NULL),
    c AS (
      SELECT customer_id, count(*) AS total_orders, sum(total_price) AS total_spent,
             min(order_date) AS first_order_at, max(order_date) AS last_order_at,
             date_diff('day', min(order_day), max(order_day)) AS lifetime_days,
             date_diff('day', max(order_day), DATE '${ctx.analysisDate}') AS recency_days
        FROM o WHERE order_day <= DATE '${ctx.analysisDate}'
       GROUP BY customer_id),
    s AS (
      SELECT c.*, ${RFM_SCORES_SQL} FROM c)
    SELECT s.customer_id, cu.last_name, cu.email, s.total_orders, CAST(s.total_spent AS ${MONEY}),
           ${trinoRatio('s.total_spent', 's.total_orders', 2)}, s.first_order_at, s.last_order_at, s.lifetime_days,
           ${trinoRatio('s.lifetime_days', 's.total_orders - 1', 2)}, s.recency_days, ${valueTierSql('s.total_spent')},
           s.r_score, s.f_score, s.m_score, ${rfmSegmentSql('s.r_score', 's.f_score')}
      FROM s LEFT JOIN ${ctx.table('customers')} cu ON cu.customer_id = s.customer_id`,
};
