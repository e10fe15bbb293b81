/**
 * The typed errors of the revenue job: bad records, watermarks, options and snapshots.
 */
import { EcomError } from '@ecom/domain';

/**
 * Every reason the revenue job refuses its input.
 *
 * - `WRONG_TABLE`: a record of another table than `orders`.
 * - `UNSUPPORTED_OP`: a truncate or a logical message (see the README: a truncate needs a rebuild).
 * - `MISSING_ROW`: a create, read or update without `after`; a delete with neither `before` nor a key.
 * - `INVALID_ORDER`: an order row with a bad id, customer, status, amount or event time.
 * - `INVALID_WATERMARK`: a watermark that is not a safe integer of milliseconds.
 * - `INVALID_OPTION`: a window size that is not a whole number of minutes, a negative horizon.
 * - `INVALID_SNAPSHOT`: a snapshot this job did not write; `SNAPSHOT_MISMATCH`: one of other options.
 *
 * @example
 * const code: RevenueJobErrorCode = 'WRONG_TABLE';
 */
export type RevenueJobErrorCode =
  | 'WRONG_TABLE'
  | 'UNSUPPORTED_OP'
  | 'MISSING_ROW'
  | 'INVALID_ORDER'
  | 'INVALID_WATERMARK'
  | 'INVALID_OPTION'
  | 'INVALID_SNAPSHOT'
  | 'SNAPSHOT_MISMATCH';

/**
 * The error the revenue job throws, an `EcomError` (never retriable: the same input fails again). Errors about a
 * record name its table and op in the message and keep the record as `raw`.
 *
 * @example
 * const error = new RevenueJobError('WRONG_TABLE', 'revenue: expected an orders record, got payments/create');
 * error.retriable; // false
 */
export class RevenueJobError extends EcomError<RevenueJobErrorCode> {
  override readonly name = 'RevenueJobError';
}
