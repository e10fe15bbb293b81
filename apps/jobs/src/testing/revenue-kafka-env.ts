/**
 * The environment of the revenue job's Kafka specs: the stack's broker, a temporary migrated database, an orders
 * topic of `partitions` partitions, a dead-letter topic and the compacted `statistics_revenue` topic, and a producer
 * for the scripted changes.
 */
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import pg from 'pg';
import { createTempDatabase, type TempDatabase } from '@ecom/domain/testing';
// The workspace's one stack starter for integration specs (libs/cdc/test, not published): reused, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK, startStack } from '../../../../libs/cdc/test/stack-services.js';
import {
  createRevenueMergeJob,
  createRevenuePartialsJob,
  REVENUE_TOPIC,
  type RevenueJobOptions,
} from '../jobs/revenue/index.js';
import { compactedTopic } from '../runtime/sinks/kafka-messages.js';
import { cdcTopic } from '../runtime/source/change-source.js';
import { readJobResults } from '../runtime/postgres/result-rows.js';
import { committedEnd, latestOnTopic, readTopic } from '../runtime/testing/kafka-topics.js';
import { PostgresCheckpointStore } from '../runtime/checkpoints/postgres-checkpoint-store.js';
import {
  repartitionTopic,
  type TwoPhaseJob,
  type TwoPhaseKafkaJobOptions,
} from '../runtime/run/two-phase-kafka-job.js';
import { pureRevenueTruth, revenueTruth, SCRIPT_BOUND, type ScriptedChange } from './revenue-script.js';

/**
 * The two-phase revenue job with the default options, as the runtime's Kafka specs run it.
 *
 * @example
 * REVENUE_TWO_PHASE.tables; // ['orders']
 */
export const REVENUE_TWO_PHASE: TwoPhaseJob = {
  name: 'revenue',
  tables: ['orders'],
  createPartials: () => createRevenuePartialsJob(),
  createMerge: (inputs) => createRevenueMergeJob(inputs),
};

/**
 * Set up in `beforeAll` (`setUp`), torn down in `afterAll` (`tearDown`, which also deletes `extraTopics`).
 *
 * @example
 * const env = new RevenueKafkaEnv('jobsit', 2);
 * await env.setUp();
 * await env.tearDown();
 */
export class RevenueKafkaEnv {
  readonly run: string;
  readonly prefix: string;
  readonly ordersTopic: string;
  readonly dlqTopic: string;
  temp!: TempDatabase;
  pool!: pg.Pool;
  kafka!: Kafka;
  admin!: Admin;
  producer!: Producer;

  constructor(
    name: string,
    readonly partitions: number,
  ) {
    this.run = `${name}${Date.now()}`;
    this.prefix = `${this.run}-cdc`;
    this.ordersTopic = cdcTopic(this.prefix, 'orders');
    this.dlqTopic = `${this.run}.revenue.dlq`;
  }

  async setUp(): Promise<void> {
    startStack(['kafka']);
    this.temp = await createTempDatabase({ prefix: 'ecom_jobs_kafka', migrate: true });
    this.pool = new pg.Pool({ connectionString: this.temp.url, max: 8 });
    this.pool.on('error', () => undefined);
    this.kafka = new Kafka({ clientId: this.run, brokers: [STACK.kafkaBroker], logLevel: logLevel.NOTHING });
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const existing = await this.admin.listTopics();
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: this.ordersTopic, numPartitions: this.partitions, replicationFactor: 1 },
        { topic: this.dlqTopic, numPartitions: 1, replicationFactor: 1 },
        ...(existing.includes(REVENUE_TOPIC)
          ? []
          : [compactedTopic(REVENUE_TOPIC, { numPartitions: 1, replicationFactor: 1 })]),
      ],
    });
    this.producer = this.kafka.producer();
    await this.producer.connect();
  }

  /** Sends the scripted changes to their partitions of the orders topic, in order, up to 1 000 per request. */
  async produce(changes: readonly ScriptedChange[]): Promise<void> {
    for (let i = 0; i < changes.length; i += 1_000) {
      const messages = changes.slice(i, i + 1_000).map((c) => ({ partition: c.partition, ...c.message }));
      await this.producer.send({ topic: this.ordersTopic, acks: -1, messages });
    }
  }

  /**
   * The environment of a `jobs run revenue` process on this topic and database (group `run`, a 6 s session).
   *
   * @example
   * declare const env: RevenueKafkaEnv;
   * const vars = env.jobEnv({ JOBS_CORRECTION_HORIZON_MS: '600000' });
   */
  jobEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.temp.url,
      KAFKA_BROKERS: STACK.kafkaBroker,
      JOBS_GROUP_ID: this.run,
      JOBS_CDC_TOPIC_PREFIX: this.prefix,
      JOBS_DEAD_LETTER_TOPIC: this.dlqTopic,
      JOBS_SESSION_TIMEOUT_MS: '6000',
      JOBS_IDLE_TIMEOUT_MS: '0',
      ...extra,
    };
  }

  /**
   * The options of a {@link REVENUE_TWO_PHASE} instance on this topic and database, for `startTwoPhaseKafkaJob`:
   * consumer group `groupId`, the script's out-of-orderness bound, no idle timeout, 200 ms ticks, a 6 s session.
   *
   * @example
   * declare const env: RevenueKafkaEnv;
   * const options = { ...env.twoPhaseOptions(`${env.run}.revenue`), owner: 'a' };
   */
  twoPhaseOptions(groupId: string): TwoPhaseKafkaJobOptions {
    return {
      kafka: this.kafka,
      pool: this.pool,
      job: REVENUE_TWO_PHASE,
      groupId,
      topicPrefix: this.prefix,
      deadLetterTopic: this.dlqTopic,
      outOfOrdernessMs: SCRIPT_BOUND,
      idleTimeoutMs: 0,
      tickMs: 200,
      consumer: { sessionTimeout: 6_000, heartbeatInterval: 500 },
    };
  }

  /**
   * Whether the two-phase revenue job of consumer group `groupId` caught up: both stages committed the end of their
   * inputs (the orders topic, the repartition topic) and the outbox is relayed.
   */
  async caughtUp(groupId: string): Promise<boolean> {
    const store = new PostgresCheckpointStore(this.pool);
    if (!(await committedEnd(this.admin, store, 'revenue.partials', this.ordersTopic))) return false;
    if (!(await committedEnd(this.admin, store, 'revenue', repartitionTopic(groupId)))) return false;
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM job_outbox');
    return rows[0]?.n === '0';
  }

  /** The end offsets of the result topic now (where a spec's results start). */
  async resultStart(): Promise<Map<number, string>> {
    return new Map((await this.admin.fetchTopicOffsets(REVENUE_TOPIC)).map((e) => [e.partition, e.high]));
  }

  /**
   * Asserts the outputs of a run of `changes`: `job_results` and the result topic (from `resultStart`) hold exactly
   * what the pure single-process core (with `options`) computes, and the dead-letter topic holds records with exactly
   * `deadLetterCodes` (default: the script's torn record and invalid row).
   */
  async expectOutputs(
    changes: readonly ScriptedChange[],
    resultStart: ReadonlyMap<number, string>,
    {
      options = {},
      deadLetterCodes = ['MALFORMED_JSON', 'DOMAIN_VALIDATION'],
    }: { options?: RevenueJobOptions; deadLetterCodes?: readonly string[] } = {},
  ): Promise<void> {
    const { kafka, admin } = this;
    const expected = pureRevenueTruth(changes, options);
    expect(expected.size).toBeGreaterThan(5);
    expect(revenueTruth(await readJobResults(this.pool, 'revenue'))).toEqual(expected);
    expect(latestOnTopic(await readTopic(kafka, admin, REVENUE_TOPIC, resultStart), 'revenue')).toEqual(
      expected,
    );
    const letters = await readTopic(kafka, admin, this.dlqTopic);
    expect(new Set(letters.map((l) => l.headers['cdc.error.code']))).toEqual(new Set(deadLetterCodes));
  }

  async tearDown(extraTopics: readonly string[] = []): Promise<void> {
    await this.producer?.disconnect();
    await this.admin
      ?.deleteTopics({ topics: [this.ordersTopic, this.dlqTopic, ...extraTopics] })
      .catch(() => undefined);
    await this.admin?.disconnect();
    await this.pool?.end();
    await this.temp?.drop();
  }
}
