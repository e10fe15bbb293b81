/**
 * The Prometheus metrics of one jobs instance, on a registry of its own (never prom-client's global one, so tests
 * and several jobs in one process do not collide). The counters are not counted twice: at each scrape they are read
 * from the counters the runtime keeps anyway (`TaskRunner.metrics`, `KafkaChangeSource.restarts`); only the
 * checkpoint histogram is observed as commits happen.
 */
import { MIN_TIMESTAMP } from '@ecom/windowing';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import type { PartitionWatermark, TaskRunnerMetrics } from '../run/task-runner.js';
import type { PartitionLag } from '../source/kafka-change-source.js';

/**
 * The labels of one stage of a job: `job` (`revenue`) and `stage` (`partials`, `router`, `merge`…).
 *
 * @example
 * const labels: StageLabels = { job: 'revenue', stage: 'merge' };
 */
export interface StageLabels {
  readonly job: string;
  readonly stage: string;
}

/**
 * What the metrics read from a stage at each scrape: its runner's counters and tasks' watermarks, and its source's
 * restarts and consumer lag (a `TaskRunner` and a `KafkaChangeSource` fit).
 *
 * @example
 * const idle: ObservedStage = {
 *   runner: {
 *     metrics: { records: 0, deadLetters: 0, tooLate: 0, forwarded: 0, commits: 0, commitRetries: 0, fenced: 0, results: 0, tickErrors: 0 },
 *     watermarks: () => [],
 *   },
 *   source: { restarts: 0, lags: () => [] },
 * };
 */
export interface ObservedStage {
  readonly runner: {
    readonly metrics: Readonly<TaskRunnerMetrics>;
    watermarks(): readonly PartitionWatermark[];
  };
  readonly source?: { readonly restarts: number; lags(): readonly PartitionLag[] };
}

/**
 * Options of {@link JobMetrics}.
 *
 * @example
 * const options: JobMetricsOptions = { processMetrics: true };
 */
export interface JobMetricsOptions {
  /** Also export prom-client's process metrics (CPU, memory, event loop lag, GC), prefixed `ecom_jobs_`. */
  readonly processMetrics?: boolean;
  /** Processing time (epoch ms) for the watermark lag. Default `Date.now`. */
  readonly clock?: () => number;
}

const PREFIX = 'ecom_jobs_';
const STAGE = ['job', 'stage'] as const;
const PARTITION = ['job', 'stage', 'topic', 'partition'] as const;

/** A counter of the stage's runner, by name. */
const counted =
  (key: keyof TaskRunnerMetrics) =>
  (stage: ObservedStage): number =>
    stage.runner.metrics[key];

/** The counters read from each stage at a scrape: name (after the prefix), help, and where the value lives. */
const COUNTERS: readonly (readonly [string, string, (stage: ObservedStage) => number])[] = [
  ['events_in_total', "Records read from the stage's source partitions.", counted('records')],
  ['results_out_total', 'Results committed to job_results (then relayed).', counted('results')],
  ['forwarded_total', 'Partials and watermarks sent to the next stage.', counted('forwarded')],
  ['dead_letters_total', 'Records undecodable, invalid or refused by the core.', counted('deadLetters')],
  ['late_events_total', 'Changes past the correction horizon (TOO_LATE).', counted('tooLate')],
  ['commits_total', 'Checkpoint commits (results, state, next offset).', counted('commits')],
  ['commit_retries_total', 'Commits retried after STORE_UNAVAILABLE.', counted('commitRetries')],
  ['fenced_total', 'Commits fenced by a newer owner of the partition.', counted('fenced')],
  ['tick_errors_total', 'Failed ticks and flushes (retried by the next).', counted('tickErrors')],
  ['source_restarts_total', 'Source restarts from the checkpoint.', (s) => s.source?.restarts ?? 0],
];

const partitionLabels = (labels: StageLabels, p: SourcePartition) => ({
  ...labels,
  topic: p.source,
  partition: String(p.partition),
});

/**
 * The metrics of one instance, named `ecom_jobs_*`: per stage the counters of {@link COUNTERS}, the gauges
 * `consumer_lag` and `watermark_lag_seconds` per source partition, and the histogram
 * `checkpoint_duration_seconds`. `watch` adds a stage; `text()` is the exposition a scrape gets.
 *
 * @example
 * import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
 * import { TaskRunner } from '../run/task-runner.js';
 * import { MergeTask } from '../run/merge-task.js';
 * import { createRevenueMergeJob } from '../../jobs/revenue/revenue-merge-job.js';
 * const metrics = new JobMetrics();
 * const labels = { job: 'revenue', stage: 'merge' };
 * const runner = new TaskRunner({
 *   job: 'revenue', store: new MemoryCheckpointStore(), deadLetters: { send: async () => {} }, relay: async () => {},
 *   createTask: () => new MergeTask(createRevenueMergeJob({ inputs: ['orders:0'] })),
 *   onCheckpoint: metrics.checkpointObserver(labels),
 * });
 * metrics.watch(labels, { runner });
 * await metrics.text(); // '# HELP ecom_jobs_events_in_total …'
 */
export class JobMetrics {
  readonly registry = new Registry();
  private readonly stages: { readonly labels: StageLabels; readonly stage: ObservedStage }[] = [];
  private readonly checkpoints: Histogram<(typeof STAGE)[number]>;

  constructor(options: JobMetricsOptions = {}) {
    const { stages } = this;
    const clock = options.clock ?? Date.now;
    const registers = [this.registry];
    for (const [name, help, read] of COUNTERS) {
      new Counter({
        name: `${PREFIX}${name}`,
        help,
        labelNames: STAGE,
        registers,
        collect() {
          this.reset();
          for (const { labels, stage } of stages) this.inc({ ...labels }, read(stage));
        },
      });
    }
    new Gauge({
      name: `${PREFIX}consumer_lag`,
      help: "Records behind the broker's high watermark, per source partition (after its last batch).",
      labelNames: PARTITION,
      registers,
      collect() {
        this.reset();
        for (const { labels, stage } of stages)
          for (const { partition, lag } of stage.source?.lags() ?? [])
            this.set(partitionLabels(labels, partition), lag);
      },
    });
    new Gauge({
      name: `${PREFIX}watermark_lag_seconds`,
      help: "Processing time now minus the task's event-time watermark, per source partition.",
      labelNames: PARTITION,
      registers,
      collect() {
        this.reset();
        const now = clock();
        for (const { labels, stage } of stages)
          for (const { partition, watermark } of stage.runner.watermarks())
            if (watermark > MIN_TIMESTAMP)
              this.set(partitionLabels(labels, partition), (now - watermark) / 1_000);
      },
    });
    this.checkpoints = new Histogram({
      name: `${PREFIX}checkpoint_duration_seconds`,
      help: 'Duration of the fenced checkpoint commit (results, state, offset), retries included.',
      labelNames: STAGE,
      registers,
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  /** Exports a stage's counters, lag and watermarks from now on (read at each scrape). */
  watch(labels: StageLabels, stage: ObservedStage): void {
    this.stages.push({ labels, stage });
  }

  /** The `onCheckpoint` of a stage's runner: observes each commit's duration in seconds. */
  checkpointObserver(labels: StageLabels): (seconds: number) => void {
    return (seconds) => this.checkpoints.observe({ ...labels }, seconds);
  }

  /** The Content-Type of {@link text} (`text/plain; version=0.0.4; charset=utf-8`). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
