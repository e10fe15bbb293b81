import { createDecoder, typeMapFromShopTables, type Decoder, type SchemaRegistry } from '@ecom/cdc';
import type { Consumer, ConsumerConfig, Kafka } from 'kafkajs';
import type { CheckpointStore, SourcePartition } from '../checkpoints/checkpoint-store.js';
import { PostgresCheckpointStore } from '../checkpoints/postgres-checkpoint-store.js';
import type { JobMetrics, StageLabels } from '../observability/job-metrics.js';
import { silentLogger, type JobsLogger } from '../observability/logger.js';
import type { PgPool } from '../postgres/pg-transaction.js';
import { repartitionMessage } from '../repartition/repartition-message.js';
import { KafkaResultSink } from '../sinks/kafka-result-sink.js';
import { relayOutbox } from '../sinks/outbox-relay.js';
import { allSinks, type ResultSink } from '../sinks/result-sink.js';
import { cdcTopic } from '../source/change-source.js';
import { KafkaChangeSource } from '../source/kafka-change-source.js';
import { partitionOf } from '../repartition/partition-of.js';
import type { RepartitionRecord } from '../repartition/repartition-message.js';
import type { KeyedStageCore, MergeStageCore, StreamJobCore } from '../stream-job.js';
import { CdcTask, upstreamName } from './cdc-task.js';
import { kafkaDeadLetterQueue } from './dead-letters.js';
import { EarlyTrigger, type EarlyTriggerOptions } from './early-trigger.js';
import { MergeTask } from './merge-task.js';
import { flushStages, startStageTicker } from './stage-ticker.js';
import { ensureTopic } from './ensure-topic.js';
import { TableTopicTask } from './table-topic-task.js';
import { TaskRunner } from './task-runner.js';
import { JobRuntimeError } from '../errors.js';

/**
 * A global aggregate in two phases: a partial core per source partition and one merging core over all of them.
 * When the partials need another key than the source's (top products: items by their order), `createKeyed` adds a
 * stage between them, as Kafka Streams' repartition topics do: phase one's results are records routed by their
 * `id.key` to the partitions of `<group>.keyed`, and a keyed core per partition builds the partials.
 *
 * @example
 * import { createRevenuePartialsJob } from '../../jobs/revenue/revenue-partials-job.js';
 * import { createRevenueMergeJob } from '../../jobs/revenue/revenue-merge-job.js';
 * const revenue: TwoPhaseJob = {
 *   name: 'revenue',
 *   tables: ['orders'],
 *   createPartials: () => createRevenuePartialsJob(),
 *   createMerge: (inputs) => createRevenueMergeJob(inputs),
 * };
 */
export interface TwoPhaseJob {
  /** The job's name: its results' `ResultId.job` and the merging stage's checkpoint job. */
  readonly name: string;
  /** The shop tables phase one reads (co-partitioned by the key the partials need, unless `createKeyed` re-keys). */
  readonly tables: readonly StreamJobCore['tables'][number][];
  /**
   * Tables among `tables` read as tables (KTables: products for top products), not as event streams: their
   * partitions are inputs like the others, but their watermarks never hold back or advance event time.
   */
  readonly untimedTables?: readonly StreamJobCore['tables'][number][];
  /**
   * Plain (not CDC) compacted topics phase one reads as tables, like the fraud job's rules topic: each partition is
   * a {@link TableTopicTask} that forwards every record, unparsed, to the merging task, whose input it is (untimed,
   * like `untimedTables`: it never holds back or advances event time). Created when missing (one partition,
   * `cleanup.policy=compact`). Not with `createKeyed`.
   */
  readonly tableTopics?: readonly string[];
  /** The core of each source partition: its results are the partials (with `createKeyed`, the records to route). */
  readonly createPartials: () => StreamJobCore;
  /**
   * The core of each keyed partition; `inputs`: every source partition (`'<topic>:<partition>'`), `untimed` those
   * of `untimedTables`.
   */
  readonly createKeyed?: (inputs: StageInputs) => KeyedStageCore;
  /** `inputs`: one per source partition (`'<topic>:<partition>'`), or per keyed partition with `createKeyed`. */
  readonly createMerge: (inputs: StageInputs) => MergeStageCore;
}

/**
 * The inputs of a stage that merges upstream tasks (what `MergeInputs` of a job core takes).
 *
 * @example
 * const inputs: StageInputs = { inputs: ['orders:0', 'products:0'], untimed: ['products:0'], idleTimeoutMs: 30_000 };
 */
export interface StageInputs {
  readonly inputs: readonly string[];
  readonly untimed: readonly string[];
  readonly idleTimeoutMs: number;
}

/**
 * Options of {@link startTwoPhaseKafkaJob}.
 *
 * @example
 * import { Kafka } from 'kafkajs';
 * import pg from 'pg';
 * declare const job: TwoPhaseJob;
 * const options: TwoPhaseKafkaJobOptions = {
 *   kafka: new Kafka({ brokers: ['127.0.0.1:19092'] }),
 *   pool: new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' }),
 *   job, groupId: 'ecom-jobs.revenue', topicPrefix: 'ecommerce-cdc', deadLetterTopic: 'ecom-jobs.revenue.dlq',
 *   outOfOrdernessMs: 5_000, idleTimeoutMs: 30_000,
 * };
 */
export interface TwoPhaseKafkaJobOptions {
  readonly kafka: Kafka;
  readonly pool: PgPool;
  readonly job: TwoPhaseJob;
  /**
   * Phase one's consumer group; the keyed stage uses `<groupId>.partials` and phase two `<groupId>.merge`. The
   * topics between them are `<groupId>.keyed` and `<groupId>.repartition`.
   */
  readonly groupId: string;
  readonly topicPrefix: string;
  readonly deadLetterTopic: string;
  readonly outOfOrdernessMs: number;
  /** A source partition silent this long stops holding the merged watermark back (processing time). */
  readonly idleTimeoutMs: number;
  readonly registry?: SchemaRegistry;
  readonly sinks?: readonly ResultSink[];
  readonly owner?: string;
  readonly relayBatchSize?: number;
  readonly store?: CheckpointStore;
  /** How often the merging stage checks idle inputs and every stage commits deferred batches (ms). Default 1 000. */
  readonly tickMs?: number;
  /** See `TaskRunnerOptions.commitIntervalMs` (`JOBS_COMMIT_INTERVAL_MS`). Default 0: every batch commits. */
  readonly commitIntervalMs?: number;
  /**
   * Early results: every task asks its core for them when its own {@link EarlyTrigger} fires (records it read,
   * processing time checked every `tickMs`). The merging stage's are the ones consumers see (`final: false`, replaced
   * by the final result of the same id); the earlier stages' cores send all they have anyway. Default: off.
   */
  readonly earlyResults?: EarlyTriggerOptions;
  /** The instance's logger; each stage logs through a child with `job` and `stage`. Default: silent. */
  readonly logger?: JobsLogger;
  /** The instance's metrics: every stage is watched (`job`, `stage` = `partials`, `router` or `merge`). */
  readonly metrics?: JobMetrics;
  /** Called once when a stage stops for good (see `KafkaChangeSource`'s `onFatal`): log it and exit. */
  readonly onFatal?: (error: unknown) => void;
  /** kafkajs consumer settings (e.g. `sessionTimeout`, which bounds how fast a dead instance's partitions move). */
  readonly consumer?: Omit<ConsumerConfig, 'groupId'>;
}

/**
 * A running instance of a two-phase job: both stages' runners and sources, and `stop()`.
 *
 * @example
 * declare const running: RunningTwoPhaseJob;
 * console.log(running.partials.metrics.forwarded, running.merge.metrics.commits);
 */
export interface RunningTwoPhaseJob {
  readonly partials: TaskRunner;
  /** The keyed stage of a job with `createKeyed`. */
  readonly keyed?: TaskRunner;
  readonly merge: TaskRunner;
  readonly sources: {
    readonly partials: KafkaChangeSource;
    readonly keyed?: KafkaChangeSource;
    readonly merge: KafkaChangeSource;
  };
  stop(): Promise<void>;
}

/**
 * Phase one's task of a two-phase job over one source partition: a {@link CdcTask} of a fresh partials core that
 * forwards its results. `untimedTables`: when the job's tables share the partition (the in-process source).
 *
 * @example
 * import { createDecoder, typeMapFromShopTables } from '@ecom/cdc';
 * declare const job: TwoPhaseJob;
 * const task = partialsTask(job, {
 *   decoder: createDecoder({ typeMap: typeMapFromShopTables() }),
 *   partition: { source: 'ecommerce-cdc.public.orders', partition: 0 },
 *   outOfOrdernessMs: 5_000,
 * });
 */
export function partialsTask(
  job: TwoPhaseJob,
  options: {
    readonly decoder: Decoder;
    readonly partition: SourcePartition;
    readonly outOfOrdernessMs: number;
    readonly earlyResults?: EarlyTriggerOptions | undefined;
    readonly untimedTables?: readonly string[] | undefined;
  },
): CdcTask {
  return new CdcTask({
    core: job.createPartials(),
    decoder: options.decoder,
    partition: options.partition,
    watermarks: { outOfOrdernessMs: options.outOfOrdernessMs },
    forward: true,
    earlyResults: options.earlyResults,
    ...(options.untimedTables ? { untimedTables: options.untimedTables } : {}),
  });
}

/**
 * The repartition topic of a two-phase job's consumer group.
 *
 * @example
 * repartitionTopic('ecom-jobs.revenue'); // 'ecom-jobs.revenue.repartition'
 */
export function repartitionTopic(groupId: string): string {
  return `${groupId}.repartition`;
}

/**
 * The keyed topic of a job that re-keys (see {@link TwoPhaseJob.createKeyed}).
 *
 * @example
 * keyedTopic('ecom-jobs.top-products'); // 'ecom-jobs.top-products.keyed'
 */
export function keyedTopic(groupId: string): string {
  return `${groupId}.keyed`;
}

/**
 * Starts one instance of a two-phase job on Kafka. Any number of instances with the same `groupId` split the
 * source partitions (phase one: a {@link CdcTask} per partition, its state in the partition's checkpoint row of
 * `<job>.partials`) and one of them runs the merging task (phase two, over the one partition of the repartition
 * topic, checkpointed as `<job>`). Phase one sends its partials and watermark to the repartition topic before each
 * commit; phase two drops resends by sequence and commits the final results, relayed to the result topics. The
 * repartition topic is created when missing (one partition: the aggregate is global).
 *
 * With `createKeyed`, phase one (checkpointed as `<job>.router`) sends each result to the keyed topic's partition
 * of its key ({@link partitionOf}) and its watermark to every partition; the instances split the keyed partitions
 * too (a {@link MergeTask} per partition, checkpointed as `<job>.partials`), each sending its partials and
 * watermark on to the repartition topic. The keyed topic is created when missing with as many partitions as the
 * largest source topic.
 *
 * With `earlyResults`, the merging task's early results (`final: false`) are committed and relayed with its batches
 * like any result, and its final results replace them.
 *
 * @example
 * declare const options: TwoPhaseKafkaJobOptions;
 * const running = await startTwoPhaseKafkaJob(options);
 * process.once('SIGTERM', () => void running.stop());
 */
export async function startTwoPhaseKafkaJob(options: TwoPhaseKafkaJobOptions): Promise<RunningTwoPhaseJob> {
  const { kafka, pool, job, earlyResults } = options;
  new EarlyTrigger(earlyResults); // refuses bad options before anything connects
  const tableTopics = new Set(job.tableTopics ?? []);
  if (tableTopics.size > 0 && job.createKeyed)
    throw new JobRuntimeError(
      'INVALID_CONFIG',
      `job ${job.name}: tableTopics cannot be used with createKeyed`,
    );
  const topics = [...job.tables.map((table) => cdcTopic(options.topicPrefix, table)), ...tableTopics];
  const repartition = repartitionTopic(options.groupId);
  const keyed = job.createKeyed ? keyedTopic(options.groupId) : null;
  const admin = kafka.admin();
  await admin.connect();
  let inputs: string[];
  let untimed: string[];
  let keyedPartitions = 0;
  try {
    await ensureTopic(admin, repartition, 1);
    for (const topic of tableTopics) await ensureTopic(admin, topic, 1, { compacted: true });
    const metadata = await admin.fetchTopicMetadata({ topics });
    // Sorted by topic, then partition: every instance builds the same list (metadata lists them in any order).
    inputs = metadata.topics
      .flatMap((t) => t.partitions.map((p) => ({ source: t.name, partition: p.partitionId })))
      .sort((a, b) => (a.source === b.source ? a.partition - b.partition : a.source < b.source ? -1 : 1))
      .map(upstreamName);
    const untimedTopics = new Set([
      ...(job.untimedTables ?? []).map((t) => cdcTopic(options.topicPrefix, t)),
      ...tableTopics,
    ]);
    untimed = metadata.topics
      .filter((t) => untimedTopics.has(t.name))
      .flatMap((t) => t.partitions.map((p) => upstreamName({ source: t.name, partition: p.partitionId })));
    if (keyed !== null) {
      const widest = Math.max(...metadata.topics.map((t) => t.partitions.length));
      keyedPartitions = await ensureTopic(admin, keyed, widest);
    }
  } finally {
    await admin.disconnect();
  }
  const keyedInputs = Array.from({ length: keyedPartitions }, (_, partition) =>
    upstreamName({ source: keyed ?? '', partition }),
  );
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const store = options.store ?? new PostgresCheckpointStore(pool, { outbox: true });
  const deadLetters = kafkaDeadLetterQueue(producer, options.deadLetterTopic);
  const decoder = createDecoder({
    typeMap: typeMapFromShopTables(),
    ...(options.registry ? { registry: options.registry } : {}),
  });
  const sink = allSinks([new KafkaResultSink(producer), ...(options.sinks ?? [])]);
  const owner = options.owner ? { owner: options.owner } : {};
  const toRepartition = async (records: readonly RepartitionRecord[]) => {
    await producer.send({
      topic: repartition,
      acks: -1,
      messages: records.map((r) => repartitionMessage(r, 0)),
    });
  };
  const toKeyed = async (records: readonly RepartitionRecord[]) => {
    const messages = records.flatMap((r) =>
      r.partial !== undefined
        ? [repartitionMessage(r, partitionOf(r.partial.id.key, keyedPartitions))]
        : keyedInputs.map((_, p) => repartitionMessage(r, p)),
    );
    await producer.send({ topic: keyed as string, acks: -1, messages });
  };
  const relayNothing = async () => undefined;
  const logger = options.logger ?? silentLogger();
  /** What each stage's runner gets: the store, the dead letters, logs and metrics under the stage's labels. */
  const stage = (name: string) => {
    const labels: StageLabels = { job: job.name, stage: name };
    const stageLogger = logger.child(labels);
    return {
      labels,
      logger: stageLogger,
      runner: {
        store,
        deadLetters,
        logger: stageLogger,
        ...(options.metrics ? { onCheckpoint: options.metrics.checkpointObserver(labels) } : {}),
        ...(options.commitIntervalMs ? { commitIntervalMs: options.commitIntervalMs } : {}),
        ...owner,
      },
    };
  };
  const partialsStage = stage(keyed === null ? 'partials' : 'router');
  const keyedStage = stage('partials');
  const mergeStage = stage('merge');
  const partials = new TaskRunner({
    ...partialsStage.runner,
    job: `${job.name}.${partialsStage.labels.stage}`,
    createTask: (partition) =>
      tableTopics.has(partition.source)
        ? new TableTopicTask(job.name, partition)
        : partialsTask(job, { decoder, partition, outOfOrdernessMs: options.outOfOrdernessMs, earlyResults }),
    forward: keyed === null ? toRepartition : toKeyed,
    relay: relayNothing,
  });
  const createKeyed = job.createKeyed;
  const keyedRunner =
    createKeyed &&
    new TaskRunner({
      ...keyedStage.runner,
      job: `${job.name}.partials`,
      createTask: (partition) =>
        new MergeTask(createKeyed({ inputs, untimed, idleTimeoutMs: options.idleTimeoutMs }), {
          forward: { from: upstreamName(partition) },
          earlyResults,
        }),
      forward: toRepartition,
      relay: relayNothing,
    });
  const mergeInputs: StageInputs =
    keyed === null
      ? { inputs, untimed, idleTimeoutMs: options.idleTimeoutMs }
      : { inputs: keyedInputs, untimed: [], idleTimeoutMs: options.idleTimeoutMs };
  const merge = new TaskRunner({
    ...mergeStage.runner,
    job: job.name,
    createTask: () => new MergeTask(job.createMerge(mergeInputs), { earlyResults }),
    relay: async () => {
      while (
        (await relayOutbox(pool, { job: job.name, sink, batchSize: options.relayBatchSize ?? 500 })) > 0
      );
    },
  });
  const consumer = (groupId: string): Consumer => kafka.consumer({ ...options.consumer, groupId });
  const onFatal = options.onFatal ? { onFatal: options.onFatal } : {};
  const keyedSource =
    keyed === null
      ? undefined
      : new KafkaChangeSource({
          consumer: consumer(`${options.groupId}.partials`),
          topics: [keyed],
          logger: keyedStage.logger,
          ...onFatal,
        });
  const sources = {
    partials: new KafkaChangeSource({
      consumer: consumer(options.groupId),
      topics,
      logger: partialsStage.logger,
      ...onFatal,
    }),
    ...(keyedSource ? { keyed: keyedSource } : {}),
    merge: new KafkaChangeSource({
      consumer: consumer(`${options.groupId}.merge`),
      topics: [repartition],
      logger: mergeStage.logger,
      ...onFatal,
    }),
  };
  const stages = [
    // Phase one ticks only for a time-based early trigger (its tasks have no idle inputs).
    {
      ...partialsStage,
      runner: partials,
      source: sources.partials,
      ticks: earlyResults?.everyMs !== undefined,
    },
    ...(keyedRunner && keyedSource
      ? [{ ...keyedStage, runner: keyedRunner, source: keyedSource, ticks: true }]
      : []),
    { ...mergeStage, runner: merge, source: sources.merge, ticks: true },
  ];
  for (const s of stages) options.metrics?.watch(s.labels, s);
  const ticker: { stop?: () => void } = {};
  const stop = async () => {
    ticker.stop?.();
    await Promise.allSettled([sources.partials.stop(), keyedSource?.stop(), sources.merge.stop()]);
    await flushStages(stages); // what the commit interval deferred
    await producer.disconnect();
  };
  try {
    await sources.merge.start(merge);
    if (keyedSource && keyedRunner) await keyedSource.start(keyedRunner);
    await sources.partials.start(partials);
  } catch (e) {
    await stop();
    throw e;
  }
  ticker.stop = startStageTicker(stages, options.tickMs ?? 1_000).stop;
  return { partials, ...(keyedRunner ? { keyed: keyedRunner } : {}), merge, sources, stop };
}
