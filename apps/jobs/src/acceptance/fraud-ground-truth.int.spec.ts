// Issue 13 (first end-to-end check of the fraud job): `simulate --inject-fraud` with a fixed seed → the stack's
// PostgreSQL → the built-in CDC source → Kafka (orders, order_items, payments, customers; three partitions) →
// `jobs run fraud` as a real process with the original's two rules. Every injected burst (6–8 orders within a
// minute) is alerted by `velocity-1m` for its customer, and every injected high-value order by `high-value` with
// the order's id; each alert is in job_results, in fraud_alerts and at a real local webhook receiver once.
// (Precision against the same rules in SQL, the crash test and the other rule kinds: next.)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver, type WebhookReceiver } from '../alerts/testing/webhook-receiver.js';
import { FRAUD_TABLES } from '../jobs/fraud/index.js';
import { repartitionTopic } from '../runtime/run/two-phase-kafka-job.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { builtinFeed } from '../testing/cdc-feeds.js';
import { jobsE2e } from '../testing/jobs-e2e.js';

jest.setTimeout(900_000);

interface Truth {
  pattern: string;
  scenario_id: string;
  customer_id: number;
  order_id: number;
}

describe('the fraud job end to end: injected fraud → PostgreSQL → CDC → Kafka → jobs run fraud', () => {
  const e2e = jobsE2e(builtinFeed(), {
    tables: FRAUD_TABLES,
    stages: (run, topics) => [
      ...topics.map((t): [string, string] => ['fraud.partials', t]),
      ['fraud', repartitionTopic(`${run}.fraud`)],
    ],
  });

  let receiver: WebhookReceiver | undefined;
  afterAll(() => receiver?.close());

  it('alerts every injected burst and high-value order, once each in every sink', async () => {
    receiver = await startReceiver(() => ({ status: 200 }));
    const fraud = e2e.instance('fraud', 'f', {
      FRAUD_WEBHOOK_URL: receiver.url,
      FRAUD_WEBHOOK_FORMAT: 'json',
      FRAUD_WEBHOOK_RATE_PER_SEC: '100',
    });
    fraud.start();
    const truthFile = join(mkdtempSync(join(tmpdir(), 'fraud-truth-')), 'truth.jsonl');
    await e2e.simulate([
      'simulate',
      ...['--historical', '1', '--sessions', '100', '--seed', '11', '--until', '2026-11-01T00:00:00Z'],
      ...['--inject-fraud', '--fraud-count', '3', '--fraud-out', truthFile],
    ]);
    // The end of the stream: orders (with an item and a payment each) an hour after the last, enough of them for
    // every partition of the three timed topics, move every input's watermark past the injected orders. (When all
    // inputs go silent at once, idleness cannot move the combined watermark: as in Flink, it waits.)
    await e2e.pool.query(
      `WITH t AS (SELECT max(order_date) + interval '1 hour' AS at, min(customer_id) AS c FROM orders),
            o AS (INSERT INTO orders (customer_id, order_date, total_price, status)
                  SELECT t.c, t.at, 1.00, 'paid' FROM t, generate_series(1, 24) RETURNING order_id, customer_id, order_date),
            i AS (INSERT INTO order_items (order_id, product_id, quantity, price, created_at)
                  SELECT order_id, (SELECT min(product_id) FROM products), 1, 1.00, order_date FROM o)
       INSERT INTO payments (order_id, customer_id, payment_date, payment_method, amount, status)
       SELECT order_id, customer_id, order_date, (SELECT min(payment_method) FROM payments), 1.00,
              (SELECT min(status) FROM payments)
         FROM o`,
    );
    const truth = readFileSync(truthFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Truth);
    const bursts = new Set(truth.filter((t) => t.pattern === 'burst').map((t) => t.customer_id));
    const highValue = truth.filter((t) => t.pattern === 'high_value');
    expect(bursts.size).toBeGreaterThan(0);
    expect(highValue.length).toBeGreaterThan(0);

    const expected = [
      ...[...bursts].map((customer) => (id: string) => id.startsWith(`velocity-1m/${customer}/`)),
      ...highValue.map((t) => (id: string) => id === `high-value/${t.customer_id}/o${t.order_id}`),
    ];
    const alertIds = async () => {
      const { rows } = await e2e.pool.query<{ key: string }>(
        `SELECT key FROM job_results WHERE job = 'fraud'`,
      );
      return rows.map((r) => r.key);
    };
    await waitFor(async () => {
      const ids = await alertIds();
      return (await e2e.caughtUp()) && expected.every((match) => ids.some(match));
    }, 120_000).catch(() => undefined);
    const ids = await alertIds();
    const missing = truth.filter(
      (t) =>
        (t.pattern === 'burst' && !ids.some((id) => id.startsWith(`velocity-1m/${t.customer_id}/`))) ||
        (t.pattern === 'high_value' && !ids.includes(`high-value/${t.customer_id}/o${t.order_id}`)),
    );
    if (missing.length > 0) {
      const { rows: merge } = await e2e.pool.query<{ core: unknown }>(
        `SELECT state -> 'core' -> 'watermarks' AS core FROM job_checkpoints WHERE job = 'fraud'`,
      );
      throw new Error(
        `not alerted: ${JSON.stringify(missing)}\nalerts: ${ids.join(', ')}\n` +
          `merge watermarks: ${JSON.stringify(merge)}\n${e2e.logs()}`,
      );
    }
    // Every sink holds each alert once: job_results (the compacted topic's source), fraud_alerts, the webhook.
    const { rows } = await e2e.pool.query<{ id: string }>('SELECT id FROM fraud_alerts');
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    await waitFor(async () => (receiver?.requests.length ?? 0) >= ids.length, 30_000).catch(() => undefined);
    const delivered = (receiver?.requests ?? []).map((r) => String(r.headers['x-ecom-alert-id']));
    expect([...new Set(delivered)].sort()).toEqual([...ids].sort());
    expect(await e2e.deadLetters()).toEqual([]);
  });
});
