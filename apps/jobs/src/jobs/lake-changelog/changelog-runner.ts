import type { Decoder } from '@ecom/cdc';
import {
  writeChangeLogFiles,
  type ChangeLogEntry,
  type ObjectStore,
  type ParquetFileWriter,
} from '@ecom/lakehouse';
import type { CheckpointStore, SourcePartition } from '../../runtime/checkpoints/checkpoint-store.js';
import { partitionKey } from '../../runtime/checkpoints/validate-checkpoints.js';
import { FencedError, JobRuntimeError } from '../../runtime/errors.js';
import { silentLogger, type JobsLogger } from '../../runtime/observability/logger.js';
import { commitWithRetry, type CommitRetry } from '../../runtime/run/commit-with-retry.js';
import type { DeadLetter, DeadLetterQueue } from '../../runtime/run/dead-letters.js';
import type { ChangeSourceHandler, SourceBatch } from '../../runtime/source/change-source.js';
import type { JsonValue } from '../../runtime/stream-job.js';
import { changeLogEntry, LAKE_CHANGELOG_JOB } from './changelog-entry.js';

/**
 * When a task rolls its buffer into files: after `maxRecords` changes or `maxBytes` of buffered JSON (checked at
 * each change), or once the oldest buffered change waited `maxAgeMs` of processing time (checked after each batch
 * and at each `tick()`).
 *
 * @example
 * const roll: ChangeLogRollPolicy = { maxRecords: 10_000, maxBytes: 16 * 1024 * 1024, maxAgeMs: 60_000 };
 */
export interface ChangeLogRollPolicy {
  readonly maxRecords: number;
  readonly maxBytes: number;
  readonly maxAgeMs: number;
}

/**
 * Options of {@link ChangeLogRunner}.
 *
 * @example
 * import { createDecoder } from '@ecom/cdc';
 * import { MemoryCheckpointStore } from '../../runtime/checkpoints/memory-checkpoint-store.js';
 * declare const objects: import('@ecom/lakehouse').ObjectStore;
 * const options: ChangeLogRunnerOptions = {
 *   store: new MemoryCheckpointStore(), objects, prefix: 'changelog', decoder: createDecoder(),
 *   deadLetters: { send: async () => undefined }, roll: { maxRecords: 1_000, maxBytes: 1 << 24, maxAgeMs: 60_000 },
 * };
 */
export interface ChangeLogRunnerOptions {
  /** The checkpoint job name (default `lake-changelog`). */
  readonly job?: string;
  readonly store: CheckpointStore;
  /** Where the files go (S3 through `minioObjectStore`, or any `ObjectStore`). */
  readonly objects: ObjectStore;
  /** The change logs' folder in the bucket (`changelog`). */
  readonly prefix: string;
  readonly decoder: Decoder;
  readonly deadLetters: DeadLetterQueue;
  readonly roll: ChangeLogRollPolicy;
  readonly owner?: string;
  readonly writer?: ParquetFileWriter;
  readonly retry?: CommitRetry;
  readonly logger?: JobsLogger;
  /** Processing time (ms) of the age threshold. Default `Date.now`. */
  readonly clock?: () => number;
}

/**
 * What a change-log runner did since it started.
 *
 * @example
 * declare const runner: ChangeLogRunner;
 * runner.metrics.files; // Parquet files written (rewrites after a restart included)
 */
export interface ChangeLogRunnerMetrics {
  records: number;
  changes: number;
  deadLetters: number;
  rolls: number;
  files: number;
  commits: number;
}

/** The checkpoint state of one source partition: what is buffered, and rolls decided but maybe not yet written. */
interface ChangeLogState {
  readonly buffer: ChangeLogEntry[];
  /** Processing time the oldest buffered change arrived (`null`: empty buffer). */
  readonly openedAt: number | null;
  readonly bytes: number;
  /** Rolls committed as decided; their files are written (again) before anything else. */
  readonly pending: ChangeLogEntry[][];
}

interface Owned {
  readonly partition: SourcePartition;
  /** The next offset in the partition's checkpoint (`null`: never committed). */
  committed: string | null;
  buffer: ChangeLogEntry[];
  openedAt: number | null;
  bytes: number;
  pending: ChangeLogEntry[][];
  queue: Promise<void>;
}

const EMPTY: ChangeLogState = { buffer: [], openedAt: null, bytes: 0, pending: [] };

function parseState(state: JsonValue): ChangeLogState {
  if (state === null) return EMPTY;
  const s = state as Partial<ChangeLogState>;
  if (
    typeof s !== 'object' ||
    !Array.isArray(s.buffer) ||
    !Array.isArray(s.pending) ||
    typeof s.bytes !== 'number' ||
    (s.openedAt !== null && typeof s.openedAt !== 'number')
  )
    throw new JobRuntimeError('STORE_FAILED', 'checkpoint holds a corrupt change-log state', { raw: state });
  return s as ChangeLogState;
}

const where = (p: SourcePartition) => ({ topic: p.source, partition: p.partition });

/**
 * The run loop of the streaming change-log export, as a {@link ChangeSourceHandler}: one buffer per source
 * partition, held in the partition's checkpoint state, rolled into Parquet files (one per table and
 * `event_date`, named by the first and last position it covers) by size, count or age.
 *
 * Exactly-once file commits, in three steps per roll: (1) the roll is decided and **committed** with the batch's
 * offset (the rolled changes move from `buffer` to `pending` in the state); (2) its files are written, each one
 * whole PUT under its deterministic name; (3) a second commit clears `pending`. A crash before (1) replays the
 * batch from the previous checkpoint; between (1) and (3) the successor finds the roll pending and writes the same
 * files again (same changes, same names: an overwrite, never a duplicate), because what a roll holds was fixed by
 * the commit, not by timing. No change leaves the state before its file is on the store.
 *
 * The state is committed with every batch, before the batch resolves: the pgoutput source confirms an LSN to
 * PostgreSQL only then, so it never runs ahead of what is durable.
 *
 * @example
 * declare const options: ChangeLogRunnerOptions;
 * const runner = new ChangeLogRunner(options);
 * await runner.assigned([{ source: 'pgoutput:ecom_lake', partition: 0 }]);
 */
export class ChangeLogRunner implements ChangeSourceHandler {
  readonly metrics: ChangeLogRunnerMetrics = {
    records: 0,
    changes: 0,
    deadLetters: 0,
    rolls: 0,
    files: 0,
    commits: 0,
  };
  private epoch = 0;
  private owned = new Map<string, Owned>();
  private readonly logger: JobsLogger;
  private readonly clock: () => number;
  readonly job: string;

  constructor(private readonly options: ChangeLogRunnerOptions) {
    this.logger = options.logger ?? silentLogger();
    this.clock = options.clock ?? Date.now;
    this.job = options.job ?? LAKE_CHANGELOG_JOB;
  }

  /** The partitions this runner owns now. */
  get partitions(): SourcePartition[] {
    return [...this.owned.values()].map((o) => o.partition);
  }

  /** Changes buffered (not yet in a file) over every owned partition. */
  get buffered(): number {
    return [...this.owned.values()].reduce((n, o) => n + o.buffer.length, 0);
  }

  async assigned(partitions: readonly SourcePartition[]): Promise<ReadonlyMap<string, string | null>> {
    this.owned = new Map();
    const claim = await this.options.store.claim(
      this.job,
      partitions,
      this.options.owner ? { owner: this.options.owner } : {},
    );
    const byKey = new Map(claim.checkpoints.map((c) => [partitionKey(c), c]));
    this.epoch = claim.epoch;
    const owned = new Map<string, Owned>();
    for (const partition of partitions) {
      const checkpoint = byKey.get(partitionKey(partition));
      const committed = checkpoint?.nextOffset ?? null;
      const state = parseState(committed === null ? null : (checkpoint?.state ?? null));
      owned.set(partitionKey(partition), {
        partition,
        committed,
        buffer: [...state.buffer],
        openedAt: state.openedAt,
        bytes: state.bytes,
        pending: [...state.pending],
        queue: Promise.resolve(),
      });
    }
    this.owned = owned;
    this.logger.info(
      {
        epoch: claim.epoch,
        partitions: [...owned.values()].map((o) => ({
          ...where(o.partition),
          nextOffset: o.committed,
          buffered: o.buffer.length,
          pendingRolls: o.pending.length,
        })),
      },
      'claimed partitions; change-log buffers restored from their checkpoints',
    );
    // Rolls a previous owner committed but may not have written: write them (again) first.
    for (const o of owned.values())
      if (o.pending.length > 0 && o.committed !== null) await this.writePending(o, o.committed, this.epoch);
    return new Map(partitions.map((p) => [partitionKey(p), byKey.get(partitionKey(p))?.nextOffset ?? null]));
  }

  batch(batch: SourceBatch): Promise<void> {
    const owned = this.owned.get(partitionKey(batch.partition));
    if (owned === undefined)
      return Promise.reject(
        new JobRuntimeError(
          'NOT_CLAIMED',
          `job ${this.job}: batch of ${partitionKey(batch.partition)} before a claim (or after its task failed)`,
        ),
      );
    return this.serialized(owned, () => this.guarded(owned, () => this.run(owned, batch)));
  }

  /** Rolls every buffer older than `maxAgeMs` (processing time): the latency bound of a quiet source. */
  async tick(): Promise<void> {
    await Promise.all(
      [...this.owned.values()].map((owned) =>
        this.serialized(owned, () =>
          this.guarded(owned, async () => {
            if (owned.committed === null || !this.aged(owned)) return;
            this.cut(owned);
            await this.writePending(owned, owned.committed, this.epoch, true);
          }),
        ),
      ),
    );
  }

  private aged(owned: Owned): boolean {
    return owned.openedAt !== null && this.clock() - owned.openedAt >= this.options.roll.maxAgeMs;
  }

  private async run(owned: Owned, batch: SourceBatch): Promise<void> {
    const epoch = this.epoch;
    const letters: DeadLetter[] = [];
    const { maxRecords, maxBytes } = this.options.roll;
    for (const record of batch.records) {
      this.metrics.records++;
      const entry = await changeLogEntry(this.options.decoder, batch.partition, record);
      if (entry === null) continue;
      if ('headers' in entry) {
        letters.push(entry);
        continue;
      }
      this.metrics.changes++;
      owned.buffer.push(entry);
      owned.bytes += JSON.stringify(entry).length;
      owned.openedAt ??= this.clock();
      if (owned.buffer.length >= maxRecords || owned.bytes >= maxBytes) this.cut(owned);
    }
    if (this.aged(owned)) this.cut(owned);
    if (letters.length > 0) {
      await this.options.deadLetters.send(letters); // before the commit: at least once, never lost
      this.metrics.deadLetters += letters.length;
    }
    await this.writePending(owned, batch.nextOffset, epoch, true);
  }

  /** Moves the whole buffer into a pending roll. */
  private cut(owned: Owned): void {
    if (owned.buffer.length === 0) return;
    owned.pending.push(owned.buffer);
    owned.buffer = [];
    owned.bytes = 0;
    owned.openedAt = null;
    this.metrics.rolls++;
  }

  /**
   * Commits the state with `nextOffset` (unless `decided` is false: the pending rolls are already committed), writes
   * the pending rolls' files, then commits again without them.
   */
  private async writePending(owned: Owned, nextOffset: string, epoch: number, decide = false): Promise<void> {
    if (decide) await this.commit(owned, nextOffset, epoch);
    if (owned.pending.length === 0) return;
    for (const roll of owned.pending) {
      const keys = await writeChangeLogFiles({
        store: this.options.objects,
        prefix: this.options.prefix,
        entries: roll,
        ...(this.options.writer ? { writer: this.options.writer } : {}),
      });
      this.metrics.files += keys.length;
      this.logger.info(
        { ...where(owned.partition), changes: roll.length, files: keys },
        'change-log files written',
      );
    }
    owned.pending = [];
    await this.commit(owned, nextOffset, epoch);
  }

  private async commit(owned: Owned, nextOffset: string, epoch: number): Promise<void> {
    const state: ChangeLogState = {
      buffer: owned.buffer,
      openedAt: owned.openedAt,
      bytes: owned.bytes,
      pending: owned.pending,
    };
    await commitWithRetry(
      this.options.store,
      {
        job: this.job,
        epoch,
        partitions: [{ ...owned.partition, nextOffset, state: state as unknown as JsonValue }],
        results: [],
      },
      this.options.retry,
    );
    owned.committed = nextOffset;
    this.metrics.commits++;
  }

  /** Runs `work`; on any failure the task's in-memory state is no longer trusted: it is dropped (the source restarts). */
  private async guarded(owned: Owned, work: () => Promise<void>): Promise<void> {
    if (this.owned.get(partitionKey(owned.partition)) !== owned) return;
    try {
      await work();
    } catch (e) {
      if (this.owned.get(partitionKey(owned.partition)) === owned)
        this.owned.delete(partitionKey(owned.partition));
      if (e instanceof FencedError)
        this.logger.warn(
          { ...where(owned.partition), err: e },
          'fenced: another instance owns the partition',
        );
      throw e;
    }
  }

  private serialized(owned: Owned, work: () => Promise<void>): Promise<void> {
    const next = owned.queue.then(work);
    owned.queue = next.catch(() => undefined);
    return next;
  }
}
