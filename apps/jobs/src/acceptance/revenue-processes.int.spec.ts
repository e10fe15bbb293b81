// Issue 12 §4 against the real thing: the revenue job run as real processes (`jobs run revenue`, two-phase) on the
// stack's Kafka and a real PostgreSQL, killed with SIGKILL.
//
// - Scale-out: two instances in one consumer group split a three-partition orders topic; one is SIGKILLed mid-run
//   and stays dead; the survivor takes over its partitions and state after the session timeout.
// - Crash: ≥ 100 K events (CRASH_ORDERS orders, default 90 000, plus their changes), produced in 20 slices; after
//   each slice one of the two instances (seeded choice) is SIGKILLed at a random moment and restarted at once.
//
// Both runs end with job_results and the latest value per key of the compacted statistics_revenue topic identical
// to the crash-free single-process core over the same changes, decimal-exact, and nothing dead-lettered.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithPostgres } from '@ecom/domain/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { rng } from '../../../../libs/cdc/test/fixtures.js';
import { PostgresCheckpointStore } from '../runtime/checkpoints/postgres-checkpoint-store.js';
import { repartitionTopic } from '../runtime/run/two-phase-kafka-job.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { JobInstance } from '../testing/job-instances.js';
import { orderStream } from '../testing/order-stream.js';
import { RevenueKafkaEnv } from '../testing/revenue-kafka-env.js';

jest.setTimeout(1_200_000);

const PARTITIONS = 3;
const HORIZON = 600_000;
const CRASH_ORDERS = Number(process.env.CRASH_ORDERS ?? 90_000);
const KILLS = 20;

function scenario(name: string) {
  const env = new RevenueKafkaEnv(name, PARTITIONS);
  const groupId = `${env.run}.revenue`;
  const logs = mkdtempSync(join(tmpdir(), `${name}-`));
  const instances: JobInstance[] = [];
  const instance = (id: string) => {
    const i = new JobInstance(
      'revenue',
      id,
      env.jobEnv({ JOBS_CORRECTION_HORIZON_MS: String(HORIZON) }),
      logs,
    );
    instances.push(i);
    return i;
  };
  /** Every stage committed to the end of its input and the outbox relayed. */
  const caughtUp = () => env.caughtUp(groupId);
  const logsOf = () =>
    instances.map((i) => `--- ${i.id} (${i.starts} starts)\n${i.log().slice(-4_000)}`).join('\n');
  return { env, groupId, instance, instances, caughtUp, logsOf };
}

describeWithPostgres({ describe, it }, 'the revenue job as processes, SIGKILLed', () => {
  describe('scale-out: two instances, one killed for good', () => {
    const s = scenario('jobsscale');
    beforeAll(() => s.env.setUp());
    afterAll(async () => {
      for (const i of s.instances) await i.kill();
      await s.env.tearDown([repartitionTopic(s.groupId)]);
    });

    it('the survivor takes over; outputs equal the single-process core', async () => {
      const changes = orderStream({ seed: 41, orders: 20_000, partitions: PARTITIONS });
      const resultStart = await s.env.resultStart();
      const [a, b] = [s.instance('a'), s.instance('b')];
      a.start();
      b.start();
      const half = Math.floor(changes.length / 2);
      await s.env.produce(changes.slice(0, half));
      const store = new PostgresCheckpointStore(s.env.pool);
      await waitFor(async () => {
        const rows = await store.load(
          'revenue.partials',
          [0, 1, 2].map((partition) => ({ source: s.env.ordersTopic, partition })),
        );
        return new Set(rows.filter((r) => r.nextOffset !== null).map((r) => r.owner)).size === 2;
      }, 120_000).catch((e: unknown) => {
        throw new Error(`both instances never owned partitions: ${String(e)}\n${s.logsOf()}`);
      });
      await s.env.produce(changes.slice(half));
      await a.kill();
      await waitFor(s.caughtUp, 300_000).catch((e: unknown) => {
        throw new Error(`never caught up: ${String(e)}\n${s.logsOf()}`);
      });
      await b.stop();
      await s.env.expectOutputs(changes, resultStart, {
        options: { correctionHorizon: HORIZON },
        deadLetterCodes: [],
      });
    });
  });

  describe(`crash: ${KILLS} SIGKILLs during a run of ≥ 100 K events`, () => {
    const s = scenario('jobscrash');
    beforeAll(() => s.env.setUp());
    afterAll(async () => {
      for (const i of s.instances) await i.kill();
      await s.env.tearDown([repartitionTopic(s.groupId)]);
    });

    it('outputs equal the crash-free single-process core', async () => {
      const changes = orderStream({ seed: 42, orders: CRASH_ORDERS, partitions: PARTITIONS });
      if (!process.env.CRASH_ORDERS) expect(changes.length).toBeGreaterThanOrEqual(100_000);
      const resultStart = await s.env.resultStart();
      const pair = [s.instance('a'), s.instance('b')];
      for (const i of pair) i.start();
      const rnd = rng(2026);
      const slice = Math.ceil(changes.length / KILLS);
      for (let k = 0; k < KILLS; k++) {
        await s.env.produce(changes.slice(k * slice, (k + 1) * slice));
        await new Promise((resolve) => setTimeout(resolve, 500 + Math.floor(rnd() * 2_500)));
        const victim = pair[Math.floor(rnd() * pair.length)] ?? pair[0];
        await victim?.kill();
        victim?.start();
      }
      await waitFor(s.caughtUp, 600_000).catch((e: unknown) => {
        throw new Error(`never caught up: ${String(e)}\n${s.logsOf()}`);
      });
      for (const i of pair) await i.stop();
      expect(pair.reduce((n, i) => n + i.starts, 0)).toBe(2 + KILLS);
      await s.env.expectOutputs(changes, resultStart, {
        options: { correctionHorizon: HORIZON },
        deadLetterCodes: [],
      });
    });
  });
});
