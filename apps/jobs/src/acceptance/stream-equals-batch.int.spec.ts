// Issue 12 §4 "stream == batch" and "scale-out", end to end through Kafka, once per CDC path: the built-in source
// (pgoutput, JSON), Debezium on Kafka Connect registered with `cdc connector register` (JSON with schemas), and
// Debezium with Avro through the stack's registry. The simulator with a fixed seed writes three days of history
// (historical mode: disorder within the bound) into a REAL PostgreSQL (the stack's, logical replication); the CDC
// path writes the changes to Kafka topics of three partitions; the revenue job (one instance) and the top-products
// job (two instances in one consumer group, one SIGKILLed mid-run for good) run as real processes (`jobs run`). Then some orders are cancelled and some line items change quantity.
// When the jobs have caught up, every window their watermark closed equals SQL over the final tables: revenue,
// count, average order value, unique customers; top-N by quantity and by revenue, trending and per-category totals,
// decimal-exact. Nothing is dead-lettered.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createTempDatabase, type TempDatabase } from '@ecom/domain/testing';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import pg from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runSimulator, SMALL_CATALOGUE } from '../../../../libs/cdc/test/repo-cli.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK, startStack } from '../../../../libs/cdc/test/stack-services.js';
import { REVENUE_TOPIC } from '../jobs/revenue/index.js';
import { TOP_PRODUCTS_TABLES, TOP_PRODUCTS_TOPIC } from '../jobs/top-products/index.js';
import { PostgresCheckpointStore } from '../runtime/checkpoints/postgres-checkpoint-store.js';
import { keyedTopic, repartitionTopic } from '../runtime/run/two-phase-kafka-job.js';
import { compactedTopic } from '../runtime/sinks/kafka-messages.js';
import { cdcTopic } from '../runtime/source/change-source.js';
import { committedEnd, readTopic } from '../runtime/testing/kafka-topics.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { builtinFeed, debeziumFeed, type CdcFeed } from '../testing/cdc-feeds.js';
import { JobInstance } from '../testing/job-instances.js';
import {
  committedWatermark,
  revenueStreamed,
  revenueTruth,
  THREE_SIMULATED_DAYS,
  topProductsStreamed,
  topProductsTruth,
} from '../testing/shop-truth.js';

jest.setTimeout(900_000);

const PARTITIONS = 3;
const HORIZON = 40 * 24 * 3_600_000;

const FEEDS: readonly CdcFeed[] = [builtinFeed(), debeziumFeed('json'), debeziumFeed('avro')];

describe.each(FEEDS)(
  'stream == batch: simulator → PostgreSQL → $name → Kafka → jobs (processes, one killed)',
  (feed) => {
    const run = `e2e${Date.now()}${Math.floor(Math.random() * 1_000)}`;
    const prefix = `${run}-cdc`;
    const dlq = `${run}.dlq`;
    const tables = ['orders', ...TOP_PRODUCTS_TABLES.filter((t) => t !== 'orders')] as const;
    const topics = tables.map((t) => cdcTopic(prefix, t));
    const logs = mkdtempSync(join(tmpdir(), `${run}-`));
    const instances: JobInstance[] = [];
    let temp: TempDatabase;
    let pool: pg.Pool;
    let kafka: Kafka;
    let admin: Admin;
    let producer: Producer;

    const instance = (job: string, id: string) => {
      const i = new JobInstance(
        job,
        id,
        {
          DATABASE_URL: temp.url,
          KAFKA_BROKERS: STACK.kafkaBroker,
          JOBS_GROUP_ID: run,
          JOBS_CDC_TOPIC_PREFIX: prefix,
          JOBS_DEAD_LETTER_TOPIC: dlq,
          JOBS_SESSION_TIMEOUT_MS: '6000',
          JOBS_IDLE_TIMEOUT_MS: '3000',
          JOBS_CORRECTION_HORIZON_MS: String(HORIZON),
          ...feed.jobEnv,
        },
        logs,
      );
      instances.push(i);
      return i;
    };
    const logsOf = () =>
      `--- ${feed.name}\n` +
      instances.map((i) => `--- ${i.job} ${i.id} (${i.starts} starts)\n${i.log().slice(-3_000)}`).join('\n');

    beforeAll(async () => {
      startStack(feed.services);
      temp = await createTempDatabase({
        prefix: 'ecom_jobs_e2e',
        adminUrl: STACK.postgresUrl,
        migrate: true,
      });
      pool = new pg.Pool({ connectionString: temp.url, max: 4 });
      pool.on('error', () => undefined);
      await runSimulator(temp.url, SMALL_CATALOGUE);
      kafka = new Kafka({ clientId: run, brokers: [STACK.kafkaBroker], logLevel: logLevel.NOTHING });
      admin = kafka.admin();
      await admin.connect();
      const existing = await admin.listTopics();
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          ...topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
          { topic: dlq, numPartitions: 1, replicationFactor: 1 },
          ...[REVENUE_TOPIC, TOP_PRODUCTS_TOPIC]
            .filter((t) => !existing.includes(t))
            .map((t) => compactedTopic(t, { numPartitions: 1, replicationFactor: 1 })),
        ],
      });
      producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await feed.start({ databaseUrl: temp.url, prefix, tables, producer });
    });

    afterAll(async () => {
      for (const i of instances) await i.kill();
      await feed.stop();
      await producer?.disconnect();
      // The run's topics (CDC, repartition, keyed, dead letters) and Debezium's heartbeat topic.
      const mine = (t: string) => t.startsWith(run) || t === `__debezium-heartbeat.${prefix}`;
      const existing = (await admin?.listTopics().catch(() => [] as string[])) ?? [];
      await admin?.deleteTopics({ topics: existing.filter(mine) }).catch(() => undefined);
      await admin?.disconnect();
      await pool?.end();
      await temp?.drop();
    });

    /** Every stage of both jobs committed to the end of its input, the outbox relayed. */
    async function caughtUp(): Promise<boolean> {
      await feed.check();
      const store = new PostgresCheckpointStore(pool);
      const stages: [string, string][] = [
        ['revenue.partials', cdcTopic(prefix, 'orders')],
        ['revenue', repartitionTopic(`${run}.revenue`)],
        ...topics.map((t): [string, string] => ['top-products.router', t]),
        ['top-products.partials', keyedTopic(`${run}.top-products`)],
        ['top-products', repartitionTopic(`${run}.top-products`)],
      ];
      for (const [job, topic] of stages) if (!(await committedEnd(admin, store, job, topic))) return false;
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM job_outbox');
      return rows[0]?.n === '0';
    }

    /** Both jobs' results equal SQL at their committed watermarks (and the watermarks reached `atLeast`). */
    async function matches(atLeast: number): Promise<boolean> {
      const [rw, tw] = [
        await committedWatermark(pool, 'revenue'),
        await committedWatermark(pool, 'top-products'),
      ];
      if (rw < atLeast || tw < atLeast) return false;
      return (
        isDeepStrictEqual(await revenueStreamed(pool), await revenueTruth(pool, rw)) &&
        isDeepStrictEqual(await topProductsStreamed(pool), await topProductsTruth(pool, tw))
      );
    }

    async function expectEqual(atLeast: number): Promise<void> {
      await waitFor(async () => (await caughtUp()) && (await matches(atLeast)), 300_000).catch(
        () => undefined,
      );
      const rw = await committedWatermark(pool, 'revenue');
      const tw = await committedWatermark(pool, 'top-products');
      if (rw < atLeast || tw < atLeast)
        throw new Error(`watermarks ${rw}, ${tw} never reached ${atLeast}\n${logsOf()}`);
      const revenue = await revenueTruth(pool, rw);
      const top = await topProductsTruth(pool, tw);
      expect(revenue.size).toBeGreaterThan(20);
      expect(top.size).toBeGreaterThan(100);
      expect(await revenueStreamed(pool)).toEqual(revenue);
      expect(await topProductsStreamed(pool)).toEqual(top);
    }

    it('every closed window equals SQL over the final tables, with one top-products instance killed', async () => {
      const [rev, a, b] = [
        instance('revenue', 'r'),
        instance('top-products', 'a'),
        instance('top-products', 'b'),
      ];
      rev.start();
      a.start();
      b.start();
      await runSimulator(temp.url, THREE_SIMULATED_DAYS);
      const store = new PostgresCheckpointStore(pool);
      await waitFor(async () => {
        const rows = await store.load(
          'top-products.router',
          topics.flatMap((t) => [0, 1, 2].map((partition) => ({ source: t, partition }))),
        );
        return new Set(rows.filter((r) => r.nextOffset !== null).map((r) => r.owner)).size === 2;
      }, 180_000).catch((e: unknown) => {
        throw new Error(`both top-products instances never committed: ${String(e)}\n${logsOf()}`);
      });
      await a.kill(); // for good: b takes over its partitions and their state after the session timeout

      const { rows: max } = await pool.query<{ ms: string }>(
        'SELECT (extract(epoch FROM max(order_date)) * 1000)::bigint AS ms FROM orders',
      );
      const end = Number(max[0]?.ms);
      await expectEqual(end - 12 * 3_600_000);

      const cancelled = await pool.query(
        `UPDATE orders SET status = 'cancelled' WHERE order_id % 4 = 3 AND status IN ('pending', 'paid')`,
      );
      const changed = await pool.query(
        `UPDATE order_items SET quantity = quantity + 1 WHERE order_item_id % 7 = 2`,
      );
      expect((cancelled.rowCount ?? 0) + (changed.rowCount ?? 0)).toBeGreaterThan(5);
      await expectEqual(end - 12 * 3_600_000);
      expect(await readTopic(kafka, admin, dlq)).toEqual([]);
    });
  },
);
