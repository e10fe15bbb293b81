/**
 * The typed errors of the stream-job runtime: every refusal or failure of the runtime itself is a
 * {@link JobRuntimeError} (an `EcomError` of `@ecom/domain`) with a {@link JobRuntimeErrorCode}; a stale owner gets
 * the subclass {@link FencedError}. (A job core refusing one of its input records throws the cores' `JobError` of
 * apps/jobs/src/jobs/job-error.ts, which the runtime dead-letters.)
 */
import { EcomError, type EcomErrorOptions } from '@ecom/domain';

/**
 * Every way the runtime refuses or fails.
 *
 * - `INVALID_CONFIG`: an environment variable is missing or malformed ({@link JobsConfigError} names the keys), or a
 *   runtime option is (e.g. the early-results trigger's).
 * - `INVALID_RESULT`: a `JobResult` a core produced is not storable (bad id, window, topic or value).
 * - `INVALID_COMMIT`: a checkpoint claim or commit is malformed (no partitions, duplicates, another job's results…).
 * - `FENCED`: a newer owner claimed one of the partitions; the commit wrote nothing ({@link FencedError}).
 * - `NOT_CLAIMED`: the partitions were never claimed with this epoch; the commit wrote nothing.
 * - `STORE_UNAVAILABLE`: PostgreSQL could not be reached or aborted the transaction (retriable).
 * - `STORE_FAILED`: PostgreSQL refused the statement (not retriable).
 * - `SINK_FAILED`: an output (topic, file) could not be written; `retriable` follows the cause.
 * - `CORRUPT_OUTPUT`: an existing output file holds a line that is not a result record.
 * - `INVALID_REPARTITION`: a record on a repartition topic is not a partial or watermark the runtime wrote.
 *
 * @example
 * const retryLater = (code: JobRuntimeErrorCode) => code === 'STORE_UNAVAILABLE' || code === 'SINK_FAILED';
 */
export type JobRuntimeErrorCode =
  | 'INVALID_CONFIG'
  | 'INVALID_RESULT'
  | 'INVALID_COMMIT'
  | 'FENCED'
  | 'NOT_CLAIMED'
  | 'STORE_UNAVAILABLE'
  | 'STORE_FAILED'
  | 'SINK_FAILED'
  | 'CORRUPT_OUTPUT'
  | 'INVALID_REPARTITION';

/**
 * The error class of the runtime.
 *
 * @example
 * const error = new JobRuntimeError('INVALID_RESULT', 'result 3: windowEnd must be after windowStart', { raw: 3 });
 * error.code; // 'INVALID_RESULT'
 */
export class JobRuntimeError<C extends JobRuntimeErrorCode = JobRuntimeErrorCode> extends EcomError<C> {
  override readonly name: string = 'JobRuntimeError';
}

/**
 * A stored epoch of one partition, as a fencing error reports it.
 *
 * @example
 * const seen: PartitionEpoch = { source: 'ecom.public.orders', partition: 0, epoch: 8 };
 */
export interface PartitionEpoch {
  readonly source: string;
  readonly partition: number;
  readonly epoch: number;
}

/**
 * A commit (or relay) by an owner whose claim is no longer current: another instance claimed at least one of its
 * partitions with a newer epoch after a rebalance. Nothing was written; the stale owner must stop processing those
 * partitions (never retry the same commit).
 *
 * @example
 * const fenced = new FencedError('revenue', 7, [{ source: 'ecom.public.orders', partition: 1, epoch: 8 }]);
 * fenced.code; // 'FENCED'
 */
export class FencedError extends JobRuntimeError<'FENCED'> {
  override readonly name = 'FencedError';
  readonly job: string;
  /** The epoch the stale owner committed with. */
  readonly epoch: number;
  /** The partitions whose stored epoch is newer. */
  readonly newer: readonly PartitionEpoch[];

  constructor(job: string, epoch: number, newer: readonly PartitionEpoch[], options: EcomErrorOptions = {}) {
    const list = newer.map((p) => `${p.source}[${p.partition}] (epoch ${p.epoch})`).join(', ');
    super('FENCED', `job ${job}: epoch ${epoch} is fenced by a newer owner of ${list}`, options);
    this.job = job;
    this.epoch = epoch;
    this.newer = newer;
  }
}

/**
 * A bad environment: `keys` names every offending variable; the message never repeats a value (a URL may hold a
 * password).
 *
 * @example
 * const error = new JobsConfigError(['DATABASE_URL'], 'DATABASE_URL: is required');
 * error.keys; // ['DATABASE_URL']
 */
export class JobsConfigError extends JobRuntimeError<'INVALID_CONFIG'> {
  override readonly name = 'JobsConfigError';
  readonly keys: readonly string[];

  constructor(keys: readonly string[], message: string) {
    super('INVALID_CONFIG', message);
    this.keys = keys;
  }
}
