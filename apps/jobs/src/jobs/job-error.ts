/**
 * The one error type of every job core (revenue, top-products, …) and the constructors the jobs build it with, so
 * that every job refuses bad input with the same codes and messages of the same shape.
 */
import type { DomainRecord } from '@ecom/cdc';
import { EcomError, type EcomErrorOptions } from '@ecom/domain';

/**
 * Every reason a job core refuses its input.
 *
 * - `WRONG_TABLE`: a record of a table the job does not read.
 * - `UNSUPPORTED_OP`: a truncate or a logical message (the job cannot retract what a truncate removes).
 * - `MISSING_ROW`: a create, read or update without `after`; a delete without its primary key (neither `before`
 *   nor the Kafka key holds it).
 * - `INVALID_RECORD`: a row the job cannot use (a bad id, status, amount or event time; money beyond NUMERIC(14,2)).
 * - `INVALID_WATERMARK`: a watermark that is not a safe integer of epoch milliseconds.
 * - `INVALID_OPTION`: an option out of range (a window size, a horizon, a name).
 * - `INVALID_SNAPSHOT`: a snapshot this job did not write (another format, a bad entry);
 *   `SNAPSHOT_MISMATCH`: a snapshot of a job with other options.
 *
 * @example
 * const code: JobErrorCode = 'WRONG_TABLE';
 */
export type JobErrorCode =
  | 'WRONG_TABLE'
  | 'UNSUPPORTED_OP'
  | 'MISSING_ROW'
  | 'INVALID_RECORD'
  | 'INVALID_WATERMARK'
  | 'INVALID_OPTION'
  | 'INVALID_SNAPSHOT'
  | 'SNAPSHOT_MISMATCH';

/**
 * The codes of an error about one record (see {@link unusableRecord}).
 *
 * @example
 * const code: JobRecordErrorCode = 'MISSING_ROW';
 */
export type JobRecordErrorCode = Extract<
  JobErrorCode,
  'WRONG_TABLE' | 'UNSUPPORTED_OP' | 'MISSING_ROW' | 'INVALID_RECORD'
>;

/**
 * The error every job core throws: an `EcomError` (match it with `isEcomError(error, code)`), never retriable (the
 * same input fails again). `job` is the job's name and the message starts with it; an error about a record names
 * the record's table and op in the message and keeps the record as `raw` (for dead-lettering). Build it with the
 * constructors below ({@link unusableRecord}, {@link invalidWatermark}, {@link invalidOption},
 * {@link invalidSnapshot}, {@link snapshotMismatch}) rather than by hand.
 *
 * @example
 * const error = new JobError('revenue', 'INVALID_OPTION', 'windowSize must be whole minutes, got 1500');
 * error.message; // 'revenue: windowSize must be whole minutes, got 1500'
 * error.retriable; // false
 */
export class JobError extends EcomError<JobErrorCode> {
  override readonly name = 'JobError';
  /** The name of the job that refused the input (`revenue`, `top-products-5m`, …). */
  readonly job: string;

  /** `message` is `<job>: <detail>`; `raw` is the offending record, if any; `cause` the underlying error. */
  constructor(
    job: string,
    code: JobErrorCode,
    detail: string,
    options: Omit<EcomErrorOptions, 'retriable'> = {},
  ) {
    super(code, `${job}: ${detail}`, { raw: options.raw, cause: options.cause });
    this.job = job;
  }
}

/**
 * The error for a record the job cannot use: `<job>: cannot use <table>/<op>: <why>`, the record as `raw`, `cause`
 * the underlying error if any (a `DomainError` of a money or time helper).
 *
 * @example
 * import type { DomainRecord } from '@ecom/cdc';
 * declare const record: DomainRecord;
 * if (record.op === 'truncate') throw unusableRecord('top-products', record, 'a truncate cannot be counted', 'UNSUPPORTED_OP');
 */
export function unusableRecord(
  job: string,
  record: DomainRecord,
  why: string,
  code: JobRecordErrorCode = 'INVALID_RECORD',
  cause?: unknown,
): JobError {
  return new JobError(job, code, `cannot use ${record.table}/${record.op}: ${why}`, { raw: record, cause });
}

/**
 * The `INVALID_WATERMARK` error for a watermark that is not a safe integer of epoch milliseconds.
 *
 * @example
 * const watermark = 1.5;
 * if (!Number.isSafeInteger(watermark)) throw invalidWatermark('revenue', watermark);
 */
export function invalidWatermark(job: string, watermark: unknown): JobError {
  return new JobError(
    job,
    'INVALID_WATERMARK',
    `a watermark must be integer epoch ms, got ${String(watermark)}`,
  );
}

/**
 * The `INVALID_OPTION` error: `<job>: <option> must be <expected>, got <value>`.
 *
 * @example
 * const n = 0;
 * if (n < 1) throw invalidOption('top-products', 'n', 'an integer ≥ 1', n);
 */
export function invalidOption(job: string, option: string, expected: string, value: unknown): JobError {
  return new JobError(job, 'INVALID_OPTION', `${option} must be ${expected}, got ${String(value)}`);
}

/**
 * The `INVALID_SNAPSHOT` error for a snapshot `restore` refuses (another format, a bad entry):
 * `<job>: cannot restore the snapshot: <why>`.
 *
 * @example
 * throw invalidSnapshot('top-products', 'format is not ecom-jobs/top-products/1');
 */
export function invalidSnapshot(job: string, why: string, cause?: unknown): JobError {
  return new JobError(job, 'INVALID_SNAPSHOT', `cannot restore the snapshot: ${why}`, { cause });
}

/**
 * The `SNAPSHOT_MISMATCH` error for a snapshot of a job with other options (both shown as JSON).
 *
 * @example
 * throw snapshotMismatch('revenue', { windowSize: 300_000 }, { windowSize: 60_000 });
 */
export function snapshotMismatch(job: string, theirs: unknown, mine: unknown): JobError {
  return new JobError(
    job,
    'SNAPSHOT_MISMATCH',
    `cannot restore the snapshot: it was taken with other options ${JSON.stringify(theirs)}, not ${JSON.stringify(mine)}`,
  );
}
