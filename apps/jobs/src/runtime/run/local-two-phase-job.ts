import { createDecoder, typeMapFromShopTables } from '@ecom/cdc';
import { createPgoutputSource } from '@ecom/cdc/adapters';
import pg from 'pg';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import { PostgresCheckpointStore } from '../checkpoints/postgres-checkpoint-store.js';
import { JobRuntimeError } from '../errors.js';
import type { JobMetrics, StageLabels } from '../observability/job-metrics.js';
import { silentLogger, type JobsLogger } from '../observability/logger.js';
import type { PgPool } from '../postgres/pg-transaction.js';
import { relayOutbox } from '../sinks/outbox-relay.js';
import { allSinks, type ResultSink } from '../sinks/result-sink.js';
import { PgoutputChangeSource } from '../source/pgoutput-change-source.js';
import { upstreamName } from './cdc-task.js';
import { ChainedTask, type ChainedStage } from './chained-task.js';
import type { DeadLetterQueue } from './dead-letters.js';
import { EarlyTrigger, type EarlyTriggerOptions } from './early-trigger.js';
import { MergeTask } from './merge-task.js';
import { flushStages, startStageTicker } from './stage-ticker.js';
import { TaskRunner } from './task-runner.js';
import { partialsTask, type StageInputs, type TwoPhaseJob } from './two-phase-kafka-job.js';

/**
 * Options of {@link startLocalTwoPhaseJob}.
 *
 * @example
 * import pg from 'pg';
 * declare const job: TwoPhaseJob;
 * declare const deadLetters: DeadLetterQueue;
 * const options: LocalTwoPhaseJobOptions = {
 *   pool: new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' }),
 *   connection: 'postgres://postgres@127.0.0.1:5432/ecom',
 *   job, slot: 'ecom_jobs_revenue', deadLetters, outOfOrdernessMs: 5_000, idleTimeoutMs: 30_000,
 * };
 */
export interface LocalTwoPhaseJobOptions {
  /** Checkpoints, `job_results` and the outbox (the shop database or another one). */
  readonly pool: PgPool;
  /** The shop database the pgoutput slot replicates from (`wal_level=logical`). */
  readonly connection: string;
  readonly job: TwoPhaseJob;
  /** Replication slot and publication of the job (`[a-z0-9_]{1,63}`), created when missing. */
  readonly slot: string;
  readonly deadLetters: DeadLetterQueue;
  readonly outOfOrdernessMs: number;
  readonly idleTimeoutMs: number;
  /** Where the relay writes the committed results (the job's own: `fraud_alerts`, webhooks; a file). */
  readonly sinks?: readonly ResultSink[];
  readonly earlyResults?: EarlyTriggerOptions;
  /** How often idle inputs are checked and deferred commits flushed (ms). Default 1 000. */
  readonly tickMs?: number;
  readonly relayBatchSize?: number;
  readonly owner?: string;
  readonly logger?: JobsLogger;
  readonly metrics?: JobMetrics;
}

/**
 * A running in-process job: its runner (metrics), its source and `stop()`.
 *
 * @example
 * declare const running: RunningLocalJob;
 * console.log(running.runner.metrics.commits);
 */
export interface RunningLocalJob {
  readonly runner: TaskRunner;
  readonly source: PgoutputChangeSource;
  stop(): Promise<void>;
}

/**
 * Starts a {@link TwoPhaseJob} in process on the built-in pgoutput source, without Kafka (the one-command mode):
 * one slot, one partition, and the job's stages fused into one {@link ChainedTask} (partials, the keyed stage when
 * the job has one, the merge), checkpointed in one row (job `<job>`, partition `pgoutput:<slot>`) with the WAL position, in the same
 * transaction as the results. The cores, the tasks, the runner, the checkpoint store and the relay are the ones
 * the Kafka runner uses; only the topics between the stages are replaced by a hand-over in memory. Every batch
 * commits before it returns (no commit interval): the slot confirms its LSN to PostgreSQL right after. One instance
 * per job: a second one fences the first (the same claim). Plain table topics (`tableTopics`: the fraud job's
 * live rule changes) need Kafka: the job runs with its configured rules. Every table of the job is one stream
 * here: the records of `untimedTables` are applied in commit order and never move the watermark.
 *
 * @example
 * declare const options: LocalTwoPhaseJobOptions;
 * const running = await startLocalTwoPhaseJob(options);
 * process.once('SIGTERM', () => void running.stop());
 */
export async function startLocalTwoPhaseJob(options: LocalTwoPhaseJobOptions): Promise<RunningLocalJob> {
  const { job, pool, earlyResults, idleTimeoutMs } = options;
  new EarlyTrigger(earlyResults); // refuses bad options before anything connects
  if (!/^[a-z0-9_]{1,63}$/.test(options.slot))
    throw new JobRuntimeError(
      'INVALID_CONFIG',
      `job ${job.name}: slot "${options.slot}" is not [a-z0-9_]{1,63}`,
    );
  const logger = (options.logger ?? silentLogger()).child({ job: job.name, stage: 'local' });
  const labels: StageLabels = { job: job.name, stage: 'local' };
  const source = new PgoutputChangeSource({
    source: createPgoutputSource({
      driver: pg,
      connection: options.connection,
      slotName: options.slot,
      publicationName: options.slot,
      tables: job.tables.map((t) => `public.${t}`),
    }),
    slot: options.slot,
  });
  const decoder = createDecoder({ typeMap: typeMapFromShopTables() });
  const sinks = options.sinks ?? [];
  const sink = allSinks(sinks);
  const stageOf = (source: string): SourcePartition => ({ source: `${job.name}.${source}`, partition: 0 });
  const keyed = stageOf('keyed');
  const inputs = (names: readonly string[]): StageInputs => ({ inputs: names, untimed: [], idleTimeoutMs });
  const createTask = (partition: SourcePartition): ChainedTask => {
    const head = upstreamName(partition);
    const stages: ChainedStage[] = [];
    if (job.createKeyed)
      stages.push({
        task: new MergeTask(job.createKeyed(inputs([head])), {
          forward: { from: upstreamName(keyed) },
          earlyResults,
        }),
        partition: keyed,
      });
    const mergeInputs = inputs([job.createKeyed ? upstreamName(keyed) : head]);
    stages.push({
      task: new MergeTask(job.createMerge(mergeInputs), { earlyResults }),
      partition: stageOf('repartition'),
    });
    const partials = partialsTask(job, {
      decoder,
      partition,
      outOfOrdernessMs: options.outOfOrdernessMs,
      earlyResults,
      untimedTables: job.untimedTables,
    });
    return new ChainedTask(partials, stages);
  };
  const runner = new TaskRunner({
    job: job.name,
    store: new PostgresCheckpointStore(pool, { outbox: sinks.length > 0 }),
    deadLetters: options.deadLetters,
    createTask,
    relay: async () => {
      if (sinks.length === 0) return;
      while (
        (await relayOutbox(pool, { job: job.name, sink, batchSize: options.relayBatchSize ?? 500 })) > 0
      );
    },
    logger,
    ...(options.metrics ? { onCheckpoint: options.metrics.checkpointObserver(labels) } : {}),
    // No commit interval: the slot confirms a batch's LSN as soon as the batch returns, so every batch commits first
    // (a deferred commit would let PostgreSQL forget changes that a crash then loses).
    ...(options.owner ? { owner: options.owner } : {}),
  });
  const stages = [{ runner, logger, ticks: true }];
  options.metrics?.watch(labels, { runner });
  await source.start(runner);
  const ticker = startStageTicker(stages, options.tickMs ?? 1_000);
  return {
    runner,
    source,
    stop: async () => {
      ticker.stop();
      await source.stop();
      await flushStages(stages);
    },
  };
}
