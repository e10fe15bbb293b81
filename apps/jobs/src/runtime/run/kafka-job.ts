import { createDecoder, typeMapFromShopTables, type SchemaRegistry } from '@ecom/cdc';
import type { Kafka } from 'kafkajs';
import type { CheckpointStore } from '../checkpoints/checkpoint-store.js';
import { PostgresCheckpointStore } from '../checkpoints/postgres-checkpoint-store.js';
import type { PgPool } from '../postgres/pg-transaction.js';
import { KafkaResultSink } from '../sinks/kafka-result-sink.js';
import { relayOutbox } from '../sinks/outbox-relay.js';
import { allSinks, type ResultSink } from '../sinks/result-sink.js';
import { cdcTopic } from '../source/change-source.js';
import { KafkaChangeSource } from '../source/kafka-change-source.js';
import type { StreamJobCore } from '../stream-job.js';
import { kafkaDeadLetterQueue } from './dead-letters.js';
import { JobRunner } from './job-runner.js';
import type { SourceWatermarkOptions } from './source-watermarks.js';

/**
 * Options of {@link startKafkaJob}.
 *
 * @example
 * import { Kafka } from 'kafkajs';
 * import pg from 'pg';
 * import { createRevenueJob } from '../../jobs/revenue/index.js';
 * const options: KafkaJobOptions = {
 *   kafka: new Kafka({ brokers: ['127.0.0.1:19092'] }),
 *   pool: new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' }),
 *   core: createRevenueJob(),
 *   groupId: 'ecom-jobs-revenue',
 *   topicPrefix: 'ecommerce-cdc',
 *   deadLetterTopic: 'ecom-jobs.revenue.dlq',
 *   watermarks: { outOfOrdernessMs: 5_000, idleTimeoutMs: 30_000 },
 * };
 */
export interface KafkaJobOptions {
  readonly kafka: Kafka;
  /** The checkpoint database (migration 6 of `@ecom/domain`). */
  readonly pool: PgPool;
  readonly core: StreamJobCore;
  readonly groupId: string;
  /** The connector's `topic.prefix`: the job reads `<prefix>.public.<table>` for each of `core.tables`. */
  readonly topicPrefix: string;
  /** Undecodable and refused records and too-late reports (create the topic first). */
  readonly deadLetterTopic: string;
  readonly watermarks: SourceWatermarkOptions;
  /** For Avro sources (wire format with a schema id). */
  readonly registry?: SchemaRegistry;
  /** More sinks the outbox is relayed to besides the Kafka topics (e.g. a `JsonLinesFileSink`). */
  readonly sinks?: readonly ResultSink[];
  readonly owner?: string;
  readonly relayBatchSize?: number;
  /** Default: `PostgresCheckpointStore(pool, { outbox: true })`. */
  readonly store?: CheckpointStore;
}

/**
 * A job running on Kafka: its runner (metrics), its source, and `stop()`.
 *
 * @example
 * declare const running: RunningKafkaJob;
 * console.log(running.runner.metrics.commits);
 * await running.stop();
 */
export interface RunningKafkaJob {
  readonly runner: JobRunner;
  readonly source: KafkaChangeSource;
  stop(): Promise<void>;
}

/**
 * Starts one instance of a job on Kafka: a consumer group on the job's CDC topics ({@link KafkaChangeSource}), the
 * {@link JobRunner} (decode, cores, watermarks, one fenced PostgreSQL commit per batch) and, after each commit, the
 * outbox relay to the compacted result topics (idempotent producer, `acks: -1`) and any extra sinks.
 *
 * @example
 * declare const options: KafkaJobOptions;
 * const running = await startKafkaJob(options);
 * process.once('SIGTERM', () => void running.stop());
 */
export async function startKafkaJob(options: KafkaJobOptions): Promise<RunningKafkaJob> {
  const { kafka, pool, core } = options;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const sink = allSinks([new KafkaResultSink(producer), ...(options.sinks ?? [])]);
  const runner = new JobRunner({
    core,
    store: options.store ?? new PostgresCheckpointStore(pool, { outbox: true }),
    decoder: createDecoder({
      typeMap: typeMapFromShopTables(),
      ...(options.registry ? { registry: options.registry } : {}),
    }),
    deadLetters: kafkaDeadLetterQueue(producer, options.deadLetterTopic),
    watermarks: options.watermarks,
    relay: async () => {
      const batchSize = options.relayBatchSize ?? 500;
      while ((await relayOutbox(pool, { job: core.name, sink, batchSize })) > 0);
    },
    ...(options.owner ? { owner: options.owner } : {}),
  });
  const source = new KafkaChangeSource({
    consumer: kafka.consumer({ groupId: options.groupId }),
    topics: core.tables.map((table) => cdcTopic(options.topicPrefix, table)),
  });
  try {
    await source.start(runner);
  } catch (e) {
    await producer.disconnect();
    throw e;
  }
  return {
    runner,
    source,
    async stop() {
      await source.stop();
      await producer.disconnect();
    },
  };
}
