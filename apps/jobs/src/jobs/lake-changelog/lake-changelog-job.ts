import { createDecoder, typeMapFromShopTables } from '@ecom/cdc';
import { createPgoutputSource, HttpSchemaRegistry } from '@ecom/cdc/adapters';
import { loadLakeConfig } from '@ecom/lakehouse';
import { minioClientOptions, minioObjectStore } from '@ecom/lakehouse/adapters';
import { Kafka, type Producer } from 'kafkajs';
import { Client as MinioClient } from 'minio';
import pg from 'pg';
import type { JobDefinition } from '../../job.js';
import { PostgresCheckpointStore } from '../../runtime/checkpoints/postgres-checkpoint-store.js';
import { loadJobsConfig } from '../../runtime/config/jobs-config.js';
import { JobsConfigError } from '../../runtime/errors.js';
import { kafkaLogCreator, kafkaLogLevel } from '../../runtime/observability/kafkajs-logs.js';
import { createJobsLogger, type JobsLogger } from '../../runtime/observability/logger.js';
import { kafkaDeadLetterQueue, type DeadLetterQueue } from '../../runtime/run/dead-letters.js';
import { cdcTopic, type ChangeSource } from '../../runtime/source/change-source.js';
import { KafkaChangeSource } from '../../runtime/source/kafka-change-source.js';
import { PgoutputChangeSource } from '../../runtime/source/pgoutput-change-source.js';
import { LAKE_CHANGELOG_JOB } from './changelog-entry.js';
import { loadChangeLogConfig } from './changelog-config.js';
import { ChangeLogRunner } from './changelog-runner.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Dead letters without Kafka (the pgoutput source and no `KAFKA_BROKERS`): each logged at `error`, whole. */
function loggedDeadLetters(logger: JobsLogger): DeadLetterQueue {
  return {
    send: async (letters) => {
      for (const l of letters)
        logger.error(
          {
            deadLetter: {
              headers: l.headers,
              key: l.key?.toString('utf8') ?? null,
              value: l.value?.toString('utf8') ?? null,
            },
          },
          'dead letter',
        );
    },
  };
}

const TICK_MS = 1_000;

/**
 * The registered streaming change-log export (`npm run jobs -- run lake-changelog`): every change of the shop's
 * tables (`LAKE_CHANGELOG_TABLES`) into an append-only Parquet change log per table on the lake's S3
 * (`LAKE_S3_*`, `<LAKE_CHANGELOG_PREFIX>/<table>/event_date=YYYY-MM-DD/`), through {@link ChangeLogRunner}. The
 * source is the CDC topics (`LAKE_CHANGELOG_SOURCE=kafka`, the default: `KAFKA_BROKERS`, `JOBS_CDC_TOPIC_PREFIX`,
 * any number of instances with the same `JOBS_GROUP_ID`) or the pgoutput slot in process (`pgoutput`:
 * `LAKE_CHANGELOG_SLOT`, one instance). Checkpoints go to `DATABASE_URL`. `npm run lake -- register` then makes the
 * tables and current-state views in Trino.
 *
 * @example
 * const job = lakeChangeLogJob({ DATABASE_URL: 'postgres://postgres@127.0.0.1:55432/ecom', LAKE_CHANGELOG_SOURCE: 'pgoutput' });
 * job.name; // 'lake-changelog'
 */
export function lakeChangeLogJob(env: Env = process.env): JobDefinition {
  return {
    name: LAKE_CHANGELOG_JOB,
    description:
      'streaming change-log export: every CDC change into Parquet change logs on S3 (exactly-once files; LAKE_CHANGELOG_SOURCE kafka|pgoutput)',
    start: async () => {
      const config = loadJobsConfig(env);
      const own = loadChangeLogConfig(env);
      const lake = loadLakeConfig(env);
      if (own.source === 'kafka' && config.kafkaBrokers === null)
        throw new JobsConfigError(
          ['KAFKA_BROKERS'],
          'KAFKA_BROKERS: is required with LAKE_CHANGELOG_SOURCE=kafka',
        );
      const root = createJobsLogger(config.logLevel);
      const logger = (config.instanceId ? root.child({ instance: config.instanceId }) : root).child({
        job: LAKE_CHANGELOG_JOB,
      });
      const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.pgPoolMax });
      pool.on('error', (err) => logger.error({ err }, 'idle pg client error'));
      const s3 = new MinioClient(minioClientOptions(lake.s3));
      const kafka =
        config.kafkaBrokers === null
          ? null
          : new Kafka({
              clientId: config.kafkaClientId,
              brokers: [...config.kafkaBrokers],
              logCreator: kafkaLogCreator(logger),
              logLevel: kafkaLogLevel(logger),
            });
      let producer: Producer | null = null;
      let source: ChangeSource | null = null;
      let timer: NodeJS.Timeout | undefined;
      const fatal = (err: unknown) => {
        logger.fatal({ err }, 'the change-log export stopped for good; exiting with code 1');
        process.exitCode = 1;
        process.kill(process.pid, 'SIGTERM');
      };
      const close = async () => {
        clearInterval(timer);
        await source?.stop().catch((err: unknown) => logger.error({ err }, 'stopping the source failed'));
        await producer?.disconnect();
        await pool.end();
      };
      try {
        if (!(await s3.bucketExists(lake.s3.bucket)))
          throw new Error(`bucket ${lake.s3.bucket} at ${lake.s3.endpoint} (LAKE_S3_BUCKET) does not exist`);
        if (kafka !== null) {
          producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
          await producer.connect();
        }
        const runner = new ChangeLogRunner({
          store: new PostgresCheckpointStore(pool),
          objects: minioObjectStore(s3, lake.s3.bucket),
          prefix: lake.changeLogPrefix,
          decoder: createDecoder({
            typeMap: typeMapFromShopTables(),
            ...(config.schemaRegistryUrl
              ? { registry: new HttpSchemaRegistry({ url: config.schemaRegistryUrl }) }
              : {}),
          }),
          deadLetters:
            producer === null
              ? loggedDeadLetters(logger)
              : kafkaDeadLetterQueue(
                  producer,
                  config.deadLetterTopic ?? `${config.groupId}.${LAKE_CHANGELOG_JOB}.dlq`,
                ),
          roll: own.roll,
          logger,
          ...(config.instanceId ? { owner: config.instanceId } : {}),
        });
        if (own.source === 'pgoutput') {
          const pgoutput = new PgoutputChangeSource({
            source: createPgoutputSource({
              driver: pg,
              connection: config.databaseUrl,
              slotName: own.slot,
              publicationName: own.slot,
              tables: own.tables.map((t) => `public.${t}`),
            }),
            slot: own.slot,
          });
          source = pgoutput;
          await pgoutput.start(runner);
          timer = setInterval(() => {
            if (pgoutput.lastError !== undefined) {
              clearInterval(timer);
              fatal(pgoutput.lastError);
              return;
            }
            runner.tick().catch((err: unknown) => logger.error({ err }, 'change-log tick failed'));
          }, TICK_MS);
        } else {
          const groupId = `${config.groupId}.${LAKE_CHANGELOG_JOB}`;
          source = new KafkaChangeSource({
            consumer: (kafka as Kafka).consumer({
              groupId,
              sessionTimeout: config.sessionTimeoutMs,
              heartbeatInterval: Math.min(3_000, Math.floor(config.sessionTimeoutMs / 6)),
            }),
            topics: own.tables.map((t) => cdcTopic(config.cdcTopicPrefix, t)),
            onFatal: fatal,
            logger,
          });
          await source.start(runner);
          timer = setInterval(() => {
            runner.tick().catch((err: unknown) => logger.error({ err }, 'change-log tick failed'));
          }, TICK_MS);
        }
        logger.info({ source: own.source, tables: own.tables, roll: own.roll }, 'job started');
      } catch (e) {
        logger.error({ err: e }, 'job failed to start');
        await close();
        throw e;
      }
      return async () => {
        logger.info('stopping');
        await close();
        logger.info('stopped');
      };
    },
  };
}
