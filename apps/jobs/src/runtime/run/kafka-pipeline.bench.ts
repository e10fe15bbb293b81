/**
 * End-to-end throughput on one instance (issue 12 §5, `npm run bench -- kafka-pipeline`): the revenue job (two
 * phases: a partial task per orders partition, the merging task behind the repartition topic) reads an orders
 * topic of Debezium JSON envelopes on the stack's REAL Kafka, decodes, windows, checkpoints to the stack's REAL
 * PostgreSQL (results + state + offsets, fenced, every `JOBS_COMMIT_INTERVAL_MS` = 1 s as `jobs run` does) and
 * relays its results to the compacted `statistics_revenue` topic; the baseline is a bare kafkajs consumer that only
 * reads the same topic, in the same rounds. Goal: ≥ 0.5× the baseline. Results in bench/results/jobs-e2e.json.
 * Two floors show where a job's ceiling is: the same consumer doing only `JSON.parse` of each value, and doing only
 * the runtime's decode + validation (`decodeRecord`), with no windows, state, checkpoints or outputs.
 *
 * Data (seed 12, `BENCH_E2E_ORDERS` orders, default 100 K): `orderStream` — orders 100 ms of event time apart, up
 * to 3 s out of order, from 5 000 customers, 8 % later updated and 4 % cancelled, over 3 partitions, produced once
 * before the rounds. A round of the job starts a fresh consumer group with no checkpoints and ends when both stages
 * committed the end of their inputs and the outbox is relayed.
 */
import { performance } from 'node:perf_hooks';
import { createDecoder, typeMapFromShopTables, type KafkaRecordLike } from '@ecom/cdc';
import { fromKafkaMessage } from '@ecom/cdc/adapters';
import { runSuite } from '../../../../../tools/bench/harness.js';
import { createRevenueMergeJob } from '../../jobs/revenue/revenue-merge-job.js';
import { createRevenuePartialsJob } from '../../jobs/revenue/revenue-partials-job.js';
import { orderStream } from '../../testing/order-stream.js';
import { RevenueKafkaEnv } from '../../testing/revenue-kafka-env.js';
import { PostgresCheckpointStore } from '../checkpoints/postgres-checkpoint-store.js';
import { waitFor } from '../testing/wait-for.js';
import { decodeRecord } from './decode-record.js';
import { repartitionTopic, startTwoPhaseKafkaJob } from './two-phase-kafka-job.js';

const ORDERS = Number(process.env['BENCH_E2E_ORDERS'] ?? 100_000);
const PARTITIONS = 3;

const env = new RevenueKafkaEnv('benche2e', PARTITIONS);
await env.setUp();
let round = 0;
try {
  const changes = orderStream({ seed: 12, orders: ORDERS, partitions: PARTITIONS });
  await env.produce(changes);
  const count = changes.length;
  const { kafka, admin, pool, ordersTopic } = env;
  const store = new PostgresCheckpointStore(pool, { outbox: true });

  const decoder = createDecoder({ typeMap: typeMapFromShopTables() });
  /**
   * A fresh consumer group that reads every record of the topic and hands each to `perRecord` (the baseline: nothing;
   * the floors below: `JSON.parse` of the value, the runtime's decode + validation).
   */
  const consumer = (perRecord?: (record: KafkaRecordLike) => unknown) => async () => {
    const consumer = kafka.consumer({ groupId: `${env.run}.bare.${round++}` });
    let seen = 0;
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    await consumer.connect();
    await consumer.subscribe({ topics: [ordersTopic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (perRecord)
          for (const m of batch.messages) await perRecord(fromKafkaMessage(batch.topic, batch.partition, m));
        seen += batch.messages.length;
        if (seen >= count) done();
      },
    });
    await all;
    await consumer.disconnect();
  };

  /** The revenue job from no checkpoint to the end of the topic, its results relayed. */
  const revenueJob = async () => {
    await pool.query(`DELETE FROM job_checkpoints WHERE job LIKE 'revenue%'`);
    const groupId = `${env.run}.revenue.${round++}`;
    const started = performance.now();
    const running = await startTwoPhaseKafkaJob({
      kafka,
      pool,
      store,
      job: {
        name: 'revenue',
        tables: ['orders'],
        createPartials: () => createRevenuePartialsJob(),
        createMerge: (inputs) => createRevenueMergeJob(inputs),
      },
      groupId,
      topicPrefix: env.prefix,
      deadLetterTopic: env.dlqTopic,
      outOfOrdernessMs: 5_000,
      idleTimeoutMs: 0,
      commitIntervalMs: 1_000,
    });
    try {
      await waitFor(() => env.caughtUp(groupId), 600_000);
    } finally {
      await running.stop();
      await admin.deleteTopics({ topics: [repartitionTopic(groupId)] }).catch(() => undefined);
    }
    return { startMs: Math.round(performance.now() - started) };
  };

  await runSuite(
    'jobs-e2e',
    [
      { name: 'kafkajs bare consumer (read only)', ops: count, run: consumer() },
      {
        name: 'floor: consumer + JSON.parse of each value',
        ops: count,
        run: consumer((r) => JSON.parse(String(r.value))),
        baseline: 'kafkajs bare consumer (read only)',
      },
      {
        name: 'floor: consumer + decode + validate (decodeRecord)',
        ops: count,
        run: consumer((r) => decodeRecord(decoder, r, ['orders'])),
        baseline: 'kafkajs bare consumer (read only)',
      },
      {
        name: 'revenue job: Kafka → decode → window → checkpoint → output topic',
        ops: count,
        run: revenueJob,
        baseline: 'kafkajs bare consumer (read only)',
      },
    ],
    {
      rounds: Number(process.env['BENCH_ROUNDS'] ?? 3),
      warmup: Number(process.env['BENCH_WARMUP'] ?? 1),
    },
  );
} finally {
  await env.tearDown();
}
