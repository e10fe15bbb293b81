/**
 * The fraud rules the end-to-end specs check precision with, written as SQL over the final shop tables: the ids of
 * the alerts that the rules, evaluated as @ecom/fraud evaluates them, must raise. Only the kinds of the job's
 * default rules are written (`velocity` with a look-back window, `high-value`); any other kind throws.
 *
 * The semantics mirrored (libs/fraud/src/evaluate/velocity.ts, high-value.ts):
 * - an order is counted once, by order id, whatever its status (cancelled orders count), at its `order_date`
 *   (epoch ms, the detector's event time);
 * - velocity (look-back): each order is evaluated against the customer's orders in `[t − span, t]`, both ends
 *   inclusive, itself included; more than `maxOrders` alerts on that order: id `<rule>/<customer>/o<order>`. Orders
 *   of the same millisecond are fed in arrival order; here ties are broken by order id (the simulator never gives a
 *   customer two orders in one millisecond; {@link velocityTies} says whether a run did);
 * - high value: an order whose `total_price` is strictly above the threshold (exact numeric comparison): id
 *   `<rule>/<customer>/o<order>`;
 * - paused rules raise nothing.
 */
import { parseRuleDefinition, type RuleDefinition, type RuleDefinitionInput } from '@ecom/fraud';
import type pg from 'pg';

/** Orders as the detector sees them: epoch-ms event time, only those placed before `$1` (epoch ms). */
const ORDERS = `SELECT order_id, customer_id, total_price,
                       floor(extract(epoch FROM order_date) * 1000)::bigint AS t
                  FROM orders
                 WHERE order_date < to_timestamp($1::bigint / 1000.0)`;

const VELOCITY = `WITH o AS (${ORDERS})
SELECT format('%s/%s/o%s', $2::text, a.customer_id, a.order_id) AS id
  FROM o a
 WHERE (SELECT count(*) FROM o b
         WHERE b.customer_id = a.customer_id
           AND b.t BETWEEN a.t - $3::bigint AND a.t
           AND (b.t < a.t OR b.order_id <= a.order_id)) > $4::bigint`;

const HIGH_VALUE = `WITH o AS (${ORDERS})
SELECT format('%s/%s/o%s', $2::text, customer_id, order_id) AS id FROM o WHERE total_price > $3::numeric`;

const TIES = `WITH o AS (${ORDERS})
SELECT count(*)::int AS n FROM (SELECT 1 FROM o GROUP BY customer_id, t HAVING count(*) > 1) d`;

/**
 * The ids of the alerts `rules` raise over the orders placed before `before` (epoch ms), sorted.
 *
 * @throws Error for a rule kind (or a tumbling velocity window) not written in SQL here.
 *
 * @example
 * import pg from 'pg';
 * import { DEFAULT_FRAUD_RULES } from '../jobs/fraud/index.js';
 * async function check(pool: pg.Pool, before: number): Promise<string[]> {
 *   return fraudTruthIds(pool, DEFAULT_FRAUD_RULES, before); // ['high-value/12/o345', 'velocity-1m/7/o101', …]
 * }
 */
export async function fraudTruthIds(
  db: pg.Pool | pg.Client,
  rules: readonly (RuleDefinition | RuleDefinitionInput)[],
  before: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (const input of rules) {
    const rule = parseRuleDefinition(input);
    if (rule.state === 'paused') continue;
    const query = sqlOf(rule);
    const { rows } = await db.query<{ id: string }>(query.text, [before, rule.id, ...query.params]);
    ids.push(...rows.map((r) => r.id));
  }
  return ids.sort();
}

function sqlOf(rule: RuleDefinition): { text: string; params: (string | number)[] } {
  if (rule.kind === 'velocity' && rule.params.window === 'look-back')
    return {
      text: VELOCITY,
      params: [Math.round(rule.params.windowMinutes * 60_000), rule.params.maxOrders],
    };
  if (rule.kind === 'high-value') return { text: HIGH_VALUE, params: [rule.params.threshold] };
  throw new Error(`fraudTruthIds: no SQL for rule ${rule.id} (${rule.kind})`);
}

/**
 * How many (customer, millisecond) pairs before `before` hold more than one order: where the detector's tie order
 * (arrival) and {@link fraudTruthIds}'s (order id) could differ. The specs expect 0.
 *
 * @example
 * import pg from 'pg';
 * async function noTies(pool: pg.Pool): Promise<boolean> {
 *   return (await velocityTies(pool, Date.now())) === 0;
 * }
 */
export async function velocityTies(db: pg.Pool | pg.Client, before: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(TIES, [before]);
  return rows[0]?.n ?? 0;
}
