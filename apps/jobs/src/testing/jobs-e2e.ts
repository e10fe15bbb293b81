/**
 * The end-to-end run of the acceptance specs, in one place: a temp shop database on the stack's PostgreSQL (the
 * small catalogue), CDC topics of three partitions written by a {@link CdcFeed}, the revenue and top-products jobs
 * as real processes (`jobs run`), and the checks: every stage caught up, every closed window equal to SQL over the
 * final tables. `jobsE2e(feed)` registers the suite's `beforeAll`/`afterAll` and returns the run.
 */
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
import { ALERT_TOPIC } from '../alerts/alert-results.js';
import { REVENUE_TOPIC } from '../jobs/revenue/index.js';
import { TOP_PRODUCTS_TABLES, TOP_PRODUCTS_TOPIC } from '../jobs/top-products/index.js';
import { PostgresCheckpointStore } from '../runtime/checkpoints/postgres-checkpoint-store.js';
import { keyedTopic, repartitionTopic } from '../runtime/run/two-phase-kafka-job.js';
import { compactedTopic } from '../runtime/sinks/kafka-messages.js';
import { cdcTopic } from '../runtime/source/change-source.js';
import { committedEnd, readTopic, type TopicRecord } from '../runtime/testing/kafka-topics.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import type { CdcFeed } from './cdc-feeds.js';
import { JobInstance } from './job-instances.js';
import {
  committedWatermark,
  revenueStreamed,
  revenueTruth,
  topProductsStreamed,
  topProductsTruth,
} from './shop-truth.js';

const PARTITIONS = 3;
const HORIZON = 40 * 24 * 3_600_000;

/**
 * One end-to-end run (valid inside the suite's tests, after `beforeAll`).
 *
 * @example
 * import { builtinFeed } from './cdc-feeds.js';
 * const e2e = jobsE2e(builtinFeed());
 * async function body(): Promise<void> {
 *   e2e.instance('revenue', 'r').start();
 *   await e2e.expectEqual((await e2e.lastOrderTime()) - 12 * 3_600_000);
 * }
 */
export interface JobsE2e {
  /** The run's name: its consumer group, topic and log prefix. */
  readonly run: string;
  readonly databaseUrl: string;
  readonly pool: pg.Pool;
  readonly kafka: Kafka;
  readonly admin: Admin;
  /** The CDC topics the feed writes. */
  readonly topics: readonly string[];
  /** The dead-letter topic of both jobs. */
  readonly deadLetterTopic: string;
  /** A job instance of this run (not started), its environment set, its log kept for failure messages. */
  instance(job: string, id: string, env?: Readonly<Record<string, string>>): JobInstance;
  /** Every instance's last log lines. */
  logs(): string;
  /** Runs the simulator against the shop database. */
  simulate(args: readonly string[]): Promise<void>;
  /** The latest `order_date` (epoch ms). */
  lastOrderTime(): Promise<number>;
  /** Every stage of the run's jobs committed to the end of its input, the outbox relayed. */
  caughtUp(): Promise<boolean>;
  /** Waits until both jobs caught up with results equal to SQL at watermarks ≥ `atLeast`, then asserts it. */
  expectEqual(atLeast: number, timeoutMs?: number): Promise<void>;
  /** The dead-letter topic's records. */
  deadLetters(): Promise<TopicRecord[]>;
}

/**
 * What a run captures and checks: the tables the feed captures, and each stage (checkpoint job, input topic) that
 * must have committed the end of its input. Default: the revenue and top-products jobs.
 *
 * @example
 * const fraudOnly: JobsE2eOptions = {
 *   tables: ['orders', 'order_items', 'payments', 'customers'],
 *   stages: (run, topics) => [...topics.map((t): [string, string] => ['fraud.partials', t]), ['fraud', `${run}.fraud.repartition`]],
 * };
 */
export interface JobsE2eOptions {
  readonly tables?: readonly string[];
  readonly stages?: (run: string, topics: readonly string[]) => readonly (readonly [string, string])[];
}

const JOB_TABLES = ['orders', ...TOP_PRODUCTS_TABLES.filter((t) => t !== 'orders')];

/** The stages of the revenue and top-products jobs of run `run`. */
function revenueAndTopProducts(run: string, topics: readonly string[]): [string, string][] {
  return [
    ['revenue.partials', topics[0] as string],
    ['revenue', repartitionTopic(`${run}.revenue`)],
    ...topics.map((t): [string, string] => ['top-products.router', t]),
    ['top-products.partials', keyedTopic(`${run}.top-products`)],
    ['top-products', repartitionTopic(`${run}.top-products`)],
  ];
}

/**
 * Registers the suite's set-up (stack services, temp database, catalogue, topics, the feed) and clean-up, and
 * returns the run.
 *
 * @example
 * import { debeziumFeed } from './cdc-feeds.js';
 * const e2e = jobsE2e(debeziumFeed('json'));
 */
export function jobsE2e(feed: CdcFeed, options: JobsE2eOptions = {}): JobsE2e {
  const run = `e2e${Date.now()}${Math.floor(Math.random() * 1_000)}`;
  const prefix = `${run}-cdc`;
  const deadLetterTopic = `${run}.dlq`;
  const tables = options.tables ?? JOB_TABLES;
  const topics = tables.map((t) => cdcTopic(prefix, t));
  const stages = options.stages ?? revenueAndTopProducts;
  const logDir = mkdtempSync(join(tmpdir(), `${run}-`));
  const instances: JobInstance[] = [];
  let temp: TempDatabase | undefined;
  let pool: pg.Pool | undefined;
  let kafka: Kafka | undefined;
  let admin: Admin | undefined;
  let producer: Producer | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the end-to-end run is used before its beforeAll');
    return value;
  };

  beforeAll(async () => {
    startStack(feed.services);
    temp = await createTempDatabase({ prefix: 'ecom_jobs_e2e', adminUrl: STACK.postgresUrl, migrate: true });
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
        { topic: deadLetterTopic, numPartitions: 1, replicationFactor: 1 },
        ...[REVENUE_TOPIC, TOP_PRODUCTS_TOPIC, ALERT_TOPIC]
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

  const logs = () =>
    `--- ${feed.name}\n` +
    instances.map((i) => `--- ${i.job} ${i.id} (${i.starts} starts)\n${i.log().slice(-3_000)}`).join('\n');

  async function caughtUp(): Promise<boolean> {
    await feed.check();
    const db = ready(pool);
    const store = new PostgresCheckpointStore(db);
    for (const [job, topic] of stages(run, topics))
      if (!(await committedEnd(ready(admin), store, job, topic))) return false;
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM job_outbox');
    return rows[0]?.n === '0';
  }

  async function watermarks(): Promise<[number, number]> {
    const db = ready(pool);
    return [await committedWatermark(db, 'revenue'), await committedWatermark(db, 'top-products')];
  }

  async function matches(atLeast: number): Promise<boolean> {
    const db = ready(pool);
    const [rw, tw] = await watermarks();
    if (rw < atLeast || tw < atLeast) return false;
    return (
      isDeepStrictEqual(await revenueStreamed(db), await revenueTruth(db, rw)) &&
      isDeepStrictEqual(await topProductsStreamed(db), await topProductsTruth(db, tw))
    );
  }

  return {
    run,
    topics,
    deadLetterTopic,
    get databaseUrl() {
      return ready(temp).url;
    },
    get pool() {
      return ready(pool);
    },
    get kafka() {
      return ready(kafka);
    },
    get admin() {
      return ready(admin);
    },
    instance(job, id, env = {}) {
      const i = new JobInstance(
        job,
        id,
        {
          DATABASE_URL: ready(temp).url,
          KAFKA_BROKERS: STACK.kafkaBroker,
          JOBS_GROUP_ID: run,
          JOBS_CDC_TOPIC_PREFIX: prefix,
          JOBS_DEAD_LETTER_TOPIC: deadLetterTopic,
          JOBS_SESSION_TIMEOUT_MS: '6000',
          JOBS_IDLE_TIMEOUT_MS: '3000',
          JOBS_CORRECTION_HORIZON_MS: String(HORIZON),
          // The fraud job's rules topic of this run (deleted with the run's topics), never the shared `fraud_rules`.
          FRAUD_RULES_TOPIC: `${run}.fraud_rules`,
          ...feed.jobEnv,
          ...env,
        },
        logDir,
      );
      instances.push(i);
      return i;
    },
    logs,
    simulate: (args) => runSimulator(ready(temp).url, args),
    async lastOrderTime() {
      const { rows } = await ready(pool).query<{ ms: string }>(
        'SELECT (extract(epoch FROM max(order_date)) * 1000)::bigint AS ms FROM orders',
      );
      return Number(rows[0]?.ms);
    },
    caughtUp,
    async expectEqual(atLeast, timeoutMs = 300_000) {
      await waitFor(async () => (await caughtUp()) && (await matches(atLeast)), timeoutMs).catch(
        () => undefined,
      );
      const db = ready(pool);
      const [rw, tw] = await watermarks();
      if (rw < atLeast || tw < atLeast)
        throw new Error(`watermarks ${rw}, ${tw} never reached ${atLeast}\n${logs()}`);
      const revenue = await revenueTruth(db, rw);
      const top = await topProductsTruth(db, tw);
      expect(revenue.size).toBeGreaterThan(20);
      expect(top.size).toBeGreaterThan(100);
      expect(await revenueStreamed(db)).toEqual(revenue);
      expect(await topProductsStreamed(db)).toEqual(top);
    },
    deadLetters: () => readTopic(ready(kafka), ready(admin), deadLetterTopic),
  };
}
