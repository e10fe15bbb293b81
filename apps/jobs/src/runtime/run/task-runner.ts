import type { CheckpointStore, SourcePartition } from '../checkpoints/checkpoint-store.js';
import { partitionKey } from '../checkpoints/validate-checkpoints.js';
import { FencedError, JobRuntimeError } from '../errors.js';
import type { RepartitionRecord } from '../repartition/repartition-message.js';
import type { ChangeSourceHandler, SourceBatch } from '../source/change-source.js';
import { commitWithRetry, type CommitRetry } from './commit-with-retry.js';
import { tooLate, type DeadLetter, type DeadLetterQueue } from './dead-letters.js';
import type { Task } from './task.js';

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
}

interface Owned {
  readonly task: Task;
  readonly partition: SourcePartition;
  nextOffset: string | null;
  /** Serializes the partition's batches and ticks. */
  queue: Promise<void>;
}

/**
 * The run loop of one stage of a scaled-out job, as a {@link ChangeSourceHandler}: one {@link Task} per assigned
 * source partition, each with its own state in its partition's checkpoint row, so instances of a consumer group
 * split the partitions and a partition moves with its state. On each assignment it claims the partitions (one
 * epoch) and restores their tasks; per batch the task processes the records, the runner dead-letters what it
 * refused, sends what it forwards (repartition records) and commits results + the task's state + the next offset
 * in one fenced transaction, then relays the outbox. `tick()` (periodic) lets tasks act on processing time (idle
 * inputs) between batches.
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
  };
  private epoch = 0;
  private tasks = new Map<string, Owned>();

  constructor(private readonly options: TaskRunnerOptions) {}

  get job(): string {
    return this.options.job;
  }

  /** The partitions this runner owns now. */
  get partitions(): SourcePartition[] {
    return [...this.tasks.values()].map((t) => t.partition);
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
      tasks.set(partitionKey(partition), {
        task,
        partition,
        nextOffset: checkpoint?.nextOffset ?? null,
        queue: Promise.resolve(),
      });
    }
    this.epoch = claim.epoch;
    this.tasks = tasks;
    await this.options.relay(); // what a previous owner committed but did not relay
    return new Map(partitions.map((p) => [partitionKey(p), byKey.get(partitionKey(p))?.nextOffset ?? null]));
  }

  batch(batch: SourceBatch): Promise<void> {
    const owned = this.tasks.get(partitionKey(batch.partition));
    if (owned === undefined) {
      return Promise.reject(
        new JobRuntimeError(
          'NOT_CLAIMED',
          `job ${this.job}: batch of ${partitionKey(batch.partition)} before a claim`,
        ),
      );
    }
    return this.serialized(owned, () => this.run(owned, batch));
  }

  /**
   * Gives every task a batch without records (processing time passed: idle inputs), committing what that changes.
   * Partitions never committed are skipped.
   */
  async tick(): Promise<void> {
    await Promise.all(
      [...this.tasks.values()].map((owned) =>
        this.serialized(owned, async () => {
          if (owned.nextOffset === null || this.tasks.get(partitionKey(owned.partition)) !== owned) return;
          await this.run(
            owned,
            { partition: owned.partition, records: [], nextOffset: owned.nextOffset },
            true,
          );
        }),
      ),
    );
  }

  private serialized(owned: Owned, work: () => Promise<void>): Promise<void> {
    const next = owned.queue.then(work);
    owned.queue = next.catch(() => undefined);
    return next;
  }

  private async run(owned: Owned, batch: SourceBatch, tick = false): Promise<void> {
    const { task } = owned;
    const epoch = this.epoch; // a claim during the batch makes this commit stale (fenced)
    const letters: DeadLetter[] = [];
    for (const record of batch.records) {
      this.metrics.records++;
      const letter = await task.process(record);
      if (letter !== null) letters.push(letter);
    }
    const out = task.finish(batch);
    if (tick && out.results.length === 0 && out.forward.length === 0 && out.tooLate.length === 0) return;
    const late = out.tooLate.map((report) => tooLate(this.job, report));
    this.metrics.deadLetters += letters.length;
    this.metrics.tooLate += late.length;
    await this.options.deadLetters.send([...letters, ...late]);
    if (out.forward.length > 0) {
      if (this.options.forward === undefined)
        throw new JobRuntimeError(
          'INVALID_COMMIT',
          `job ${this.job}: a task forwards records but the stage has no repartition topic`,
        );
      await this.options.forward(out.forward);
      this.metrics.forwarded += out.forward.length;
    }
    try {
      await commitWithRetry(
        this.options.store,
        {
          job: this.job,
          epoch,
          partitions: [{ ...batch.partition, nextOffset: batch.nextOffset, state: task.snapshot() }],
          results: out.results,
        },
        this.options.retry,
        () => this.metrics.commitRetries++,
      );
    } catch (e) {
      if (e instanceof FencedError) {
        this.metrics.fenced++;
        this.tasks.delete(partitionKey(batch.partition));
      }
      throw e;
    }
    this.metrics.commits++;
    owned.nextOffset = batch.nextOffset;
    if (out.results.length > 0) await this.options.relay();
  }
}
