/**
 * The checkpoint port: a job's results, operator state and next source offsets, committed together per batch and
 * fenced against a stale owner (the Kafka consumer's "storing offsets outside Kafka" pattern; see apps/jobs/README.md).
 */
import type { JobResult, JsonValue } from '../stream-job.js';

/**
 * One partition of one source: a Kafka topic partition (`ecom.public.orders`, 3), a repartition topic partition,
 * or a CDC slot (`ecom_jobs_slot`, 0).
 *
 * @example
 * const p: SourcePartition = { source: 'ecom.public.orders', partition: 0 };
 */
export interface SourcePartition {
  readonly source: string;
  /** 0 … 2^31 − 1. */
  readonly partition: number;
}

/**
 * What is stored for a partition: where to resume, the operator state at that point, and the current claim.
 *
 * @example
 * const fresh: Checkpoint = { source: 'ecom.public.orders', partition: 0, nextOffset: null, state: null, epoch: 0, owner: null };
 */
export interface Checkpoint extends SourcePartition {
  /** The next Kafka offset (or CDC LSN) to read, as text; `null` until the first commit (start from the beginning). */
  readonly nextOffset: string | null;
  /** The core's `snapshot()` at `nextOffset` (`null` before the first commit). */
  readonly state: JsonValue;
  /** The epoch of the current claim; 0 if the partition was never claimed. */
  readonly epoch: number;
  /** Who claimed it (an instance id, for `jobs status`), if it said. */
  readonly owner: string | null;
}

/**
 * A successful claim: the epoch the owner commits with, and the partitions' checkpoints read under the claim's
 * locks (so nothing committed before the claim is missed).
 *
 * @example
 * function resumeFrom(claim: Claim): (string | null)[] {
 *   return claim.checkpoints.map((c) => c.nextOffset);
 * }
 */
export interface Claim {
  readonly job: string;
  readonly epoch: number;
  readonly checkpoints: readonly Checkpoint[];
}

/**
 * A partition's part of a commit: the offset after the last record of the batch and the state after it.
 *
 * @example
 * const part: PartitionCommit = { source: 'ecom.public.orders', partition: 0, nextOffset: '1042', state: { windows: [] } };
 */
export interface PartitionCommit extends SourcePartition {
  readonly nextOffset: string;
  readonly state: JsonValue;
}

/**
 * One batch, committed atomically: the results it produced, and per partition the next offset and the state.
 *
 * @example
 * const commit: CheckpointCommit = {
 *   job: 'revenue',
 *   epoch: 7,
 *   partitions: [{ source: 'ecom.public.orders', partition: 0, nextOffset: '1042', state: null }],
 *   results: [],
 * };
 */
export interface CheckpointCommit {
  readonly job: string;
  /** The epoch of the owner's claim. */
  readonly epoch: number;
  readonly partitions: readonly PartitionCommit[];
  /** Results of the job (each `id.job` must be `job`); the latest per id wins. */
  readonly results: readonly JobResult[];
}

/**
 * What a commit changed.
 *
 * @example
 * const receipt: CommitReceipt = { changedResults: 2 };
 */
export interface CommitReceipt {
  /** Results whose stored value changed (a re-commit of the same batch changes none). */
  readonly changedResults: number;
}

/**
 * Claims, loads and commits checkpoints. Implementations: `PostgresCheckpointStore` (the real one) and
 * `MemoryCheckpointStore` (unit tests). Both pass the same contract spec.
 *
 * - `claim` gives the caller a new epoch, higher than every earlier claim of those partitions; from then on a
 *   commit with an older epoch for any of them fails with `FencedError` and writes nothing.
 * - `commit` writes all or nothing: results upserted by id, then each partition's offset and state. Re-committing
 *   the same batch is harmless (same rows, nothing changed).
 * - `load` reads checkpoints without claiming (for status); owners resume from `claim`'s checkpoints. With
 *   `{ state: false }` it may leave `state` out (`null`): a progress check then never reads megabytes of state.
 *
 * @example
 * async function resume(store: CheckpointStore, core: StreamJobCore, partition: SourcePartition): Promise<Claim> {
 *   const claim = await store.claim(core.name, [partition], { owner: 'instance-1' });
 *   const [checkpoint] = claim.checkpoints;
 *   if (checkpoint && checkpoint.nextOffset !== null) core.restore(checkpoint.state);
 *   return claim;
 * }
 */
export interface CheckpointStore {
  claim(job: string, partitions: readonly SourcePartition[], options?: { owner?: string }): Promise<Claim>;
  load(
    job: string,
    partitions: readonly SourcePartition[],
    options?: { readonly state?: boolean },
  ): Promise<Checkpoint[]>;
  commit(commit: CheckpointCommit): Promise<CommitReceipt>;
}
