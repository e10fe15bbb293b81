import { performance } from 'node:perf_hooks';
import type { CheckpointStore, SourcePartition } from '../checkpoints/checkpoint-store.js';
import { partitionKey } from '../checkpoints/validate-checkpoints.js';
import { FencedError, JobRuntimeError } from '../errors.js';
import type { RepartitionRecord } from '../repartition/repartition-message.js';
import { silentLogger, type JobsLogger } from '../observability/logger.js';
import type { ChangeSourceHandler, SourceBatch } from '../source/change-source.js';
import type { JobResult } from '../stream-job.js';
import { commitWithRetry, type CommitRetry } from './commit-with-retry.js';
import { tooLate, type DeadLetter, type DeadLetterQueue } from './dead-letters.js';
import type { Task, TaskOutput } from './task.js';

/**
 * Options of {@link TaskRunner}.
 *
 * @example
 * import { MergeTask } from './merge-task.js';
 * import { createRevenueMergeJob } from '../../jobs/revenue/revenue-merge-job.js';
 * import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
 * const options: TaskRunnerOptions = {
 *   job: 'revenue', store: new MemoryCheckpointStore(), deadLetters: { send: async () => {} },
 *   createTask: () => new MergeTask(createRevenueMergeJob({ inputs: ['orders:0'] })),
 *   relay: async () => {},
 * };
 */
export interface TaskRunnerOptions {
  /** The checkpoint job name of this stage (`revenue`, `revenue.partials`…): its rows are the stage's partitions. */
  readonly job: string;
  readonly store: CheckpointStore;
  readonly deadLetters: DeadLetterQueue;
  /** A fresh task for a source partition (its state is restored from the partition's checkpoint). */
  readonly createTask: (partition: SourcePartition) => Task;
  /** Sends a batch's repartition records and resolves once they are durable (before the commit). */
  readonly forward?: (records: readonly RepartitionRecord[]) => Promise<void>;
  /** Sends the committed outbox to the sinks; runs after each commit that stored results. */
  readonly relay: () => Promise<void>;
  readonly owner?: string;
  readonly retry?: CommitRetry;
  /**
   * The longest time (ms) a task's processed batches wait for their checkpoint commit. A batch less than this after
   * the task's last commit is processed, its dead letters and forwarded records sent, but its commit deferred: the
   * next batch, `tick()` or `flush()` once the interval has passed commits the state, the offset and every result
   * since then in one transaction. Default 0: every batch commits.
   */
  readonly commitIntervalMs?: number;
  /** Where claims, commits (debug) and fenced partitions are logged; a child logger with `job` and `stage`. */
  readonly logger?: JobsLogger;
  /** Called with the duration (s) of each successful checkpoint commit, retries included (a histogram). */
  readonly onCheckpoint?: (seconds: number) => void;
  /** Processing time (ms) for the commit interval. Default `Date.now`. */
  readonly clock?: () => number;
}

/**
 * What a task runner did since it started.
 *
 * @example
 * declare const runner: TaskRunner;
 * runner.metrics.forwarded; // repartition records sent
 */
export interface TaskRunnerMetrics {
  records: number;
  deadLetters: number;
  tooLate: number;
  forwarded: number;
  commits: number;
  commitRetries: number;
  fenced: number;
  /** Results committed (upserted into `job_results`, queued for the relay). */
  results: number;
  /** `tick()` and `flush()` calls that failed; the next batch, tick or flush retries what they left pending. */
  tickErrors: number;
}

/**
 * The watermark of one owned task (epoch ms), as {@link TaskRunner.watermarks} lists them.
 *
 * @example
 * const w: PartitionWatermark = { partition: { source: 'ecommerce-cdc.public.orders', partition: 0 }, watermark: 54_999 };
 */
export interface PartitionWatermark {
  readonly partition: SourcePartition;
  readonly watermark: number;
}

interface Owned {
  readonly task: Task;
  readonly partition: SourcePartition;
  /** The next offset stored in the partition's checkpoint. */
  committed: string | null;
  /** The next offset the task's state covers: ahead of `committed` while a commit is deferred or failed. */
  processed: string | null;
  /** The task's state changed since its last commit. */
  dirty: boolean;
  /** Produced and not yet sent (dead letters, forwarded records) or not yet committed (results). */
  letters: DeadLetter[];
  forward: RepartitionRecord[];
  results: JobResult[];
  /** Processing time of the last commit (`-Infinity` before the first: it is never deferred). */
  lastCommitAt: number;
  /** Serializes the partition's batches and ticks. */
  queue: Promise<void>;
}

const where = (p: SourcePartition) => ({ topic: p.source, partition: p.partition });

/**
 * The run loop of one stage of a scaled-out job, as a {@link ChangeSourceHandler}: one {@link Task} per assigned
 * source partition, each with its own state in its partition's checkpoint row, so instances of a consumer group
 * split the partitions and a partition moves with its state. On each assignment it claims the partitions (one
 * epoch) and restores their tasks; per batch the task processes the records, the runner dead-letters what it
 * refused, sends what it forwards (repartition records) and commits results + the task's state + the next offset
 * in one fenced transaction, then relays the outbox. `tick()` (periodic) lets tasks act on processing time (idle
 * inputs) between batches.
 *
 * With `commitIntervalMs`, batches that follow a commit within the interval share the next commit (their state is
 * a consistent pair with the offset it covers, and a crash before it replays them from the stored offset, as any
 * uncommitted batch is). Whatever a failed tick, flush or commit left (dead letters, forwarded records, results)
 * stays pending and goes out with the next attempt; a task whose batch failed halfway is dropped, so its next
 * batch fails and the source restarts it from its checkpoint.
 *
 * @example
 * declare const options: TaskRunnerOptions;
 * const runner = new TaskRunner(options);
 * await runner.assigned([{ source: 'ecom-jobs.revenue.partials', partition: 0 }]);
 */
export class TaskRunner implements ChangeSourceHandler {
  readonly metrics: TaskRunnerMetrics = {
    records: 0,
    deadLetters: 0,
    tooLate: 0,
    forwarded: 0,
    commits: 0,
    commitRetries: 0,
    fenced: 0,
    results: 0,
    tickErrors: 0,
  };
  private epoch = 0;
  private tasks = new Map<string, Owned>();
  private readonly logger: JobsLogger;
  private readonly clock: () => number;

  constructor(private readonly options: TaskRunnerOptions) {
    this.logger = options.logger ?? silentLogger();
    this.clock = options.clock ?? Date.now;
  }

  get job(): string {
    return this.options.job;
  }

  /** The partitions this runner owns now. */
  get partitions(): SourcePartition[] {
    return [...this.tasks.values()].map((t) => t.partition);
  }

  /** The watermark of each owned task that has one (for metrics). */
  watermarks(): PartitionWatermark[] {
    return [...this.tasks.values()].flatMap(({ task, partition }) =>
      task.watermark === undefined ? [] : [{ partition, watermark: task.watermark }],
    );
  }

  async assigned(partitions: readonly SourcePartition[]): Promise<ReadonlyMap<string, string | null>> {
    const { job, store, owner, createTask } = this.options;
    this.tasks = new Map();
    const claim = await store.claim(job, partitions, owner ? { owner } : {});
    const byKey = new Map(claim.checkpoints.map((c) => [partitionKey(c), c]));
    const tasks = new Map<string, Owned>();
    for (const partition of partitions) {
      const checkpoint = byKey.get(partitionKey(partition));
      const task = createTask(partition);
      task.restore(checkpoint?.nextOffset == null ? null : checkpoint.state);
      const offset = checkpoint?.nextOffset ?? null;
      tasks.set(partitionKey(partition), {
        task,
        partition,
        committed: offset,
        processed: offset,
        dirty: false,
        letters: [],
        forward: [],
        results: [],
        lastCommitAt: -Infinity,
        queue: Promise.resolve(),
      });
    }
    this.epoch = claim.epoch;
    this.tasks = tasks;
    this.logger.info(
      {
        epoch: claim.epoch,
        partitions: partitions.map((p) => ({
          ...where(p),
          nextOffset: tasks.get(partitionKey(p))?.committed,
        })),
      },
      'claimed partitions; tasks restored from their checkpoints',
    );
    await this.options.relay(); // what a previous owner committed but did not relay
    return new Map(partitions.map((p) => [partitionKey(p), byKey.get(partitionKey(p))?.nextOffset ?? null]));
  }

  batch(batch: SourceBatch): Promise<void> {
    const owned = this.tasks.get(partitionKey(batch.partition));
    if (owned === undefined) {
      return Promise.reject(
        new JobRuntimeError(
          'NOT_CLAIMED',
          `job ${this.job}: batch of ${partitionKey(batch.partition)} before a claim (or after its task failed)`,
        ),
      );
    }
    return this.serialized(owned, () => this.run(owned, batch));
  }

  /**
   * Gives every task a batch without records (processing time passed: idle inputs), committing what that changes
   * and what earlier batches left pending once the commit interval has passed. Partitions never committed or
   * processed are skipped. Rejects when a task's work failed (counted in `tickErrors`): what it produced stays
   * pending, and the next batch, tick or flush sends and commits it.
   */
  async tick(): Promise<void> {
    await this.eachTask((owned) => {
      if (owned.processed === null) return Promise.resolve();
      return this.run(owned, { partition: owned.partition, records: [], nextOffset: owned.processed }, true);
    });
  }

  /**
   * Sends and commits what the tasks' earlier batches left pending: when the commit interval has passed, or all of
   * it with `force` (before a clean stop). Rejects as {@link tick} does.
   */
  async flush(options: { readonly force?: boolean } = {}): Promise<void> {
    await this.eachTask((owned) => this.settle(owned, this.epoch, options.force ?? false));
  }

  /** Runs `work` on every owned task (serialized with its batches), counting a failure in `tickErrors`. */
  private async eachTask(work: (owned: Owned) => Promise<void>): Promise<void> {
    try {
      await Promise.all(
        [...this.tasks.values()].map((owned) =>
          this.serialized(owned, () => (this.owns(owned) ? work(owned) : Promise.resolve())),
        ),
      );
    } catch (e) {
      this.metrics.tickErrors++;
      throw e;
    }
  }

  private owns(owned: Owned): boolean {
    return this.tasks.get(partitionKey(owned.partition)) === owned;
  }

  /** Forgets a task whose state can no longer be trusted: its next batch fails, so the source restarts it. */
  private drop(owned: Owned): void {
    if (this.owns(owned)) this.tasks.delete(partitionKey(owned.partition));
  }

  private serialized(owned: Owned, work: () => Promise<void>): Promise<void> {
    const next = owned.queue.then(work);
    owned.queue = next.catch(() => undefined);
    return next;
  }

  private async run(owned: Owned, batch: SourceBatch, tick = false): Promise<void> {
    const epoch = this.epoch; // a claim during the batch makes this commit stale (fenced)
    let letters: DeadLetter[];
    let out: TaskOutput;
    try {
      ({ letters, out } = await this.process(owned.task, batch));
    } catch (e) {
      this.drop(owned); // a half-applied batch: never commit this state
      throw e;
    }
    const produced = letters.length + out.results.length + out.forward.length + out.tooLate.length > 0;
    if (!tick || produced) {
      const late = out.tooLate.map((report) => tooLate(this.job, report));
      this.metrics.deadLetters += letters.length;
      this.metrics.tooLate += late.length;
      owned.letters.push(...letters, ...late);
      owned.forward.push(...out.forward);
      owned.results.push(...out.results);
      owned.processed = batch.nextOffset;
      owned.dirty = true;
    }
    await this.settle(owned, epoch, false);
  }

  private async process(task: Task, batch: SourceBatch): Promise<{ letters: DeadLetter[]; out: TaskOutput }> {
    const letters: DeadLetter[] = [];
    for (const record of batch.records) {
      this.metrics.records++;
      const letter = await task.process(record);
      if (letter !== null) letters.push(letter);
    }
    const out = await task.finish(batch);
    letters.push(...(out.deadLetters ?? []));
    if (out.forward.length > 0 && this.options.forward === undefined)
      throw new JobRuntimeError(
        'INVALID_COMMIT',
        `job ${this.job}: a task forwards records but the stage has no repartition topic`,
      );
    return { letters, out };
  }

  /** Sends the pending dead letters and forwarded records, then commits when due (or `force`). */
  private async settle(owned: Owned, epoch: number, force: boolean): Promise<void> {
    if (owned.letters.length > 0) {
      await this.options.deadLetters.send(owned.letters);
      owned.letters = [];
    }
    if (owned.forward.length > 0 && this.options.forward) {
      await this.options.forward(owned.forward);
      this.metrics.forwarded += owned.forward.length;
      owned.forward = [];
    }
    const due = this.clock() - owned.lastCommitAt >= (this.options.commitIntervalMs ?? 0);
    if (owned.dirty && (force || due)) await this.commit(owned, epoch);
  }

  private async commit(owned: Owned, epoch: number): Promise<void> {
    const { partition, task, results } = owned;
    const nextOffset = owned.processed as string; // dirty: a batch was processed
    const started = performance.now();
    try {
      await commitWithRetry(
        this.options.store,
        { job: this.job, epoch, partitions: [{ ...partition, nextOffset, state: task.snapshot() }], results },
        this.options.retry,
        () => this.metrics.commitRetries++,
      );
    } catch (e) {
      if (e instanceof FencedError) {
        this.metrics.fenced++;
        this.drop(owned);
        this.logger.warn(
          { ...where(partition), epoch, err: e },
          'fenced: another instance owns the partition',
        );
      }
      throw e;
    }
    const seconds = (performance.now() - started) / 1_000;
    this.options.onCheckpoint?.(seconds);
    this.metrics.commits++;
    this.metrics.results += results.length;
    owned.committed = nextOffset;
    owned.dirty = false;
    owned.results = [];
    owned.lastCommitAt = this.clock();
    this.logger.debug(
      { ...where(partition), epoch, nextOffset, results: results.length, durationMs: seconds * 1_000 },
      'committed',
    );
    if (results.length > 0) await this.options.relay();
  }
}
