// The two-phase revenue job (a partial task per orders partition, one merging task behind a repartition topic)
// against REAL Kafka and a REAL PostgreSQL checkpoint store, scaled out: two instances in one consumer group split a
// three-partition orders topic; one dies with its last batches processed but never committed (its partials already
// sent) and leaves; the other takes over its partitions and their state. job_results and the compacted
// statistics_revenue topic equal what the single-process pure core computes; garbage is dead-lettered.
import { describeWithPostgres } from '@ecom/domain/testing';
import { RevenueKafkaEnv } from '../../testing/revenue-kafka-env.js';
import { killable, revenueScript } from '../../testing/revenue-script.js';
import type { CheckpointStore } from '../checkpoints/checkpoint-store.js';
import { PostgresCheckpointStore } from '../checkpoints/postgres-checkpoint-store.js';
import { committedEnd } from '../testing/kafka-topics.js';
import { waitFor } from '../testing/wait-for.js';
import { repartitionTopic, startTwoPhaseKafkaJob, type RunningTwoPhaseJob } from './two-phase-kafka-job.js';

jest.setTimeout(240_000);

const PARTITIONS = 3;

describeWithPostgres(
  { describe, it },
  'the two-phase revenue job, scaled out on Kafka and PostgreSQL',
  () => {
    const env = new RevenueKafkaEnv('jobs2p', PARTITIONS);
    const groupId = `${env.run}.revenue`;
    beforeAll(() => env.setUp());
    afterAll(() => env.tearDown([repartitionTopic(groupId)]));

    const start = (store: CheckpointStore, owner: string) =>
      startTwoPhaseKafkaJob({ ...env.twoPhaseOptions(groupId), store, owner });

    it('two instances split the partitions; one dies mid-stream; outputs equal the single-process core', async () => {
      const { admin, pool, ordersTopic } = env;
      const changes = revenueScript(PARTITIONS);
      const cut = Math.floor(changes.length / 2);
      const resultStart = await env.resultStart();
      const real = new PostgresCheckpointStore(pool, { outbox: true });
      const caughtUp = async () =>
        (await committedEnd(admin, real, 'revenue.partials', ordersTopic)) &&
        (await committedEnd(admin, real, 'revenue', repartitionTopic(groupId)));
      const doomedStore = killable(real);
      const running: RunningTwoPhaseJob[] = [];
      try {
        const a = await start(doomedStore, 'a');
        running.push(a);
        const b = await start(real, 'b');
        running.push(b);
        await env.produce(changes.slice(0, cut));
        await waitFor(() => committedEnd(admin, real, 'revenue.partials', ordersTopic), 90_000);
        await waitFor(
          async () => a.partials.partitions.length > 0 && b.partials.partitions.length > 0,
          30_000,
        );
        expect(a.partials.partitions.length + b.partials.partitions.length).toBe(PARTITIONS);
        const aCommits = a.partials.metrics.commits;
        doomedStore.killed = true; // from here on `a` processes and forwards, but never commits: then it dies
        await env.produce(changes.slice(cut));
        await waitFor(
          async () => a.partials.metrics.forwarded > 0 && a.sources.partials.lastError !== undefined,
          60_000,
        );
        await a.stop();
        running.shift();
        expect(aCommits).toBeGreaterThan(0);

        await waitFor(
          async () => b.partials.partitions.length === PARTITIONS && b.merge.partitions.length === 1,
          60_000,
        );
        await waitFor(caughtUp, 90_000);
        expect(b.sources.partials.lastError).toBeUndefined();
        expect(b.sources.merge.lastError).toBeUndefined();
      } finally {
        for (const r of running) await r.stop();
      }

      await env.expectOutputs(changes, resultStart);
    });
  },
);
