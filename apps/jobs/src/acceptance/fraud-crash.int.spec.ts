// Issue 13 §3 "crash test": `simulate --inject-fraud` (seed 12, three days of 300 sessions) → PostgreSQL → the
// built-in CDC source → Kafka → `jobs run fraud` as a real process, SIGKILLed at seeded random moments while it
// runs (never while it starts) and restarted at once. In
// the end the set of alert ids in each sink is the crash-free run's: the rules written as SQL over the final tables
// (testing/fraud-truth-sql.ts; fraud-ground-truth.int.spec.ts shows a crash-free run gives exactly that set):
// - job_results and the Postgres table fraud_alerts: that set, no id twice;
// - the compacted Kafka topic fraud_alerts: that set (the topic is shared by every run on the stack: a record is
//   this run's when its alert's order, customer and event time are this run's database's);
// - a real local webhook receiver: that set (ids compared as a set: the webhook is at least once through its
//   delivery ledger, alert_deliveries; a replay or a resumed pending alert may post an id again with the same
//   `Idempotency-Key`/`X-Ecom-Alert-Id`).
import { ALERT_TOPIC } from '../alerts/alert-results.js';
import { startReceiver, type WebhookReceiver } from '../alerts/testing/webhook-receiver.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { rng } from '../../../../libs/cdc/test/fixtures.js';
import { readTopic } from '../runtime/testing/kafka-topics.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { builtinFeed } from '../testing/cdc-feeds.js';
import * as fraudRun from '../testing/fraud-e2e.js';

jest.setTimeout(600_000);

const KILLS = Number(process.env.FRAUD_CRASH_KILLS ?? 5);

describe('the fraud job SIGKILLed during an injected-fraud run', () => {
  const e2e = fraudRun.fraudE2e(builtinFeed());
  let receiver: WebhookReceiver | undefined;
  afterAll(() => receiver?.close());

  it('ends with the crash-free set of alert ids in Kafka, Postgres (each once) and at the webhook', async () => {
    receiver = await startReceiver(() => ({ status: 200 }));
    const topicStart = new Map(
      (await e2e.admin.fetchTopicOffsets(ALERT_TOPIC)).map((o) => [o.partition, o.high]),
    );
    // No input is idle here but at the end (the end-of-stream orders reach every partition): a long idle timeout
    // keeps the watermark on event time while a slow bulk write of one table holds the others back.
    const fraud = fraudRun.fraudInstance(e2e, receiver, { JOBS_IDLE_TIMEOUT_MS: '60000' });
    fraud.start();
    // Three simulated days, written while the job runs: each time the instance runs again (never while it starts),
    // it is SIGKILLed at a seeded random moment while it reads, evaluates, commits and relays, and restarted at once.
    const simulated = fraudRun.simulateInjected(e2e, 12, '2026-11-01T00:00:00Z', {
      days: 3,
      sessionsPerDay: 300,
    });
    const running = () =>
      waitFor(async () => (fraud.log().match(/"msg":"job started"/g) ?? []).length >= fraud.starts, 60_000);
    const rnd = rng(2027);
    for (let k = 0; k < KILLS; k++) {
      await running();
      await new Promise((resolve) => setTimeout(resolve, 500 + Math.floor(rnd() * 3_000)));
      await fraud.kill();
      fraud.start();
    }
    await simulated;
    const end = await fraudRun.endOfStream(e2e);
    const expected = await fraudRun.sqlAlertIds(e2e, end);
    expect(expected.length).toBeGreaterThan(5);
    await fraudRun.expectAlerts(e2e, expected, 300_000);
    expect(fraud.starts).toBe(1 + KILLS);
    expect(await fraudRun.tableAlertIds(e2e)).toEqual(expected);

    // The webhook: every id of the set, none outside it. What a kill left in the webhook's queue stays pending in
    // its ledger and the next instance posts it at start-up.
    const received = () => [...new Set(fraudRun.receivedAlertIds(receiver as WebhookReceiver))].sort();
    await waitFor(async () => received().length >= expected.length, 120_000).catch(() => undefined);
    expect(received()).toEqual(expected);

    const { rows } = await e2e.pool.query<{ order_id: number; customer_id: number; t: string }>(
      `SELECT order_id, customer_id, (extract(epoch FROM order_date) * 1000)::bigint AS t FROM orders`,
    );
    const orders = new Map(rows.map((r) => [`o${r.order_id}`, `${r.customer_id}@${r.t}`]));
    const mine = (alert: { id: string; customerId: number; eventTime: string }) =>
      orders.get(alert.id.split('/').pop() ?? '') === `${alert.customerId}@${Date.parse(alert.eventTime)}`;
    const onTopic = (await readTopic(e2e.kafka, e2e.admin, ALERT_TOPIC, topicStart))
      .map((r) => JSON.parse(r.value) as { id: string; customerId: number; eventTime: string })
      .filter(mine)
      .map((a) => a.id);
    expect([...new Set(onTopic)].sort()).toEqual(expected);
    expect(await e2e.deadLetters()).toEqual([]);
  });
});
