// The revenue job run by the runtime against REAL Kafka (the stack's broker) and a REAL PostgreSQL checkpoint
// store: Debezium-shaped JSON order events on a two-partition orders topic; job_results and the compacted
// statistics_revenue topic equal what the pure core computes for the same records, also when the instance is
// killed mid-stream (its last batches never committed) and restarted; garbage lands in the dead-letter topic.
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import pg from 'pg';
import { createTempDatabase, describeWithPostgres, type TempDatabase } from '@ecom/domain/testing';
// The workspace's one stack starter for integration specs (libs/cdc/test, not published): reused, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK, startStack } from '../../../../../libs/cdc/test/stack-services.js';
import { createRevenueJob } from '../../jobs/revenue/index.js';
import { orderMessage } from '../../testing/order-messages.js';
import { orders, type OrderVersion } from '../../testing/order-records.js';
import type { CheckpointStore } from '../checkpoints/checkpoint-store.js';
import { PostgresCheckpointStore } from '../checkpoints/postgres-checkpoint-store.js';
import { readJobResults } from '../postgres/result-rows.js';
import { latestById } from '../results/result-id.js';
import { compactedTopic, toKafkaMessage } from '../sinks/kafka-messages.js';
import { cdcTopic } from '../source/change-source.js';
import type { DomainRecord } from '@ecom/cdc';
import type { JobResult } from '../stream-job.js';
import { waitFor } from '../testing/wait-for.js';
import { startKafkaJob, type RunningKafkaJob } from './kafka-job.js';

jest.setTimeout(180_000);

const T0 = Date.UTC(2026, 0, 1);
const FLUSH_AT = T0 + 3_600_000 + 30_000;
const BOUND = 5_000;
const RESULT_TOPIC = 'statistics_revenue';

interface Change {
  readonly partition: number;
  readonly message: { key: string; value: string };
  readonly record: DomainRecord | null; // null: garbage
}

/** 60 orders over ~7 minutes (event times jittered within the bound), some updated or cancelled, then a flush. */
function script(): Change[] {
  const out: Change[] = [];
  const push = (op: 'c' | 'u', before: OrderVersion | null, after: OrderVersion, record: DomainRecord) =>
    out.push({ partition: after.id % 2, message: orderMessage(op, before, after), record });
  for (let i = 1; i <= 60; i++) {
    const v: OrderVersion = { id: i, customer: 1 + (i % 7), at: T0 + i * 7_000 - ((i * 1_237) % 3_000), total: `${i * 3}.${i % 10}5` };
    push('c', null, v, orders.create(v));
    if (i % 3 === 0) {
      const u = { ...v, total: `${i * 5}.00` };
      push('u', v, u, orders.update(v, u));
      if (i % 9 === 0) push('u', u, { ...u, status: 'cancelled' }, orders.cancel(u));
    } else if (i % 5 === 0) push('u', v, { ...v, status: 'cancelled' }, orders.cancel(v));
    if (i === 45) out.push({ partition: 0, message: { key: '{"order_id":45}', value: '{"before":null,"after":' }, record: null });
    if (i === 46) {
      const bad = { ...v, id: 9_999 };
      const message = orderMessage('c', null, bad);
      out.push({ partition: 1, message: { ...message, value: message.value.replace('"customer_id":', '"customer_id":"x","c":') }, record: null });
    }
  }
  for (const [id, partition] of [[1_001, 1], [1_002, 0]] as const) {
    const v: OrderVersion = { id, customer: 1, at: FLUSH_AT, total: '1.00' };
    out.push({ partition, message: orderMessage('c', null, v), record: orders.create(v) });
  }
  return out;
}

/** result id JSON → value of the non-retracted results (what a compacted topic's readers see). */
function truth(results: readonly JobResult[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const r of latestById(results)) {
    if (r.value === null) continue;
    const m = toKafkaMessage(r);
    out.set(String(m.key), JSON.parse(String(m.value)));
  }
  return out;
}

function pureTruth(changes: readonly Change[]): Map<string, unknown> {
  const core = createRevenueJob();
  const outputs: JobResult[] = [];
  for (const c of changes) if (c.record) core.onRecord(c.record);
  core.onWatermark(FLUSH_AT - BOUND - 1);
  outputs.push(...core.drain());
  return truth(outputs);
}

/** A store whose commits fail once `killed` is set: the instance "dies" with its last batches uncommitted. */
function killable(store: CheckpointStore): CheckpointStore & { killed: boolean } {
  const s = {
    killed: false,
    claim: store.claim.bind(store),
    load: store.load.bind(store),
    commit: (commit: Parameters<CheckpointStore['commit']>[0]) =>
      s.killed ? Promise.reject(new Error('killed')) : store.commit(commit),
  };
  return s;
}

describeWithPostgres({ describe, it }, 'the revenue job on Kafka and PostgreSQL', () => {
  let temp: TempDatabase;
  let pool: pg.Pool;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const run = `jobsit${Date.now()}`;
  const prefix = `${run}-cdc`;
  const ordersTopic = cdcTopic(prefix, 'orders');
  const dlqTopic = `${run}.revenue.dlq`;

  beforeAll(async () => {
    startStack(['kafka']);
    temp = await createTempDatabase({ prefix: 'ecom_jobs_kafka', migrate: true });
    pool = new pg.Pool({ connectionString: temp.url, max: 4 });
    pool.on('error', () => undefined);
    kafka = new Kafka({ clientId: run, brokers: [STACK.kafkaBroker], logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    const existing = await admin.listTopics();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: ordersTopic, numPartitions: 2, replicationFactor: 1 },
        { topic: dlqTopic, numPartitions: 1, replicationFactor: 1 },
        ...(existing.includes(RESULT_TOPIC) ? [] : [compactedTopic(RESULT_TOPIC, { numPartitions: 1, replicationFactor: 1 })]),
      ],
    });
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [ordersTopic, dlqTopic] }).catch(() => undefined);
    await admin?.disconnect();
    await pool?.end();
    await temp?.drop();
  });

  async function produce(changes: readonly Change[]): Promise<void> {
    for (const c of changes) {
      await producer.send({ topic: ordersTopic, acks: -1, messages: [{ partition: c.partition, ...c.message }] });
    }
  }

  async function committedEnd(store: CheckpointStore): Promise<boolean> {
    const ends = await admin.fetchTopicOffsets(ordersTopic);
    const checkpoints = await store.load('revenue', ends.map((e) => ({ source: ordersTopic, partition: e.partition })));
    return ends.every((e) => checkpoints.find((c) => c.partition === e.partition)?.nextOffset === e.high);
  }

  async function readTopic(topic: string, from: Map<number, string>): Promise<{ key: string; value: string; headers: Record<string, string> }[]> {
    const ends = await admin.fetchTopicOffsets(topic);
    const want = ends.reduce((n, e) => n + Number(BigInt(e.high) - BigInt(from.get(e.partition) ?? e.low)), 0);
    const consumer = kafka.consumer({ groupId: `${run}-read-${topic}-${Date.now()}` });
    const got: { key: string; value: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (BigInt(message.offset) < BigInt(from.get(partition) ?? '0')) return;
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        got.push({ key: String(message.key), value: String(message.value), headers });
      },
    });
    try {
      await waitFor(async () => got.length >= want, 60_000);
    } finally {
      await consumer.disconnect();
    }
    return got;
  }

  const jobOptions = (store: CheckpointStore) => ({
    kafka,
    pool,
    store,
    core: createRevenueJob(),
    groupId: `${run}-revenue`,
    topicPrefix: prefix,
    deadLetterTopic: dlqTopic,
    watermarks: { outOfOrdernessMs: BOUND, idleTimeoutMs: 0 },
  });

  it('killed mid-stream and restarted: job_results and the topic equal the pure core; garbage is dead-lettered', async () => {
    const changes = script();
    const cut = Math.floor(changes.length / 2);
    const resultStart = new Map((await admin.fetchTopicOffsets(RESULT_TOPIC)).map((e) => [e.partition, e.high]));
    const real = new PostgresCheckpointStore(pool, { outbox: true });

    const first = killable(real);
    const doomed = await startKafkaJob(jobOptions(first));
    let running: RunningKafkaJob | undefined = doomed;
    try {
      await produce(changes.slice(0, cut));
      await waitFor(async () => doomed.runner.metrics.commits > 0 && (await committedEnd(real)), 60_000);
      const committed = doomed.runner.metrics.commits;
      first.killed = true; // from here on nothing commits: the instance reads and processes, then "dies"
      await produce(changes.slice(cut));
      await waitFor(async () => doomed.source.lastError !== undefined, 60_000);
      await doomed.stop();
      running = undefined;
      expect(committed).toBeGreaterThan(0);
      expect(await committedEnd(real)).toBe(false);

      running = await startKafkaJob(jobOptions(real));
      await waitFor(() => committedEnd(real), 90_000);
      expect(running.runner.metrics.deadLetters).toBeGreaterThan(0); // the garbage after the cut, redone
      expect(running.source.lastError).toBeUndefined();
    } finally {
      await running?.stop();
    }

    const expected = pureTruth(changes);
    expect(expected.size).toBeGreaterThan(5);
    expect(truth(await readJobResults(pool, 'revenue'))).toEqual(expected);

    const onTopic = new Map<string, unknown>();
    for (const m of await readTopic(RESULT_TOPIC, resultStart)) {
      if (!m.key.includes('"revenue"')) continue;
      onTopic.delete(m.key);
      if (m.headers['ecom-op'] !== 'retract') onTopic.set(m.key, JSON.parse(m.value));
    }
    expect(onTopic).toEqual(expected);

    const letters = await readTopic(dlqTopic, new Map());
    const codes = new Set(letters.map((l) => l.headers['cdc.error.code']));
    expect(codes).toEqual(new Set(['MALFORMED_JSON', 'DOMAIN_VALIDATION']));
    expect(letters.some((l) => l.value === '{"before":null,"after":')).toBe(true);
  });
});
