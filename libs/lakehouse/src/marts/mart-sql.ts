/**
 * The SQL pieces the marts share and that mean the same in Trino and PostgreSQL: which orders count, the value
 * tiers, the RFM segment names, the day names. Derived from one list each, so the Trino marts and their
 * PostgreSQL twins (the acceptance check) cannot drift apart.
 */

/**
 * Orders that count as revenue: every status but `cancelled`, as in the streaming revenue job (apps/jobs). The
 * original counted only `completed` in some jobs and every status in others (seed-spec §18 P4).
 *
 * @example
 * `SELECT count(*) FROM orders WHERE ${COUNTED_ORDER}`;
 */
export const COUNTED_ORDER = `status <> 'cancelled'`;

/**
 * The original's customer value tiers in VND (seed-spec §13.6), highest first: at least `min` spent.
 *
 * @example
 * VALUE_TIERS[0]; // { name: 'High Value', min: '100000000' }
 */
export const VALUE_TIERS = [
  { name: 'High Value', min: '100000000' },
  { name: 'Medium Value', min: '10000000' },
] as const;

/** The tier of everyone below the last threshold. */
export const LOWEST_VALUE_TIER = 'Low Value';

/**
 * The customer's value tier as a SQL `CASE` over a money expression (the same text in both engines).
 *
 * @example
 * valueTierSql('total_spent');
 * // "CASE WHEN total_spent >= 100000000 THEN 'High Value' WHEN total_spent >= 10000000 THEN 'Medium Value' ELSE 'Low Value' END"
 */
export function valueTierSql(spent: string): string {
  const whens = VALUE_TIERS.map((t) => `WHEN ${spent} >= ${t.min} THEN '${t.name}'`);
  return `CASE ${whens.join(' ')} ELSE '${LOWEST_VALUE_TIER}' END`;
}

/**
 * The usual RFM segment map on the recency and frequency scores (1–5 each, 5 = most recent / most frequent):
 * each segment with the recency and frequency score ranges it covers. The ranges cover all 25 cells once.
 *
 * @example
 * RFM_SEGMENTS.find((s) => s.name === 'Champions'); // { name: 'Champions', r: [5, 5], f: [4, 5] }
 */
export const RFM_SEGMENTS = [
  { name: 'Champions', r: [5, 5], f: [4, 5] },
  { name: 'Loyal Customers', r: [3, 4], f: [4, 5] },
  { name: 'Potential Loyalists', r: [4, 5], f: [2, 3] },
  { name: 'New Customers', r: [5, 5], f: [1, 1] },
  { name: 'Promising', r: [4, 4], f: [1, 1] },
  { name: 'Need Attention', r: [3, 3], f: [3, 3] },
  { name: 'About to Sleep', r: [3, 3], f: [1, 2] },
  { name: "Can't Lose Them", r: [1, 2], f: [5, 5] },
  { name: 'At Risk', r: [1, 2], f: [3, 4] },
  { name: 'Hibernating', r: [1, 2], f: [1, 2] },
] as const;

/**
 * The RFM segment name as a SQL `CASE` over the recency and frequency score expressions.
 *
 * @example
 * rfmSegmentSql('r_score', 'f_score'); // "CASE WHEN r_score BETWEEN 5 AND 5 AND f_score BETWEEN 4 AND 5 THEN 'Champions' … END"
 */
export function rfmSegmentSql(r: string, f: string): string {
  const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;
  const whens = RFM_SEGMENTS.map(
    (s) =>
      `WHEN ${r} BETWEEN ${s.r[0]} AND ${s.r[1]} AND ${f} BETWEEN ${s.f[0]} AND ${s.f[1]} THEN ${quote(s.name)}`,
  );
  return `CASE ${whens.join(' ')} END`;
}

/**
 * ISO day names, Monday = 1 … Sunday = 7 (Trino's `day_of_week`, PostgreSQL's `isodow`).
 *
 * @example
 * ISO_DAY_NAMES[6]; // 'Sunday'
 */
export const ISO_DAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/**
 * The day name as a SQL `CASE` over an ISO day-of-week expression (no locale-dependent formatting).
 *
 * @example
 * dayNameSql('dow'); // "CASE dow WHEN 1 THEN 'Monday' … WHEN 7 THEN 'Sunday' END"
 */
export function dayNameSql(isoDow: string): string {
  return `CASE ${isoDow} ${ISO_DAY_NAMES.map((d, i) => `WHEN ${i + 1} THEN '${d}'`).join(' ')} END`;
}

/**
 * The three RFM scores as window expressions over one row per customer with `last_order_at`, `total_orders`,
 * `total_spent` and `customer_id`: quintiles (`ntile(5)`, 5 = most recent / most orders / most spent), ties
 * broken by `customer_id` so that both engines score every customer alike.
 *
 * @example
 * `SELECT c.*, ${RFM_SCORES_SQL} FROM c`;
 */
export const RFM_SCORES_SQL = [
  `ntile(5) OVER (ORDER BY last_order_at, customer_id) AS r_score`,
  `ntile(5) OVER (ORDER BY total_orders, customer_id) AS f_score`,
  `ntile(5) OVER (ORDER BY total_spent, customer_id) AS m_score`,
].join(', ');

/**
 * The original's recency weights for ML interactions (seed-spec §13.7): at most `maxDays` days ago weighs
 * `weight`; older than the last weighs {@link OLDEST_RECENCY_WEIGHT}. Wishlist entries weigh
 * {@link WISHLIST_WEIGHT}, with no recency.
 *
 * @example
 * RECENCY_WEIGHTS[0]; // { maxDays: 30, weight: '1.0' }
 */
export const RECENCY_WEIGHTS = [
  { maxDays: 30, weight: '1.0' },
  { maxDays: 90, weight: '0.8' },
  { maxDays: 180, weight: '0.6' },
] as const;

/** The weight of interactions older than the last of {@link RECENCY_WEIGHTS}. */
export const OLDEST_RECENCY_WEIGHT = '0.4';

/** The constant weight of a wishlist entry. */
export const WISHLIST_WEIGHT = '0.6';

/**
 * The recency weight as a SQL `CASE` over a days-ago expression (decimal literals: exact in both engines).
 *
 * @example
 * recencyWeightSql('days_ago'); // 'CASE WHEN days_ago <= 30 THEN 1.0 WHEN days_ago <= 90 THEN 0.8 … ELSE 0.4 END'
 */
export function recencyWeightSql(daysAgo: string): string {
  const whens = RECENCY_WEIGHTS.map((w) => `WHEN ${daysAgo} <= ${w.maxDays} THEN ${w.weight}`);
  return `CASE ${whens.join(' ')} ELSE ${OLDEST_RECENCY_WEIGHT} END`;
}
