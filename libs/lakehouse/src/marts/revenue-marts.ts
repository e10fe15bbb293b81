/**
 * The original's revenue_stat job (seed-spec §13.5) as Trino SQL: `revenue_daily` and `revenue_monthly`, with days
 * and months in the shop's time zone (the original's were UTC) and the month-over-month growth it commented out.
 */
import { COUNTED_ORDER, dayNameSql } from './mart-sql.js';
import { trinoLocalDay, type MartContext, type MartDefinition } from './mart-definition.js';
import { trinoRatio } from './trino-ratio.js';

const MONEY = 'DECIMAL(38, 2)' as const;

/** Counted orders with their local day, up to the end of the analysis date. */
const countedOrders = (ctx: MartContext) =>
  `SELECT order_id, customer_id, total_price, ${trinoLocalDay('order_date', ctx.timeZone)} AS order_day
     FROM ${ctx.table('orders')} WHERE ${COUNTED_ORDER}`;

/**
 * `revenue_daily`: per day of the 90 days ending on the analysis date (days with counted orders only).
 *
 * @example
 * REVENUE_DAILY.select({ table: (t) => `lake.shop.${t}`, analysisDate: '2026-12-01', timeZone: 'Asia/Ho_Chi_Minh' });
 */
export const REVENUE_DAILY: MartDefinition = {
  name: 'revenue_daily',
  columns: [
    { name: 'order_day', type: 'DATE' },
    { name: 'day_of_week', type: 'BIGINT' },
    { name: 'day_name', type: 'VARCHAR' },
    { name: 'is_weekend', type: 'BOOLEAN' },
    { name: 'daily_revenue', type: MONEY },
    { name: 'daily_orders', type: 'BIGINT' },
    { name: 'daily_unique_customers', type: 'BIGINT' },
    { name: 'daily_avg_order_value', type: MONEY },
    { name: 'revenue_per_customer', type: MONEY },
  ],
  key: ['order_day'],
  select: (ctx) => `
    WITH o AS (${countedOrders(ctx)})
    SELECT order_day, day_of_week(order_day), ${dayNameSql('day_of_week(order_day)')}, day_of_week(order_day) >= 6,
           CAST(sum(total_price) AS ${MONEY}), count(*), count(DISTINCT customer_id),
           ${trinoRatio('sum(total_price)', 'count(*)', 2)},
           ${trinoRatio('sum(total_price)', 'count(DISTINCT customer_id)', 2)}
      FROM o
     WHERE order_day BETWEEN DATE '${ctx.analysisDate}' - INTERVAL '89' DAY AND DATE '${ctx.analysisDate}'
     GROUP BY order_day`,
};

/**
 * `revenue_monthly`: per calendar month of the 12 ending with the analysis date's month, with the previous
 * month's revenue and the growth of revenue and customers in percent (NULL when the previous month had none).
 *
 * @example
 * REVENUE_MONTHLY.columns.map((c) => c.name).includes('revenue_growth_pct'); // true
 */
export const REVENUE_MONTHLY: MartDefinition = {
  name: 'revenue_monthly',
  columns: [
    { name: 'order_month', type: 'DATE' },
    { name: 'total_orders', type: 'BIGINT' },
    { name: 'unique_customers', type: 'BIGINT' },
    { name: 'total_revenue', type: MONEY },
    { name: 'avg_order_value', type: MONEY },
    { name: 'avg_revenue_per_customer', type: MONEY },
    { name: 'orders_per_customer', type: 'DECIMAL(38, 4)' },
    { name: 'prev_month_revenue', type: MONEY },
    { name: 'revenue_growth_pct', type: MONEY },
    { name: 'customer_growth_pct', type: MONEY },
  ],
  key: ['order_month'],
  select: (ctx) => {
    const month = `date_trunc('month', DATE '${ctx.analysisDate}')`;
    return `
    WITH o AS (${countedOrders(ctx)}),
    m AS (
      SELECT date_trunc('month', order_day) AS order_month, count(*) AS total_orders,
             count(DISTINCT customer_id) AS unique_customers, sum(total_price) AS total_revenue
        FROM o
       WHERE order_day >= ${month} - INTERVAL '12' MONTH AND order_day <= DATE '${ctx.analysisDate}'
       GROUP BY 1)
    SELECT cur.order_month, cur.total_orders, cur.unique_customers, CAST(cur.total_revenue AS ${MONEY}),
           ${trinoRatio('cur.total_revenue', 'cur.total_orders', 2)},
           ${trinoRatio('cur.total_revenue', 'cur.unique_customers', 2)},
           ${trinoRatio('cur.total_orders', 'cur.unique_customers', 4)},
           CAST(prev.total_revenue AS ${MONEY}),
           ${trinoRatio('(cur.total_revenue - prev.total_revenue) * 100', 'prev.total_revenue', 2)},
           ${trinoRatio('(cur.unique_customers - prev.unique_customers) * 100', 'prev.unique_customers', 2)}
      FROM m cur LEFT JOIN m prev ON prev.order_month = cur.order_month - INTERVAL '1' MONTH
     WHERE cur.order_month >= ${month} - INTERVAL '11' MONTH`;
  },
};
