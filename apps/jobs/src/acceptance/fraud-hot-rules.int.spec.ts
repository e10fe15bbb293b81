// Issue 13 §3 "Hot rules" and "Bad rule definitions", on the real stack: `jobs run fraud` as a real process over the
// built-in CDC source (the stack's PostgreSQL → Kafka), its rules from FRAUD_RULES_FILE and the run's rules topic.
// While it runs, `jobs rules` (the real CLI operations: table fraud_rules + the topic) pauses a rule and adds one,
// and a writer that bypasses the CLI publishes a bad definition for the added rule: from the next order on the
// paused rule alerts no more, the added one alerts, the bad definition is dead-lettered with its rule id and zod
// issue, and the running rules are untouched. A SIGKILL and restart in between keeps the changed rules (the merge's
// checkpoint), even though FRAUD_RULES_FILE still says `hv` is active.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK } from '../../../../libs/cdc/test/stack-services.js';
import { FRAUD_TABLES } from '../jobs/fraud/index.js';
import { opsFromEnv } from '../ops-commands.js';
import { buildProgram } from '../program.js';
import { repartitionTopic } from '../runtime/run/two-phase-kafka-job.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { builtinFeed } from '../testing/cdc-feeds.js';
import { jobsE2e } from '../testing/jobs-e2e.js';

jest.setTimeout(600_000);

const BASE = Date.parse('2026-11-02T00:00:00Z');
const MINUTE = 60_000;

describe('hot rules: pause, add and a bad definition while `jobs run fraud` runs', () => {
  let rulesTopic = '';
  const e2e = jobsE2e(builtinFeed(), {
    tables: FRAUD_TABLES,
    stages: (run, topics) => [
      ...[...topics, rulesTopic].map((t): [string, string] => ['fraud.partials', t]),
      ['fraud', repartitionTopic(`${run}.fraud`)],
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'fraud-hot-rules-'));

  async function rules(...args: string[]): Promise<string> {
    const out: string[] = [];
    const env = {
      DATABASE_URL: e2e.databaseUrl,
      KAFKA_BROKERS: STACK.kafkaBroker,
      FRAUD_RULES_TOPIC: rulesTopic,
    };
    await buildProgram([], (t) => out.push(t), opsFromEnv(env)).parseAsync(['rules', ...args], {
      from: 'user',
    });
    return out.join('\n');
  }

  const ruleFile = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  /** One order (with an item and a payment) of `total` for the `n`-th customer at `at`; resolves to its id. */
  async function order(n: number, at: number, total: string): Promise<number> {
    const { rows } = await e2e.pool.query<{ order_id: number }>(
      `WITH c AS (SELECT customer_id FROM customers ORDER BY customer_id OFFSET $1 LIMIT 1),
            o AS (INSERT INTO orders (customer_id, order_date, total_price, status)
                  SELECT customer_id, $2, $3, 'paid' FROM c RETURNING order_id, customer_id, order_date, total_price),
            i AS (INSERT INTO order_items (order_id, product_id, quantity, price, created_at)
                  SELECT order_id, (SELECT min(product_id) FROM products), 1, total_price, order_date FROM o)
       INSERT INTO payments (order_id, customer_id, payment_date, payment_method, amount, status)
       SELECT order_id, customer_id, order_date, 'credit_card', total_price, 'completed' FROM o RETURNING order_id`,
      [n, new Date(at), total],
    );
    return Number(rows[0]?.order_id);
  }

  /** 24 small orders at `at` over the customers (every partition of the timed topics): the watermark passes what came before. */
  async function pushWatermark(at: number): Promise<void> {
    for (let k = 0; k < 24; k++) await order(k % 10, at, '1.00');
  }

  const customerOf = async (orderId: number) =>
    Number(
      (
        await e2e.pool.query<{ c: number }>('SELECT customer_id AS c FROM orders WHERE order_id = $1', [
          orderId,
        ])
      ).rows[0]?.c,
    );
  const alertIds = async () =>
    (await e2e.pool.query<{ id: string }>('SELECT id FROM fraud_alerts ORDER BY id')).rows.map((r) => r.id);

  /** The merge's committed rule changes (its checkpoint), as `id:state` (`id:deleted` for a tombstone). */
  async function committedChanges(): Promise<string[]> {
    const { rows } = await e2e.pool.query<{ changes: [string, { state: string } | null][] | null }>(
      `SELECT state -> 'core' -> 'ruleChanges' AS changes FROM job_checkpoints WHERE job = 'fraud'`,
    );
    return (rows[0]?.changes ?? []).map(([id, d]) => `${id}:${d?.state ?? 'deleted'}`).sort();
  }

  it('a paused rule stops alerting from the next order, an added one starts, a bad definition is dead-lettered; a restart keeps them', async () => {
    rulesTopic = `${e2e.run}.fraud_rules`; // the run's (jobsE2e's instances read it)
    const hv = { id: 'hv', kind: 'high-value', params: { threshold: '5000000.00' } };
    const fraud = e2e.instance('fraud', 'f', { FRAUD_RULES_FILE: ruleFile('file.json', [hv]) });
    fraud.start();
    // The table holds what users edit: the file's rule too (publishing it again changes nothing).
    expect(await rules('put', ruleFile('hv.json', hv))).toBe('put hv (high-value, active)');

    // 1. Under the file's rule: an order above 5 M VND alerts `hv`.
    const first = await order(0, BASE, '6000000.00');
    await pushWatermark(BASE + 10 * MINUTE);
    const c1 = await customerOf(first);
    await waitFor(async () => (await alertIds()).includes(`hv/${c1}/o${first}`), 180_000).catch(
      () => undefined,
    );
    const before = await alertIds();
    if (JSON.stringify(before) !== JSON.stringify([`hv/${c1}/o${first}`]))
      throw new Error(`alerts ${before.join(', ')}\n${e2e.logs()}`);

    // 2. Pause `hv`, add `hv-low` (above 3 M), then a bad redefinition of `hv-low` straight onto the topic.
    expect(await rules('pause', 'hv')).toBe('hv is paused');
    expect(
      await rules(
        'put',
        ruleFile('low.json', { id: 'hv-low', kind: 'high-value', params: { threshold: '3000000.00' } }),
      ),
    ).toBe('put hv-low (high-value, active)');
    const producer = e2e.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: rulesTopic,
      acks: -1,
      messages: [
        {
          key: 'hv-low',
          value: JSON.stringify({ id: 'hv-low', kind: 'high-value', params: { threshold: 'lots' } }),
        },
      ],
    });
    await producer.disconnect();
    const letter = async () =>
      (await e2e.deadLetters().catch(() => [])).find((r) => r.headers['cdc.error.code'] === 'invalid_rule');
    await waitFor(
      async () =>
        JSON.stringify(await committedChanges()) === JSON.stringify(['hv-low:active', 'hv:paused']) &&
        (await letter()) !== undefined,
      120_000,
    ).catch(() => undefined);
    expect(await committedChanges()).toEqual(['hv-low:active', 'hv:paused']);
    const bad = await letter();
    expect(bad?.headers['cdc.error.message']).toMatch(/^rule hv-low is invalid: params\.threshold: /);
    expect(bad?.headers['cdc.error.job']).toBe('fraud');

    // A crash: the restarted job runs the checkpoint's rules (hv paused), not the file's (hv active).
    await fraud.kill();
    fraud.start();

    // 3. The next orders: `hv` is paused, `hv-low` (its good definition) runs.
    const second = await order(1, BASE + 20 * MINUTE, '6000000.00');
    const third = await order(2, BASE + 21 * MINUTE, '4000000.00');
    await pushWatermark(BASE + 30 * MINUTE);
    const [c2, c3] = [await customerOf(second), await customerOf(third)];
    const expected = [`hv-low/${c2}/o${second}`, `hv-low/${c3}/o${third}`, `hv/${c1}/o${first}`].sort();
    await waitFor(async () => (await e2e.caughtUp()) && (await alertIds()).length >= 3, 180_000).catch(
      () => undefined,
    );
    const ids = await alertIds();
    if (JSON.stringify(ids) !== JSON.stringify(expected))
      throw new Error(`alerts ${ids.join(', ')}\n${e2e.logs()}`);
    // Nothing else was dead-lettered, and the table says what runs.
    expect((await e2e.deadLetters()).map((r) => r.headers['cdc.error.code'])).toEqual(['invalid_rule']);
    expect(
      (await rules('list'))
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t').slice(0, 2).join(':')),
    ).toEqual(['hv:paused', 'hv-low:active']);
  });
});
