import type { Decoder, KafkaRecordLike } from '@ecom/cdc';
import type { CheckpointStore, SourcePartition } from '../checkpoints/checkpoint-store.js';
import { partitionKey } from '../checkpoints/validate-checkpoints.js';
import { FencedError, JobRuntimeError } from '../errors.js';
import type { ChangeSourceHandler, SourceBatch } from '../source/change-source.js';
import type { JobResult, JsonValue, StreamJobCore } from '../stream-job.js';
import { commitWithRetry, type CommitRetry } from './commit-with-retry.js';
import { tooLate, type DeadLetter, type DeadLetterQueue } from './dead-letters.js';
import { feedRecord } from './decode-record.js';
import { SourceWatermarks, type SourceWatermarkOptions } from './source-watermarks.js';

/**
 * The checkpoint row that holds a job's operator state and its combined watermark (`#` is not legal in a Kafka
 * topic name, so it never collides with a source). One core reads all of an instance's partitions, so its state
 * is one value, committed in the same transaction as every partition's offset.
 *
 * @example
 * JOB_STATE_PARTITION.source; // '#state'
 */
export const JOB_STATE_PARTITION: SourcePartition = { source: '#state', partition: 0 };

/**
 * Options of {@link JobRunner}.
 *
 * @example
 * import { createDecoder } from '@ecom/cdc';
 * declare const core: StreamJobCore, store: CheckpointStore, deadLetters: DeadLetterQueue;
 * const options: JobRunnerOptions = {
 *   core, store, deadLetters, decoder: createDecoder(),
 *   watermarks: { outOfOrdernessMs: 5_000, idleTimeoutMs: 30_000 },
 *   relay: async () => {},
 * };
 */
export interface JobRunnerOptions {
  readonly core: StreamJobCore;
  readonly store: CheckpointStore;
  readonly decoder: Decoder;
  readonly deadLetters: DeadLetterQueue;
  readonly watermarks: SourceWatermarkOptions;
  /** Sends the committed outbox to the sinks (e.g. `relayOutbox` until 0); runs after every commit. */
  readonly relay: () => Promise<void>;
  /** Stored as the partitions' owner. */
  readonly owner?: string;
  /** How often a `STORE_UNAVAILABLE` commit is retried, and the first delay (doubling). Default 8 and 100 ms. */
  readonly retry?: CommitRetry;
}

/**
 * What a runner did since it started.
 *
 * @example
 * declare const runner: JobRunner;
 * runner.metrics.deadLetters; // records dead-lettered (undecodable or refused)
 */
export interface JobRunnerMetrics {
  records: number;
  deadLetters: number;
  tooLate: number;
  commits: number;
  commitRetries: number;
  fenced: number;
}

/**
 * The run loop of one job instance, as a {@link ChangeSourceHandler}: on each assignment it claims the partitions
 * (one epoch, the job's state row with them), restores the core and the watermarks and answers the offsets to
 * resume from; on each batch it decodes (`@ecom/cdc`), validates (`toDomainRecord`), advances the partition's
 * watermark, feeds the core, and commits results + state + next offsets in one transaction, then relays the
 * outbox. Undecodable and refused records and too-late reports go to the dead-letter queue before the commit.
 * A fenced commit throws `FencedError` (the source drops the partition); `STORE_UNAVAILABLE` retries the same
 * commit.
 *
 * @example
 * import { createDecoder } from '@ecom/cdc';
 * import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
 * import { createRevenueJob } from '../../jobs/revenue/index.js';
 * const runner = new JobRunner({
 *   core: createRevenueJob(), store: new MemoryCheckpointStore(), decoder: createDecoder(),
 *   deadLetters: { send: async () => {} }, relay: async () => {},
 *   watermarks: { outOfOrdernessMs: 5_000, idleTimeoutMs: 0 },
 * });
 * await runner.assigned([{ source: 'ecommerce-cdc.public.orders', partition: 0 }]);
 */
export class JobRunner implements ChangeSourceHandler {
  readonly metrics: JobRunnerMetrics = {
    records: 0,
    deadLetters: 0,
    tooLate: 0,
    commits: 0,
    commitRetries: 0,
    fenced: 0,
  };
  private epoch = 0;
  private watermarks: SourceWatermarks | undefined;

  constructor(private readonly options: JobRunnerOptions) {}

  get job(): string {
    return this.options.core.name;
  }

  /** The job's watermark (the minimum over its partitions), `undefined` while nothing is claimed. */
  get watermark(): number | undefined {
    return this.watermarks?.current;
  }

  async assigned(partitions: readonly SourcePartition[]): Promise<ReadonlyMap<string, string | null>> {
    const { core, store, owner } = this.options;
    this.watermarks = undefined;
    const claim = await store.claim(core.name, [JOB_STATE_PARTITION, ...partitions], owner ? { owner } : {});
    const byKey = new Map(claim.checkpoints.map((c) => [partitionKey(c), c]));
    const head = byKey.get(partitionKey(JOB_STATE_PARTITION));
    const saved = (head?.state ?? null) as { core?: JsonValue; watermark?: JsonValue } | null;
    if (saved !== null && saved.core !== undefined) core.restore(saved.core);
    const watermarks = new SourceWatermarks(this.options.watermarks, partitions);
    watermarks.restore(
      saved?.watermark ?? null,
      partitions.map((p) => [p, byKey.get(partitionKey(p))?.state ?? null] as const),
    );
    this.epoch = claim.epoch;
    this.watermarks = watermarks;
    return new Map(partitions.map((p) => [partitionKey(p), byKey.get(partitionKey(p))?.nextOffset ?? null]));
  }

  async batch(batch: SourceBatch): Promise<void> {
    const { core, deadLetters } = this.options;
    const watermarks = this.watermarks;
    if (watermarks === undefined)
      throw new JobRuntimeError('NOT_CLAIMED', `job ${core.name}: batch before a claim`);
    const epoch = this.epoch; // a claim during the batch makes this commit stale (fenced)
    const letters: DeadLetter[] = [];
    for (const record of batch.records) {
      this.metrics.records++;
      const letter = await this.process(batch.partition, record, watermarks);
      if (letter !== null) letters.push(letter);
    }
    if (watermarks.checkIdle()) core.onWatermark(watermarks.current);
    const results: JobResult[] = core.drain();
    const late = core.drainTooLate().map((report) => tooLate(core.name, report));
    this.metrics.deadLetters += letters.length;
    this.metrics.tooLate += late.length;
    await deadLetters.send([...letters, ...late]);
    await this.commitWithRetry({
      job: core.name,
      epoch,
      partitions: [
        {
          ...JOB_STATE_PARTITION,
          nextOffset: '-',
          state: { core: core.snapshot(), watermark: watermarks.combinedState() },
        },
        {
          ...batch.partition,
          nextOffset: batch.nextOffset,
          state: watermarks.partitionState(batch.partition),
        },
      ],
      results,
    }).catch((e: unknown) => {
      if (e instanceof FencedError) {
        this.metrics.fenced++;
        this.watermarks = undefined;
      }
      throw e;
    });
    await this.options.relay();
  }

  /** Decodes, validates and applies one record; the dead letter when it is refused. */
  private async process(
    partition: SourcePartition,
    record: KafkaRecordLike,
    watermarks: SourceWatermarks,
  ): Promise<DeadLetter | null> {
    return feedRecord(this.options.core, this.options.decoder, partition, record, watermarks);
  }

  private async commitWithRetry(commit: Parameters<CheckpointStore['commit']>[0]): Promise<void> {
    await commitWithRetry(this.options.store, commit, this.options.retry, () => this.metrics.commitRetries++);
    this.metrics.commits++;
  }
}
