/**
 * The fraud job's end-to-end run, in one place for the fraud acceptance specs: {@link jobsE2e} over the fraud
 * job's tables and stages, the seeded `simulate --inject-fraud` run with its ground-truth file, the end-of-stream
 * orders that move every input's watermark past it, and the alert ids of each sink.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebhookReceiver } from '../alerts/testing/webhook-receiver.js';
import { DEFAULT_FRAUD_RULES, FRAUD_TABLES } from '../jobs/fraud/index.js';
import { repartitionTopic } from '../runtime/run/two-phase-kafka-job.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import type { CdcFeed } from './cdc-feeds.js';
import { fraudTruthIds } from './fraud-truth-sql.js';
import type { JobInstance } from './job-instances.js';
import { jobsE2e, type JobsE2e } from './jobs-e2e.js';

/**
 * One line of the simulator's ground-truth file (`--fraud-out`).
 *
 * @example
 * const line: FraudTruth = { pattern: 'burst', scenario_id: 'burst-1', customer_id: 12, order_id: 345 };
 */
export interface FraudTruth {
  pattern: string;
  scenario_id: string;
  customer_id: number;
  order_id: number;
}

/**
 * A seeded injected-fraud run: the ground truth, and `end`, the time of the end-of-stream orders (epoch ms): every
 * order before it is simulated, and the job's watermark passes it.
 *
 * @example
 * const run: FraudRun = { truth: [], end: Date.parse('2026-11-01T01:00:00Z') };
 */
export interface FraudRun {
  readonly truth: readonly FraudTruth[];
  readonly end: number;
}

/**
 * {@link jobsE2e} for the fraud job: its four tables captured, its stages (the routers on every CDC topic, the
 * merge on the repartition topic) checked by `caughtUp()`.
 *
 * @example
 * import { builtinFeed } from './cdc-feeds.js';
 * const e2e = fraudE2e(builtinFeed());
 */
export function fraudE2e(feed: CdcFeed): JobsE2e {
  return jobsE2e(feed, {
    tables: FRAUD_TABLES,
    stages: (run, topics) => [
      ...topics.map((t): [string, string] => ['fraud.partials', t]),
      ['fraud', repartitionTopic(`${run}.fraud`)],
    ],
  });
}

/**
 * Runs `simulate --inject-fraud` with `seed` (historical: `size.days` (default 1) before `until`, `sessionsPerDay`
 * (default 100), 3 scenarios per pattern) against the run's shop database; resolves to the simulator's ground truth.
 *
 * @example
 * declare const e2e: JobsE2e;
 * async function body(): Promise<void> {
 *   const truth = await simulateInjected(e2e, 11, '2026-11-01T00:00:00Z');
 * }
 */
export async function simulateInjected(
  e2e: JobsE2e,
  seed: number,
  until: string,
  size: { readonly days: number; readonly sessionsPerDay: number } = { days: 1, sessionsPerDay: 100 },
): Promise<FraudTruth[]> {
  const truthFile = join(mkdtempSync(join(tmpdir(), 'fraud-truth-')), 'truth.jsonl');
  await e2e.simulate([
    'simulate',
    ...['--historical', String(size.days), '--sessions', String(size.sessionsPerDay)],
    ...['--seed', String(seed), '--until', until],
    ...['--inject-fraud', '--fraud-count', '3', '--fraud-out', truthFile],
  ]);
  return readFileSync(truthFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FraudTruth);
}

/**
 * The end of the stream: 24 orders (with an item and a payment each) an hour after the last, enough for every
 * partition of the three timed topics, so every input's watermark passes the orders before them. (When all inputs
 * go silent at once, idleness cannot move the combined watermark: as in Flink, it waits.) Resolves to their time
 * (epoch ms).
 *
 * @example
 * declare const e2e: JobsE2e;
 * async function body(): Promise<void> {
 *   const end = await endOfStream(e2e);
 * }
 */
export async function endOfStream(e2e: JobsE2e): Promise<number> {
  const { rows } = await e2e.pool.query<{ end: string }>(
    `WITH t AS (SELECT max(order_date) + interval '1 hour' AS at, min(customer_id) AS c FROM orders),
          o AS (INSERT INTO orders (customer_id, order_date, total_price, status)
                SELECT t.c, t.at, 1.00, 'paid' FROM t, generate_series(1, 24) RETURNING order_id, customer_id, order_date),
          i AS (INSERT INTO order_items (order_id, product_id, quantity, price, created_at)
                SELECT order_id, (SELECT min(product_id) FROM products), 1, 1.00, order_date FROM o),
          p AS (INSERT INTO payments (order_id, customer_id, payment_date, payment_method, amount, status)
                SELECT order_id, customer_id, order_date, (SELECT min(payment_method) FROM payments), 1.00,
                       (SELECT min(status) FROM payments)
                  FROM o)
     SELECT (extract(epoch FROM at) * 1000)::bigint AS end FROM t`,
  );
  return Number(rows[0]?.end);
}

/**
 * {@link simulateInjected} for the day before 2026-11-01, then {@link endOfStream}.
 *
 * @example
 * declare const e2e: JobsE2e;
 * async function body(): Promise<void> {
 *   const { truth, end } = await simulateFraud(e2e, 11);
 * }
 */
export async function simulateFraud(e2e: JobsE2e, seed: number): Promise<FraudRun> {
  const truth = await simulateInjected(e2e, seed, '2026-11-01T00:00:00Z');
  return { truth, end: await endOfStream(e2e) };
}

/**
 * The alert ids the run's fraud job committed (`job_results`), sorted.
 *
 * @example
 * declare const e2e: JobsE2e;
 * async function body(): Promise<void> {
 *   const ids = await committedAlertIds(e2e); // ['high-value/12/o345', …]
 * }
 */
export async function committedAlertIds(e2e: JobsE2e): Promise<string[]> {
  const { rows } = await e2e.pool.query<{ key: string }>(
    `SELECT key FROM job_results WHERE job = 'fraud' ORDER BY key`,
  );
  return rows.map((r) => r.key);
}

/**
 * The ids in the `fraud_alerts` table, one per row (a repeated id would show twice), sorted.
 *
 * @example
 * declare const e2e: JobsE2e;
 * async function body(): Promise<void> {
 *   const rows = await tableAlertIds(e2e);
 * }
 */
export async function tableAlertIds(e2e: JobsE2e): Promise<string[]> {
  const { rows } = await e2e.pool.query<{ id: string }>('SELECT id FROM fraud_alerts ORDER BY id');
  return rows.map((r) => r.id);
}

/**
 * The alert ids a webhook receiver got, one per request (`X-Ecom-Alert-Id`).
 *
 * @example
 * declare const receiver: import('../alerts/testing/webhook-receiver.js').WebhookReceiver;
 * const distinct = new Set(receivedAlertIds(receiver));
 */
export function receivedAlertIds(receiver: WebhookReceiver): string[] {
  return receiver.requests.map((r) => String(r.headers['x-ecom-alert-id']));
}

/**
 * Waits until every stage caught up and the committed alerts are exactly `expected` (sorted ids); else throws with
 * what differs, the merge's watermarks and the instances' logs.
 *
 * @example
 * declare const e2e: JobsE2e;
 * async function body(): Promise<void> {
 *   await expectAlerts(e2e, ['high-value/12/o345']);
 * }
 */
export async function expectAlerts(
  e2e: JobsE2e,
  expected: readonly string[],
  timeoutMs = 180_000,
): Promise<void> {
  const same = (ids: readonly string[]) => String(ids) === String(expected);
  await waitFor(async () => (await e2e.caughtUp()) && same(await committedAlertIds(e2e)), timeoutMs).catch(
    () => undefined,
  );
  const ids = await committedAlertIds(e2e);
  const caughtUp = await e2e.caughtUp();
  if (caughtUp && same(ids)) return;
  const { rows } = await e2e.pool.query<{ core: unknown }>(
    `SELECT state -> 'core' -> 'watermarks' AS core FROM job_checkpoints WHERE job = 'fraud'`,
  );
  throw new Error(
    `caught up: ${caughtUp}\n` +
      `alerted, not expected: ${ids.filter((id) => !expected.includes(id)).join(', ')}\n` +
      `expected, not alerted: ${expected.filter((id) => !ids.includes(id)).join(', ')}\n` +
      `merge watermarks: ${JSON.stringify(rows)}\n${e2e.logs()}`,
  );
}

/**
 * The run's fraud job instance `f` (not started), posting its alerts as JSON to `receiver` at up to 100 a second;
 * `env` adds or overrides settings.
 *
 * @example
 * declare const e2e: JobsE2e;
 * declare const receiver: WebhookReceiver;
 * fraudInstance(e2e, receiver, { FRAUD_WEBHOOK_RETRIES: '2' }).start();
 */
export function fraudInstance(
  e2e: JobsE2e,
  receiver: WebhookReceiver,
  env: Readonly<Record<string, string>> = {},
): JobInstance {
  return e2e.instance('fraud', 'f', {
    FRAUD_WEBHOOK_URL: receiver.url,
    FRAUD_WEBHOOK_FORMAT: 'json',
    FRAUD_WEBHOOK_RATE_PER_SEC: '100',
    ...env,
  });
}

/**
 * The ids the job's default rules, written as SQL ({@link fraudTruthIds}), find in the orders before `end`.
 *
 * @example
 * declare const e2e: JobsE2e;
 * async function body(): Promise<void> {
 *   const { end } = await simulateFraud(e2e, 11);
 *   await expectAlerts(e2e, await sqlAlertIds(e2e, end));
 * }
 */
export function sqlAlertIds(e2e: JobsE2e, end: number): Promise<string[]> {
  return fraudTruthIds(e2e.pool, DEFAULT_FRAUD_RULES, end);
}
