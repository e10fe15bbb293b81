/**
 * The jobs' environment, validated once at start-up with zod. Errors name the keys, never their values.
 */
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from '../observability/logger.js';
import type { EarlyTriggerOptions } from '../run/early-trigger.js';
import { kafkaFields } from './kafka-config.js';
import { parseEnv } from './parse-env.js';

const ms = (fallback: number) =>
  z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0).default(fallback);

/** A positive integer, unset by default (a feature that is off unless set). */
const positiveOrUnset = (what: string) => {
  const error = `must be a positive integer (${what}) or unset`;
  return z.coerce.number({ error }).int({ error }).min(1, { error }).optional();
};

const schema = z.object({
  DATABASE_URL: z
    .string({ error: 'is required (e.g. postgres://postgres@127.0.0.1:5432/ecom)' })
    .refine((value) => /^postgres(ql)?:\/\/\S+$/.test(value) && URL.canParse(value), {
      error: 'must be a postgres:// or postgresql:// URL',
    }),
  JOBS_SOURCE: z.enum(['kafka', 'pgoutput'], { error: 'must be kafka or pgoutput' }).default('kafka'),
  KAFKA_BROKERS: kafkaFields.KAFKA_BROKERS.optional(),
  JOBS_KAFKA_CLIENT_ID: kafkaFields.JOBS_KAFKA_CLIENT_ID,
  JOBS_GROUP_ID: z.string().default('ecom-jobs'),
  JOBS_INSTANCE_ID: z.string().optional(),
  JOBS_OUT_OF_ORDERNESS_MS: ms(5_000),
  JOBS_IDLE_TIMEOUT_MS: ms(30_000),
  JOBS_CORRECTION_HORIZON_MS: ms(86_400_000),
  JOBS_COMMIT_INTERVAL_MS: ms(1_000),
  JOBS_EARLY_RESULTS_EVERY_EVENTS: positiveOrUnset('events'),
  JOBS_EARLY_RESULTS_INTERVAL_MS: positiveOrUnset('milliseconds'),
  JOBS_RELAY_BATCH_SIZE: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1)
    .max(100_000)
    .default(500),
  JOBS_OUTPUT_DIR: z.string().optional(),
  JOBS_PG_POOL_MAX: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1_000).default(4),
  JOBS_CDC_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { error: 'must be a Kafka topic name prefix ([A-Za-z0-9._-])' })
    .default('ecommerce-cdc'),
  JOBS_DEAD_LETTER_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { error: 'must be a Kafka topic name' })
    .optional(),
  JOBS_DEAD_LETTER_DIR: z.string().default('.ecom/dead-letters'),
  JOBS_SCHEMA_REGISTRY_URL: kafkaFields.JOBS_SCHEMA_REGISTRY_URL,
  JOBS_SESSION_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(6_000, { error: 'must be at least 6000 (the broker minimum)' })
    .default(30_000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  JOBS_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  JOBS_METRICS_PORT: z
    .string()
    .default('9464')
    .refine((value) => value === 'off' || (/^\d{1,5}$/.test(value) && Number(value) <= 65_535), {
      error: 'must be a TCP port (0-65535, 0 = any free port) or off',
    })
    .transform((value) => (value === 'off' ? null : Number(value))),
});

/**
 * The validated settings of the jobs runtime.
 *
 * | key                          | default              | meaning                                                                  |
 * | ---------------------------- | -------------------- | ------------------------------------------------------------------------ |
 * | `DATABASE_URL`               | (required)           | PostgreSQL with migration 6 of `@ecom/domain`: checkpoints, results      |
 * | `JOBS_SOURCE`                | `kafka`              | `kafka` (CDC topics) or `pgoutput` (the built-in source in process, no Kafka) |
 * | `KAFKA_BROKERS`              | (none)               | `host:port,…`; required with `JOBS_SOURCE=kafka`                         |
 * | `JOBS_KAFKA_CLIENT_ID`       | `ecom-jobs`          | kafkajs client id                                                        |
 * | `JOBS_GROUP_ID`              | `ecom-jobs`          | consumer group the instances of a job share                              |
 * | `JOBS_INSTANCE_ID`           | (none)               | this instance's name in `job_checkpoints.owner` (else host and pid)      |
 * | `JOBS_OUT_OF_ORDERNESS_MS`   | `5000`               | bounded out-of-orderness of the watermarks                               |
 * | `JOBS_IDLE_TIMEOUT_MS`       | `30000`              | a partition without records this long stops holding the watermark back   |
 * | `JOBS_CORRECTION_HORIZON_MS` | `86400000`           | how long after a window closes late data and cancellations still correct it |
 * | `JOBS_COMMIT_INTERVAL_MS`    | `1000`               | longest time a task's processed batches wait for their checkpoint commit: batches closer together share one commit (0 = commit every batch) |
 * | `JOBS_EARLY_RESULTS_EVERY_EVENTS` | (none: off)     | early results (`final: false`) of the open windows after every N records a task reads |
 * | `JOBS_EARLY_RESULTS_INTERVAL_MS`  | (none: off)     | early results every N ms of processing time (when records came since); either or both |
 * | `JOBS_RELAY_BATCH_SIZE`      | `500`                | outbox rows per relay pass                                               |
 * | `JOBS_OUTPUT_DIR`            | (none)               | directory of the JSON-lines result files (`<job>.jsonl`)                 |
 * | `JOBS_PG_POOL_MAX`           | `4`                  | connections in the pg pool                                               |
 * | `JOBS_CDC_TOPIC_PREFIX`      | `ecommerce-cdc`      | the connector's `topic.prefix`: a job reads `<prefix>.public.<table>`    |
 * | `JOBS_DEAD_LETTER_TOPIC`     | `<group>.<job>.dlq`  | dead letters (create the topic first)                                    |
 * | `JOBS_DEAD_LETTER_DIR`       | `.ecom/dead-letters` | with `JOBS_SOURCE=pgoutput`: dead-letter files `<job>.dlq.jsonl`         |
 * | `JOBS_SCHEMA_REGISTRY_URL`   | (none)               | Confluent-compatible registry, for Avro sources                          |
 * | `JOBS_SESSION_TIMEOUT_MS`    | `30000`              | consumer session: how long a killed instance keeps its partitions        |
 * | `LOG_LEVEL`                  | `info`               | pino level of the JSON log lines on stdout (`silent` turns them off)     |
 * | `JOBS_METRICS_HOST`          | `127.0.0.1`          | interface of the metrics server (`0.0.0.0` to scrape from another host)  |
 * | `JOBS_METRICS_PORT`          | `9464`               | port of `GET /metrics` and `GET /healthz` (`0` = any free port, `off` = no server); a taken port is a start-up error |
 *
 * @example
 * const config: JobsConfig = loadJobsConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecom' });
 * config.outOfOrdernessMs; // 5000
 */
export interface JobsConfig {
  readonly databaseUrl: string;
  /**
   * Where the jobs read changes: the Debezium (or built-in source) topics on Kafka, or the built-in pgoutput
   * source in process (`pgoutput`: no Kafka; each job its own slot, its stages fused, see `startLocalTwoPhaseJob`).
   */
  readonly source: 'kafka' | 'pgoutput';
  readonly kafkaBrokers: readonly string[] | null;
  readonly kafkaClientId: string;
  readonly groupId: string;
  readonly instanceId: string | null;
  readonly outOfOrdernessMs: number;
  readonly idleTimeoutMs: number;
  readonly correctionHorizonMs: number;
  readonly commitIntervalMs: number;
  /** When tasks emit early results (`JOBS_EARLY_RESULTS_*`); `{}` = never. */
  readonly earlyResults: EarlyTriggerOptions;
  readonly relayBatchSize: number;
  readonly outputDir: string | null;
  readonly pgPoolMax: number;
  /** The connector's `topic.prefix`: a job reads `<prefix>.public.<table>`. */
  readonly cdcTopicPrefix: string;
  /** Where dead letters go; `null` = `<groupId>.<job>.dlq`. */
  readonly deadLetterTopic: string | null;
  /** With `source: 'pgoutput'`, the folder of the dead-letter files (`<job>.dlq.jsonl`). */
  readonly deadLetterDir: string;
  /** A Confluent-compatible registry for Avro sources; `null` = JSON only. */
  readonly schemaRegistryUrl: string | null;
  /** Consumer session timeout: how long a silent (killed) instance keeps its partitions. */
  readonly sessionTimeoutMs: number;
  /** The pino level of `jobs run`'s logs. */
  readonly logLevel: LogLevel;
  /** The port of the metrics server; `0` = any free port, `null` = no server (`off`). */
  readonly metricsPort: number | null;
  /** The interface the metrics server binds (`127.0.0.1`; `0.0.0.0` for a Prometheus on another host). */
  readonly metricsHost: string;
}

/**
 * Reads and validates {@link JobsConfig} from an environment (an empty value counts as unset). Throws
 * `JobsConfigError` (`INVALID_CONFIG`) whose `keys` and message name every bad key and what is wrong with it.
 *
 * @example
 * loadJobsConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecom', KAFKA_BROKERS: '127.0.0.1:9092' }).kafkaBrokers; // ['127.0.0.1:9092']
 * loadJobsConfig({}); // throws JobsConfigError: "DATABASE_URL: is required …"
 */
export function loadJobsConfig(env: Readonly<Record<string, string | undefined>>): JobsConfig {
  const c = parseEnv(schema, env, 'jobs');
  return {
    databaseUrl: c.DATABASE_URL,
    source: c.JOBS_SOURCE,
    kafkaBrokers: c.KAFKA_BROKERS ?? null,
    kafkaClientId: c.JOBS_KAFKA_CLIENT_ID,
    groupId: c.JOBS_GROUP_ID,
    instanceId: c.JOBS_INSTANCE_ID ?? null,
    outOfOrdernessMs: c.JOBS_OUT_OF_ORDERNESS_MS,
    idleTimeoutMs: c.JOBS_IDLE_TIMEOUT_MS,
    correctionHorizonMs: c.JOBS_CORRECTION_HORIZON_MS,
    commitIntervalMs: c.JOBS_COMMIT_INTERVAL_MS,
    earlyResults: {
      ...(c.JOBS_EARLY_RESULTS_EVERY_EVENTS ? { everyEvents: c.JOBS_EARLY_RESULTS_EVERY_EVENTS } : {}),
      ...(c.JOBS_EARLY_RESULTS_INTERVAL_MS ? { everyMs: c.JOBS_EARLY_RESULTS_INTERVAL_MS } : {}),
    },
    relayBatchSize: c.JOBS_RELAY_BATCH_SIZE,
    outputDir: c.JOBS_OUTPUT_DIR ?? null,
    pgPoolMax: c.JOBS_PG_POOL_MAX,
    cdcTopicPrefix: c.JOBS_CDC_TOPIC_PREFIX,
    deadLetterTopic: c.JOBS_DEAD_LETTER_TOPIC ?? null,
    deadLetterDir: c.JOBS_DEAD_LETTER_DIR,
    schemaRegistryUrl: c.JOBS_SCHEMA_REGISTRY_URL ?? null,
    sessionTimeoutMs: c.JOBS_SESSION_TIMEOUT_MS,
    logLevel: c.LOG_LEVEL,
    metricsPort: c.JOBS_METRICS_PORT,
    metricsHost: c.JOBS_METRICS_HOST,
  };
}
