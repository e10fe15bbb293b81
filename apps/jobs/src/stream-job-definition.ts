import { join } from 'node:path';
import { HttpSchemaRegistry } from '@ecom/cdc/adapters';
import { Kafka } from 'kafkajs';
import pg from 'pg';
import type { JobDefinition } from './job.js';
import { JobsConfigError } from './runtime/errors.js';
import { loadJobsConfig, type JobsConfig } from './runtime/config/jobs-config.js';
import { JobMetrics } from './runtime/observability/job-metrics.js';
import { kafkaLogCreator, kafkaLogLevel } from './runtime/observability/kafkajs-logs.js';
import { createJobsLogger, type JobsLogger } from './runtime/observability/logger.js';
import { startMetricsServer, type MetricsServer } from './runtime/observability/metrics-server.js';
import { startTwoPhaseKafkaJob, type TwoPhaseJob } from './runtime/run/two-phase-kafka-job.js';
import { JsonLinesFileSink } from './runtime/sinks/json-lines-file-sink.js';
import type { ResultSink } from './runtime/sinks/result-sink.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * What every Kafka job instance opens from the config: the logger, the metrics (served on `JOBS_METRICS_PORT`),
 * the pg pool, the Kafka client, the optional file sink.
 */
interface JobResources {
  readonly config: JobsConfig;
  readonly logger: JobsLogger;
  readonly pool: pg.Pool;
  readonly kafka: Kafka;
  readonly sinks: readonly ResultSink[];
  readonly common: {
    readonly topicPrefix: string;
    readonly deadLetterTopic: string;
    readonly relayBatchSize: number;
    readonly commitIntervalMs: number;
    readonly logger: JobsLogger;
    readonly metrics: JobMetrics;
    readonly owner?: string;
    readonly registry?: HttpSchemaRegistry;
    readonly sinks?: readonly ResultSink[];
  };
}

/**
 * Reads the config, opens the resources, runs `start` with them and returns the stop function (the job's, then the
 * resources'); if `start` fails, the resources are closed before the error is rethrown.
 */
async function runWithResources(
  name: string,
  env: Env,
  start: (resources: JobResources) => Promise<{ stop(): Promise<void> }>,
): Promise<() => Promise<void>> {
  const config = loadJobsConfig(env);
  if (config.kafkaBrokers === null)
    throw new JobsConfigError(['KAFKA_BROKERS'], 'KAFKA_BROKERS: is required to run a job');
  const root = createJobsLogger(config.logLevel);
  const logger = config.instanceId ? root.child({ instance: config.instanceId }) : root;
  const metrics = new JobMetrics({ processMetrics: true });
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.pgPoolMax });
  pool.on('error', (err) => logger.error({ job: name, err }, 'idle pg client error'));
  let server: MetricsServer | null = null;
  let file: JsonLinesFileSink | null = null;
  const close = async () => {
    await server?.close();
    await file?.close();
    await pool.end();
  };
  try {
    if (config.metricsPort !== null)
      server = await startMetricsServer({ metrics, port: config.metricsPort, logger });
    if (config.outputDir !== null)
      file = await JsonLinesFileSink.open(join(config.outputDir, `${name}.jsonl`));
    const sinks = file ? [file] : [];
    const running = await start({
      config,
      logger,
      pool,
      kafka: new Kafka({
        clientId: config.kafkaClientId,
        brokers: [...config.kafkaBrokers],
        logCreator: kafkaLogCreator(logger),
        logLevel: kafkaLogLevel(logger),
      }),
      sinks,
      common: {
        topicPrefix: config.cdcTopicPrefix,
        deadLetterTopic: config.deadLetterTopic ?? `${config.groupId}.${name}.dlq`,
        relayBatchSize: config.relayBatchSize,
        commitIntervalMs: config.commitIntervalMs,
        logger,
        metrics,
        ...(file ? { sinks } : {}),
        ...(config.instanceId ? { owner: config.instanceId } : {}),
        ...(config.schemaRegistryUrl
          ? { registry: new HttpSchemaRegistry({ url: config.schemaRegistryUrl }) }
          : {}),
      },
    });
    logger.info({ job: name, groupId: config.groupId, metricsPort: server?.port ?? null }, 'job started');
    return async () => {
      logger.info({ job: name }, 'stopping');
      await running.stop();
      await close();
      logger.info({ job: name }, 'stopped');
    };
  } catch (e) {
    logger.error({ job: name, err: e }, 'job failed to start');
    await close();
    throw e;
  }
}

/**
 * What a job's own outputs get to open themselves with (the fraud job's alert sinks: `fraud_alerts`, webhooks).
 *
 * @example
 * const none: JobSinksFactory = async () => ({ sinks: [], close: async () => undefined });
 */
export type JobSinksFactory = (resources: {
  readonly config: JobsConfig;
  readonly logger: JobsLogger;
  readonly pool: pg.Pool;
  readonly kafka: Kafka;
  /** The job's dead-letter topic. */
  readonly deadLetterTopic: string;
  /** The environment the job was started with (for the sinks' own keys). */
  readonly env: Env;
}) => Promise<{ readonly sinks: readonly ResultSink[]; close(): Promise<void> }>;

/**
 * Options of {@link twoPhaseJobDefinition}: the environment (default `process.env`) and the job's own sinks, written
 * by the relay after the compacted topics and the file (idempotent by result id, as every sink), closed after the
 * job stops.
 *
 * @example
 * const options: TwoPhaseJobDefinitionOptions = { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecom' } };
 */
export interface TwoPhaseJobDefinitionOptions {
  readonly env?: Env;
  readonly sinks?: JobSinksFactory;
}

/** A job definition whose start runs `start` with the resources of {@link runWithResources}. */
function definition(
  name: string,
  description: string,
  env: Env,
  start: (resources: JobResources) => Promise<{ stop(): Promise<void> }>,
): JobDefinition {
  return { name, description, start: () => runWithResources(name, env, start) };
}

/**
 * A registered two-phase stream job (`npm run jobs -- run <name>`; a global aggregate that scales out): on start it
 * reads {@link JobsConfig} from the environment, opens the pg pool, the Kafka client, the optional schema registry
 * and `<JOBS_OUTPUT_DIR>/<job>.jsonl`, and runs one instance with `startTwoPhaseKafkaJob`: any number of instances
 * started with the same `JOBS_GROUP_ID` split the source (and keyed) partitions, and one of them merges.
 * `JOBS_SESSION_TIMEOUT_MS` bounds how long a killed instance keeps its partitions, `JOBS_COMMIT_INTERVAL_MS` how
 * long processed batches may wait for their checkpoint commit, `JOBS_EARLY_RESULTS_EVERY_EVENTS` /
 * `JOBS_EARLY_RESULTS_INTERVAL_MS` turn on early results. Logs are pino JSON lines on stdout (`LOG_LEVEL`);
 * `GET /metrics` and `GET /healthz` are served on `JOBS_METRICS_PORT`. The returned stop function stops the
 * consumers (committing what the interval deferred), then closes the rest.
 *
 * @example
 * import { createRevenueMergeJob, createRevenuePartialsJob } from './jobs/revenue/index.js';
 * const revenue = twoPhaseJobDefinition('revenue', 'revenue per window', (config) => ({
 *   name: 'revenue',
 *   tables: ['orders'],
 *   createPartials: () => createRevenuePartialsJob({ correctionHorizon: config.correctionHorizonMs }),
 *   createMerge: (inputs) => createRevenueMergeJob({ ...inputs, correctionHorizon: config.correctionHorizonMs }),
 * }));
 */
export function twoPhaseJobDefinition(
  name: string,
  description: string,
  createJob: (config: JobsConfig) => TwoPhaseJob,
  options: TwoPhaseJobDefinitionOptions = {},
): JobDefinition {
  return definition(
    name,
    description,
    options.env ?? process.env,
    async ({ config, logger, pool, kafka, sinks, common }) => {
      const own = await options.sinks?.({
        config,
        logger,
        pool,
        kafka,
        deadLetterTopic: common.deadLetterTopic,
        env: options.env ?? process.env,
      });
      const all = [...sinks, ...(own?.sinks ?? [])];
      try {
        const running = await startTwoPhaseKafkaJob({
          ...common,
          ...(all.length > 0 ? { sinks: all } : {}),
          kafka,
          pool,
          job: createJob(config),
          groupId: `${config.groupId}.${name}`,
          outOfOrdernessMs: config.outOfOrdernessMs,
          idleTimeoutMs: config.idleTimeoutMs,
          earlyResults: config.earlyResults,
          onFatal: (e) => {
            // A stage stopped for good (a checkpoint it cannot restore): say why, and stop with exit code 1.
            logger.fatal({ job: name, err: e }, 'a stage stopped for good; exiting with code 1');
            process.exitCode = 1;
            process.kill(process.pid, 'SIGTERM');
          },
          consumer: {
            sessionTimeout: config.sessionTimeoutMs,
            heartbeatInterval: Math.min(3_000, Math.floor(config.sessionTimeoutMs / 6)),
          },
        });
        return {
          stop: async () => {
            await running.stop();
            await own?.close();
          },
        };
      } catch (e) {
        await own?.close();
        throw e;
      }
    },
  );
}
