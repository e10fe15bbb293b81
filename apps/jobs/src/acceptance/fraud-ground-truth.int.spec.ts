// Issue 13 (first end-to-end check of the fraud job): `simulate --inject-fraud` with a fixed seed → the stack's
// PostgreSQL → the built-in CDC source → Kafka (orders, order_items, payments, customers; three partitions) →
// `jobs run fraud` as a real process with the original's two rules. Every injected burst (6–8 orders within a
// minute) is alerted by `velocity-1m` for its customer, and every injected high-value order by `high-value` with
// the order's id. (Precision against the same rules in SQL, the crash test and the other rule kinds: next.)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('alerts every injected burst and high-value order', async () => {
    const fraud = e2e.instance('fraud', 'f');
    fraud.start();
    const truthFile = join(mkdtempSync(join(tmpdir(), 'fraud-truth-')), 'truth.jsonl');
    await e2e.simulate([
      'simulate',
      ...['--historical', '1', '--sessions', '100', '--seed', '11', '--until', '2026-11-01T00:00:00Z'],
      ...['--inject-fraud', '--fraud-count', '3', '--fraud-out', truthFile],
    ]);
    // The end of the stream: an order an hour after the last moves the watermark past every injected order.
    await e2e.pool.query(
      `INSERT INTO orders (customer_id, order_date, total_price, status)
       SELECT min(customer_id), max(order_date) + interval '1 hour', 1.00, 'paid' FROM orders`,
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
    }, 300_000).catch(() => undefined);
    const ids = await alertIds();
    const missing = truth.filter(
      (t) =>
        (t.pattern === 'burst' && !ids.some((id) => id.startsWith(`velocity-1m/${t.customer_id}/`))) ||
        (t.pattern === 'high_value' && !ids.includes(`high-value/${t.customer_id}/o${t.order_id}`)),
    );
    if (missing.length > 0)
      throw new Error(`not alerted: ${JSON.stringify(missing)}\nalerts: ${ids.join(', ')}\n${e2e.logs()}`);
    expect(await e2e.deadLetters()).toEqual([]);
  });
});
