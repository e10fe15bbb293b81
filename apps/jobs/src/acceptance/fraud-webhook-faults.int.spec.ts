// Issue 13 §3 "webhook faults", end to end (webhook-sink.spec.ts covers each fault on the sink alone, with a fake
// clock): `simulate --inject-fraud` (seed 13) → PostgreSQL → the built-in CDC source → Kafka → `jobs run fraud` as a
// real process whose webhook is a real local receiver that, per alert (by the order the alerts first reach it),
// never answers (the attempt times out), answers HTTP 500, closes the connection, or answers 200.
// - Each faulty alert is tried 1 + FRAUD_WEBHOOK_RETRIES times, then dead-lettered on the job's dead-letter topic
//   (WEBHOOK_FAILED, the attempts, the last error); each good one is delivered once.
// - The stream never stalls: every alert is committed, in fraud_alerts and on the Kafka topic fraud_alerts (the
//   outbox relayed), and the job has caught up, while the webhook is still retrying.
import { ALERT_TOPIC } from '../alerts/alert-results.js';
import {
  startReceiver,
  type ReceiverAnswer,
  type WebhookReceiver,
} from '../alerts/testing/webhook-receiver.js';
import { readTopic, type TopicRecord } from '../runtime/testing/kafka-topics.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { builtinFeed } from '../testing/cdc-feeds.js';
import * as fraudRun from '../testing/fraud-e2e.js';

jest.setTimeout(600_000);

const RETRIES = 2;
const TIMEOUT_MS = 2_000;

/** The receiver's answer to each alert, by the order alerts first reach it, and the dead letter's message. */
const FAULTS: readonly { answer: ReceiverAnswer; error: RegExp | null }[] = [
  { answer: 'hang', error: new RegExp(`^timed out after ${TIMEOUT_MS} ms$`) },
  { answer: { status: 500, body: 'busy' }, error: /^HTTP 500: busy$/ },
  { answer: 'destroy', error: /^fetch failed/ },
  { answer: { status: 200 }, error: null },
];

describe('fraud alerts to a failing webhook, end to end: retried, dead-lettered, the stream never stalls', () => {
  const e2e = fraudRun.fraudE2e(builtinFeed());
  let receiver: WebhookReceiver | undefined;
  afterAll(() => receiver?.close());

  it('dead-letters each alert the receiver fails after its retries while every sink but the webhook has them all', async () => {
    const order: string[] = []; // alert ids, as they first reached the receiver
    const times: number[] = []; // when each request came
    const faultOf = (id: string) =>
      FAULTS[Math.max(0, order.indexOf(id)) % FAULTS.length] as (typeof FAULTS)[number];
    receiver = await startReceiver((_n, request) => {
      const id = String(request.headers['x-ecom-alert-id']);
      if (!order.includes(id)) order.push(id);
      times.push(Date.now());
      return faultOf(id).answer;
    });
    const topicStart = new Map(
      (await e2e.admin.fetchTopicOffsets(ALERT_TOPIC)).map((o) => [o.partition, o.high]),
    );
    fraudRun
      .fraudInstance(e2e, receiver, {
        FRAUD_WEBHOOK_RETRIES: String(RETRIES),
        FRAUD_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
        FRAUD_WEBHOOK_BACKOFF_MS: '100',
        FRAUD_WEBHOOK_MAX_BACKOFF_MS: '300',
      })
      .start();
    const { end } = await fraudRun.simulateFraud(e2e, 13);
    const expected = await fraudRun.sqlAlertIds(e2e, end);
    expect(expected.length).toBeGreaterThanOrEqual(FAULTS.length);

    // The stream: committed, in the table, relayed (outbox empty), caught up: while the webhook still works.
    await fraudRun.expectAlerts(e2e, expected);
    const caughtUpAt = Date.now();
    expect(await fraudRun.tableAlertIds(e2e)).toEqual(expected);

    // The webhook: every faulty alert retried, then dead-lettered with its last error; the good ones delivered once.
    const attemptsOf = (id: string) => (faultOf(id).error === null ? 1 : RETRIES + 1);
    const requests = () =>
      expected.every((id) => order.includes(id)) &&
      (receiver?.requests.length ?? 0) >= expected.reduce((n, id) => n + attemptsOf(id), 0);
    await waitFor(async () => requests(), 180_000).catch(() => undefined);
    // The stream did not wait for the webhook: it had caught up before the receiver's last request.
    expect(times[times.length - 1]).toBeGreaterThan(caughtUpAt);
    expect(expected.filter((id) => !order.includes(id))).toEqual([]);
    const received = fraudRun.receivedAlertIds(receiver);
    for (const id of expected)
      expect([id, received.filter((r) => r === id).length]).toEqual([id, attemptsOf(id)]);
    const failing = expected.filter((id) => faultOf(id).error !== null).sort();
    let letters: TopicRecord[] = [];
    await waitFor(async () => (letters = await e2e.deadLetters()).length >= failing.length, 30_000).catch(
      () => undefined,
    );
    expect(letters.map((l) => l.key).sort()).toEqual(failing);
    for (const letter of letters) {
      const fault = faultOf(letter.key);
      expect(letter.headers).toMatchObject({
        'cdc.error.code': 'WEBHOOK_FAILED',
        'cdc.error.job': 'fraud',
        'cdc.error.attempts': String(RETRIES + 1),
        'ecom.alert.id': letter.key,
      });
      expect(letter.headers['cdc.error.message']).toMatch(fault.error as RegExp);
      expect((JSON.parse(letter.value) as { id: string }).id).toBe(letter.key);
    }

    // Kafka's compacted fraud_alerts topic has every alert (other runs may share the topic: a superset).
    const onTopic = new Set(
      (await readTopic(e2e.kafka, e2e.admin, ALERT_TOPIC, topicStart)).map(
        (r) => (JSON.parse(r.key) as { key: string }).key,
      ),
    );
    expect(expected.filter((id) => !onTopic.has(id))).toEqual([]);
  });
});
