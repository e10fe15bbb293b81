// The revenue job run by the single-instance runtime against REAL Kafka (the stack's broker) and a REAL PostgreSQL
// checkpoint store: Debezium-shaped JSON order events on a two-partition orders topic; job_results and the compacted
// statistics_revenue topic equal what the pure core computes for the same records, also when the instance is
// killed mid-stream (its last batches never committed) and restarted; garbage lands in the dead-letter topic.
import { describeWithPostgres } from '@ecom/domain/testing';
import { createRevenueJob } from '../../jobs/revenue/index.js';
import { RevenueKafkaEnv } from '../../testing/revenue-kafka-env.js';
import { killable, revenueScript, SCRIPT_BOUND } from '../../testing/revenue-script.js';
import type { CheckpointStore } from '../checkpoints/checkpoint-store.js';
import { PostgresCheckpointStore } from '../checkpoints/postgres-checkpoint-store.js';
import { committedEnd, readTopic } from '../testing/kafka-topics.js';
import { waitFor } from '../testing/wait-for.js';
import { startKafkaJob, type RunningKafkaJob } from './kafka-job.js';

jest.setTimeout(180_000);

describeWithPostgres({ describe, it }, 'the revenue job on Kafka and PostgreSQL', () => {
  const env = new RevenueKafkaEnv('jobsit', 2);
  beforeAll(() => env.setUp());
  afterAll(() => env.tearDown());

  const jobOptions = (store: CheckpointStore) => ({
    kafka: env.kafka,
    pool: env.pool,
    store,
    core: createRevenueJob(),
    groupId: `${env.run}-revenue`,
    topicPrefix: env.prefix,
    deadLetterTopic: env.dlqTopic,
    watermarks: { outOfOrdernessMs: SCRIPT_BOUND, idleTimeoutMs: 0 },
  });

  it('killed mid-stream and restarted: job_results and the topic equal the pure core; garbage is dead-lettered', async () => {
    const { admin, pool, ordersTopic } = env;
    const changes = revenueScript();
    const cut = Math.floor(changes.length / 2);
    const resultStart = await env.resultStart();
    const real = new PostgresCheckpointStore(pool, { outbox: true });
    const caughtUp = () => committedEnd(admin, real, 'revenue', ordersTopic);

    const first = killable(real);
    const doomed = await startKafkaJob(jobOptions(first));
    let running: RunningKafkaJob | undefined = doomed;
    try {
      await env.produce(changes.slice(0, cut));
      await waitFor(async () => doomed.runner.metrics.commits > 0 && (await caughtUp()), 60_000);
      const committed = doomed.runner.metrics.commits;
      first.killed = true; // from here on nothing commits: the instance reads and processes, then "dies"
      await env.produce(changes.slice(cut));
      await waitFor(async () => doomed.source.lastError !== undefined, 60_000);
      await doomed.stop();
      running = undefined;
      expect(committed).toBeGreaterThan(0);
      expect(await caughtUp()).toBe(false);

      running = await startKafkaJob(jobOptions(real));
      await waitFor(caughtUp, 90_000);
      expect(running.runner.metrics.deadLetters).toBeGreaterThan(0); // the garbage after the cut, redone
      expect(running.source.lastError).toBeUndefined();
    } finally {
      await running?.stop();
    }

    await env.expectOutputs(changes, resultStart);
    const letters = await readTopic(env.kafka, admin, env.dlqTopic);
    expect(letters.some((l) => l.value === '{"before":null,"after":')).toBe(true);
  });
});
