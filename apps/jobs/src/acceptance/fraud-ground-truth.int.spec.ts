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
import { DEFAULT_FRAUD_RULES } from '../jobs/fraud/index.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { builtinFeed, debeziumFeed, type CdcFeed } from '../testing/cdc-feeds.js';
import {
  committedAlertIds,
  fraudE2e,
  receivedAlertIds,
  simulateFraud,
  tableAlertIds,
  type FraudTruth,
} from '../testing/fraud-e2e.js';
import { fraudTruthIds, velocityTies } from '../testing/fraud-truth-sql.js';

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
    const e2e = fraudE2e(feed);
    let receiver: WebhookReceiver | undefined;
    afterAll(() => receiver?.close());

    it('alerts every injected case (recall) and exactly what the rules in SQL find (precision), once per sink', async () => {
      receiver = await startReceiver(() => ({ status: 200 }));
      e2e
        .instance('fraud', 'f', {
          FRAUD_WEBHOOK_URL: receiver.url,
          FRAUD_WEBHOOK_FORMAT: 'json',
          FRAUD_WEBHOOK_RATE_PER_SEC: '100',
        })
        .start();
      const { truth, end } = await simulateFraud(e2e, 11);
      expect(truth.some((t) => t.pattern === 'burst')).toBe(true);
      expect(truth.some((t) => t.pattern === 'high_value')).toBe(true);
      expect(await velocityTies(e2e.pool, end)).toBe(0);
      const expected = await fraudTruthIds(e2e.pool, DEFAULT_FRAUD_RULES, end);

      await waitFor(
        async () => (await e2e.caughtUp()) && String(await committedAlertIds(e2e)) === String(expected),
        180_000,
      ).catch(() => undefined);
      const ids = await committedAlertIds(e2e);
      const missed = truth.filter((t) => !alerted(ids, t));
      if (missed.length > 0 || String(ids) !== String(expected)) {
        const { rows: merge } = await e2e.pool.query<{ core: unknown }>(
          `SELECT state -> 'core' -> 'watermarks' AS core FROM job_checkpoints WHERE job = 'fraud'`,
        );
        throw new Error(
          `not alerted (recall): ${JSON.stringify(missed)}\n` +
            `alerted, not in SQL: ${ids.filter((id) => !expected.includes(id)).join(', ')}\n` +
            `in SQL, not alerted: ${expected.filter((id) => !ids.includes(id)).join(', ')}\n` +
            `merge watermarks: ${JSON.stringify(merge)}\n${e2e.logs()}`,
        );
      }
      // Every sink holds each alert once: job_results (the compacted topic's source), fraud_alerts, the webhook.
      expect(await tableAlertIds(e2e)).toEqual(ids);
      const delivered = () => receivedAlertIds(receiver as WebhookReceiver);
      await waitFor(async () => delivered().length >= ids.length, 30_000).catch(() => undefined);
      expect(delivered().sort()).toEqual(ids);
      expect(await e2e.deadLetters()).toEqual([]);
    });
  },
);
