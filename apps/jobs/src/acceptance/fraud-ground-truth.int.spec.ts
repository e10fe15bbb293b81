// Issue 13 §3 "end to end against ground truth", once per CDC path (the built-in source, and Debezium on Kafka
// Connect with JSON): `simulate --inject-fraud` with a fixed seed → the stack's PostgreSQL → CDC → Kafka (orders,
// order_items, payments, customers; three partitions) → `jobs run fraud` as a real process with the original's two
// rules.
// - Recall: every injected burst (6–8 orders within a minute) is alerted by `velocity-1m` for its customer, and every
//   injected high-value order by `high-value` with the order's id.
// - Precision: the set of alerts equals the set that the same rules written as SQL over the final tables find
//   (testing/fraud-truth-sql.ts), so no alert is assumed right because the ground truth did not mention it.
// - Each alert is in job_results, in fraud_alerts and at a real local webhook receiver once; nothing dead-lettered.
import { startReceiver, type WebhookReceiver } from '../alerts/testing/webhook-receiver.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { builtinFeed, debeziumFeed, type CdcFeed } from '../testing/cdc-feeds.js';
import * as fraudRun from '../testing/fraud-e2e.js';
import type { FraudTruth } from '../testing/fraud-e2e.js';
import { velocityTies } from '../testing/fraud-truth-sql.js';

jest.setTimeout(900_000);

const FEEDS: readonly CdcFeed[] = [builtinFeed(), debeziumFeed('json')];

/** Whether the alert ids hold the alert the injected case must raise. */
const alerted = (ids: readonly string[], t: FraudTruth): boolean =>
  t.pattern === 'burst'
    ? ids.some((id) => id.startsWith(`velocity-1m/${t.customer_id}/`))
    : t.pattern !== 'high_value' || ids.includes(`high-value/${t.customer_id}/o${t.order_id}`);

describe.each(FEEDS)(
  'the fraud job end to end: injected fraud → PostgreSQL → $name → Kafka → jobs run fraud',
  (feed) => {
    const e2e = fraudRun.fraudE2e(feed);
    let receiver: WebhookReceiver | undefined;
    afterAll(() => receiver?.close());

    it('alerts every injected case (recall) and exactly what the rules in SQL find (precision), once per sink', async () => {
      receiver = await startReceiver(() => ({ status: 200 }));
      fraudRun.fraudInstance(e2e, receiver).start();
      const { truth, end } = await fraudRun.simulateFraud(e2e, 11);
      expect(truth.some((t) => t.pattern === 'burst')).toBe(true);
      expect(truth.some((t) => t.pattern === 'high_value')).toBe(true);
      expect(await velocityTies(e2e.pool, end)).toBe(0);
      const expected = await fraudRun.sqlAlertIds(e2e, end);

      await fraudRun.expectAlerts(e2e, expected); // precision: exactly the SQL's alerts
      const ids = await fraudRun.committedAlertIds(e2e);
      expect(truth.filter((t) => !alerted(ids, t))).toEqual([]); // recall: every injected case
      // Every sink holds each alert once: job_results (the compacted topic's source), fraud_alerts, the webhook.
      expect(await fraudRun.tableAlertIds(e2e)).toEqual(ids);
      const delivered = () => fraudRun.receivedAlertIds(receiver as WebhookReceiver);
      await waitFor(async () => delivered().length >= ids.length, 30_000).catch(() => undefined);
      expect(delivered().sort()).toEqual(ids);
      expect(await e2e.deadLetters()).toEqual([]);
    });
  },
);
