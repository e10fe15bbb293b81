import { join } from 'node:path';
import { HttpSchemaRegistry } from '@ecom/cdc/adapters';
import { Kafka } from 'kafkajs';
import pg from 'pg';
import type { JobDefinition } from './job.js';
import { createJobHost, type JobHost } from './job-host.js';
import { JobsConfigError } from './runtime/errors.js';
import { loadJobsConfig, type JobsConfig } from './runtime/config/jobs-config.js';
import { JobMetrics } from './runtime/observability/job-metrics.js';
import { kafkaLogCreator, kafkaLogLevel } from './runtime/observability/kafkajs-logs.js';
import { createJobsLogger, type JobsLogger } from './runtime/observability/logger.js';
import { startMetricsServer, type MetricsServer } from './runtime/observability/metrics-server.js';
import { kafkaDeadLetterQueue, type DeadLetterQueue } from './runtime/run/dead-letters.js';
import { fileDeadLetterQueue } from './runtime/run/file-dead-letters.js';
import { startLocalTwoPhaseJob } from './runtime/run/local-two-phase-job.js';
import { startTwoPhaseKafkaJob, type TwoPhaseJob } from './runtime/run/two-phase-kafka-job.js';
import { JsonLinesFileSink } from './runtime/sinks/json-lines-file-sink.js';
import type { ResultSink } from './runtime/sinks/result-sink.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What the jobs of one process share ({@link JobHost}): the config, the logger, the metrics, the pg pool. */
interface SharedResources {
  readonly config: JobsConfig;
  readonly logger: JobsLogger;
  readonly metrics: JobMetrics;
  readonly pool: pg.Pool;
  readonly server: MetricsServer | null;
}

/**
 * What every job instance opens from the config: the shared resources, the Kafka client (`null` on the in-process
 * source), the optional file sink.
 */
interface JobResources extends SharedResources {
  readonly kafka: Kafka | null;
  readonly sinks: readonly ResultSink[];
}

async function openShared(env: Env): Promise<{ value: SharedResources; close(): Promise<void> }> {
  const config = loadJobsConfig(env);
  if (config.source === 'kafka' && config.kafkaBrokers === null)
    throw new JobsConfigError(
      ['KAFKA_BROKERS'],
      'KAFKA_BROKERS: is required to run a job on Kafka (or set JOBS_SOURCE=pgoutput: no Kafka)',
    );
  const root = createJobsLogger(config.logLevel);
  const logger = config.instanceId ? root.child({ instance: config.instanceId }) : root;
  const metrics = new JobMetrics({ processMetrics: true });
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.pgPoolMax });
  pool.on('error', (err) => logger.error({ err }, 'idle pg client error'));
  let server: MetricsServer | null = null;
  try {
    if (config.metricsPort !== null)
      server = await startMetricsServer({
        metrics,
        port: config.metricsPort,
        host: config.metricsHost,
        logger,
      });
  } catch (e) {
    await pool.end();
    throw e;
  }
  return {
    value: { config, logger, metrics, pool, server },
    close: async () => {
      await server?.close();
      await pool.end();
    },
  };
}

/**
 * Opens (or shares, through `host`) the resources, runs `start` with them and returns the stop function (the
 * job's, then its own resources', then the host's when it opened one itself); if `start` fails, what it opened is
 * closed before the error is rethrown.
 */
async function runWithResources(
  name: string,
  env: Env,
  given: JobHost | undefined,
  start: (resources: JobResources) => Promise<{ stop(): Promise<void> }>,
): Promise<() => Promise<void>> {
  const host = given ?? createJobHost();
  const closeHost = given ? async () => undefined : () => host.close();
  let shared: SharedResources;
  try {
    shared = await host.shared('resources', () => openShared(env));
  } catch (e) {
    await closeHost();
    throw e;
  }
  const { config, logger, server } = shared;
  let file: JsonLinesFileSink | null = null;
  const close = async () => {
    await file?.close();
    await closeHost();
  };
  try {
    if (config.outputDir !== null)
      file = await JsonLinesFileSink.open(join(config.outputDir, `${name}.jsonl`));
    const kafka =
      config.source === 'kafka' && config.kafkaBrokers !== null
        ? new Kafka({
            clientId: config.kafkaClientId,
            brokers: [...config.kafkaBrokers],
            logCreator: kafkaLogCreator(logger),
            logLevel: kafkaLogLevel(logger),
          })
        : null;
    const running = await start({ ...shared, kafka, sinks: file ? [file] : [] });
    logger.info(
      { job: name, source: config.source, groupId: config.groupId, metricsPort: server?.port ?? null },
      'job started',
    );
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
 * `openDeadLetters` opens the job's dead-letter queue for them (its topic on Kafka, its file in process).
 *
 * @example
 * const none: JobSinksFactory = async () => ({ sinks: [], close: async () => undefined });
 */
export type JobSinksFactory = (resources: {
  readonly config: JobsConfig;
  readonly logger: JobsLogger;
  readonly pool: pg.Pool;
  readonly openDeadLetters: () => Promise<OpenedDeadLetters>;
  /** The environment the job was started with (for the sinks' own keys). */
  readonly env: Env;
}) => Promise<{ readonly sinks: readonly ResultSink[]; close(): Promise<void> }>;

/**
 * A dead-letter queue and how to close what it holds open (a producer, a file).
 *
 * @example
 * const memory: OpenedDeadLetters = { queue: { send: async () => undefined }, close: async () => undefined };
 */
export interface OpenedDeadLetters {
  readonly queue: DeadLetterQueue;
  close(): Promise<void>;
}

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

/**
 * The replication slot (and publication) of a job run on the in-process source: `<group>_<job>`, lower case, every
 * other character an underscore.
 *
 * @example
 * localSlotName('ecom-jobs', 'top-products'); // 'ecom_jobs_top_products'
 */
export function localSlotName(groupId: string, job: string): string {
  return `${groupId}_${job}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63);
}

const deadLetterTopicOf = (config: JobsConfig, name: string) =>
  config.deadLetterTopic ?? `${config.groupId}.${name}.dlq`;

/** The job's dead letters: its Kafka topic, or `<JOBS_DEAD_LETTER_DIR>/<job>.dlq.jsonl` in process. */
async function openDeadLetters(resources: JobResources, name: string): Promise<OpenedDeadLetters> {
  const { kafka, config } = resources;
  if (kafka === null) {
    const file = await fileDeadLetterQueue(join(config.deadLetterDir, `${name}.dlq.jsonl`));
    return { queue: file, close: () => file.close() };
  }
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return {
    queue: kafkaDeadLetterQueue(producer, deadLetterTopicOf(config, name)),
    close: () => producer.disconnect(),
  };
}

/** Runs one instance of the job on Kafka: `startTwoPhaseKafkaJob` with the config. */
function startOnKafka(
  name: string,
  resources: JobResources & { readonly kafka: Kafka },
  job: TwoPhaseJob,
  sinks: readonly ResultSink[],
): Promise<{ stop(): Promise<void> }> {
  const { config, logger, pool, kafka, metrics } = resources;
  return startTwoPhaseKafkaJob({
    kafka,
    pool,
    job,
    topicPrefix: config.cdcTopicPrefix,
    deadLetterTopic: deadLetterTopicOf(config, name),
    relayBatchSize: config.relayBatchSize,
    commitIntervalMs: config.commitIntervalMs,
    logger,
    metrics,
    ...(sinks.length > 0 ? { sinks } : {}),
    ...(config.instanceId ? { owner: config.instanceId } : {}),
    ...(config.schemaRegistryUrl
      ? { registry: new HttpSchemaRegistry({ url: config.schemaRegistryUrl }) }
      : {}),
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
}

/** Runs the job in process on its pgoutput slot: `startLocalTwoPhaseJob` with the config. */
async function startInProcess(
  name: string,
  resources: JobResources,
  job: TwoPhaseJob,
  sinks: readonly ResultSink[],
): Promise<{ stop(): Promise<void> }> {
  const { config, logger, pool, metrics } = resources;
  const letters = await openDeadLetters(resources, name);
  try {
    const running = await startLocalTwoPhaseJob({
      pool,
      connection: config.databaseUrl,
      job,
      slot: localSlotName(config.groupId, name),
      deadLetters: letters.queue,
      outOfOrdernessMs: config.outOfOrdernessMs,
      idleTimeoutMs: config.idleTimeoutMs,
      sinks,
      earlyResults: config.earlyResults,
      relayBatchSize: config.relayBatchSize,
      logger,
      metrics,
      ...(config.instanceId ? { owner: config.instanceId } : {}),
    });
    return {
      stop: async () => {
        await running.stop();
        await letters.close();
      },
    };
  } catch (e) {
    await letters.close();
    throw e;
  }
}

/**
 * A registered two-phase stream job (`npm run jobs -- run <name…>`; a global aggregate that scales out): on start
 * it reads {@link JobsConfig} from the environment and opens the pg pool (shared by the jobs of one process), the
 * optional schema registry and `<JOBS_OUTPUT_DIR>/<job>.jsonl`. With `JOBS_SOURCE=kafka` (the default) it runs one
 * instance with `startTwoPhaseKafkaJob`: any number of instances started with the same `JOBS_GROUP_ID` split the
 * source (and keyed) partitions, and one of them merges. `JOBS_SESSION_TIMEOUT_MS` bounds how long a killed
 * instance keeps its partitions. With `JOBS_SOURCE=pgoutput` it runs in process on its own replication slot
 * (`startLocalTwoPhaseJob`, one instance, no Kafka; dead letters in `<JOBS_DEAD_LETTER_DIR>/<job>.dlq.jsonl`).
 * `JOBS_COMMIT_INTERVAL_MS` bounds how long processed batches may wait for their checkpoint commit,
 * `JOBS_EARLY_RESULTS_EVERY_EVENTS` / `JOBS_EARLY_RESULTS_INTERVAL_MS` turn on early results. Logs are pino JSON
 * lines on stdout (`LOG_LEVEL`); `GET /metrics` and `GET /healthz` are served on `JOBS_METRICS_PORT`. The returned
 * stop function stops the job (committing what the interval deferred), then closes the rest.
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
  const env = options.env ?? process.env;
  return {
    name,
    description,
    start: (host) =>
      runWithResources(name, env, host, async (resources) => {
        const { config, logger, pool, kafka } = resources;
        const own = await options.sinks?.({
          config,
          logger,
          pool,
          openDeadLetters: () => openDeadLetters(resources, name),
          env,
        });
        const sinks = [...resources.sinks, ...(own?.sinks ?? [])];
        try {
          const job = createJob(config);
          const running =
            kafka === null
              ? await startInProcess(name, resources, job, sinks)
              : await startOnKafka(name, { ...resources, kafka }, job, sinks);
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
      }),
  };
}
