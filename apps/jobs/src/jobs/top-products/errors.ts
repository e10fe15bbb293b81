/** The typed errors of the top-products job: every refusal is a `DomainError` naming the job, table and op. */
import type { DomainRecord } from '@ecom/cdc';
import { DomainError } from '@ecom/domain';

/**
 * The `invalid_record` error for a record the job cannot use: `details` name the job, table and op, `raw` is the
 * record (for dead-lettering), `cause` the underlying error if any.
 *
 * @example
 * import type { DomainRecord } from '@ecom/cdc';
 * declare const record: DomainRecord;
 * throw unusableRecord('top-products', record, 'a truncate has no rows to count');
 */
export function unusableRecord(job: string, record: DomainRecord, why: string, cause?: unknown): DomainError {
  return new DomainError('invalid_record', `${job}: cannot use a ${record.op} of ${record.table}: ${why}`, {
    details: { job, table: record.table, op: record.op },
    raw: record,
    cause,
  });
}

/**
 * The `invalid_record` error for a snapshot `restore` refuses (wrong format, other options, a bad entry).
 *
 * @example
 * throw invalidSnapshot('top-products', 'format is not ecom-jobs/top-products/1');
 */
export function invalidSnapshot(job: string, why: string, cause?: unknown): DomainError {
  return new DomainError('invalid_record', `${job}: cannot restore the snapshot: ${why}`, {
    details: { job, snapshot: true },
    cause,
  });
}
