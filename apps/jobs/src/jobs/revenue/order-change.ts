/**
 * Reads an `orders` record into what the revenue job needs: the order id and the order's contribution to the
 * windows before and after the change. Every check happens here, before the job changes any state.
 */
import type { DomainRecord } from '@ecom/cdc';
import { ORDER_STATUSES, toEpochMillis, toMinorUnits, type Order } from '@ecom/domain';
import { windowStart } from '@ecom/windowing';
import { unusableRecord, type JobRecordErrorCode } from '../job-error.js';
import { REVENUE_JOB_NAME } from './options.js';

/** The largest |epoch ms| a `Date` (and so an ISO-8601 window bound) can hold. */
const MAX_EPOCH_MS = 8.64e15;

/**
 * What one order adds to one window: its total in cents and its customer.
 *
 * @example
 * const c: OrderContribution = { window: 1_764_000_000_000, cents: 12_990n, customer: 7 };
 */
export interface OrderContribution {
  /** Start of the window holding the order's `order_date` (epoch ms). */
  readonly window: number;
  /** `total_price` in hundredths. */
  readonly cents: bigint;
  readonly customer: number;
}

/**
 * A validated change of one order.
 *
 * @example
 * const change: OrderChange = { orderId: 1, next: null, previous: undefined }; // a delete without before
 */
export interface OrderChange {
  readonly orderId: number;
  /** The order's contribution after the change; `null` when it is deleted or cancelled. */
  readonly next: OrderContribution | null;
  /**
   * The contribution the `before` row describes: `null` when that row was cancelled, `undefined` when the record
   * has no `before`. Used only for orders whose state the job no longer keeps (see the correction horizon).
   */
  readonly previous: OrderContribution | null | undefined;
}

function fail(record: DomainRecord, code: JobRecordErrorCode, what: string, cause?: unknown): never {
  throw unusableRecord(REVENUE_JOB_NAME, record, what, code, cause);
}

function orderIdOf(record: DomainRecord, value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    fail(record, 'INVALID_RECORD', `${where}.order_id must be a positive integer, got ${String(value)}`);
  }
  return value;
}

function windowOf(record: DomainRecord, eventTime: number, windowSize: number, where: string): number {
  if (!Number.isSafeInteger(eventTime)) {
    fail(record, 'INVALID_RECORD', `${where} event time must be integer epoch ms, got ${String(eventTime)}`);
  }
  const start = windowStart(eventTime, 0, windowSize);
  if (start < -MAX_EPOCH_MS || start + windowSize > MAX_EPOCH_MS) {
    fail(record, 'INVALID_RECORD', `${where} event time ${eventTime} has a window outside the Date range`);
  }
  return start;
}

function contributionOf(
  record: DomainRecord,
  row: Order,
  eventTime: number,
  windowSize: number,
  where: string,
): OrderContribution | null {
  orderIdOf(record, row.order_id, where);
  if (!ORDER_STATUSES.includes(row.status)) {
    fail(
      record,
      'INVALID_RECORD',
      `${where}.status must be one of ${ORDER_STATUSES.join(', ')}, got ${String(row.status)}`,
    );
  }
  if (typeof row.customer_id !== 'number' || !Number.isSafeInteger(row.customer_id)) {
    fail(record, 'INVALID_RECORD', `${where}.customer_id must be an integer, got ${String(row.customer_id)}`);
  }
  const cents = totalPriceCents(record, row.total_price, where);
  const window = windowOf(record, eventTime, windowSize, where);
  return row.status === 'cancelled' ? null : { window, cents, customer: row.customer_id };
}

/** The cents of `total_price`; a value that is not money fails with the error `toMinorUnits` gives. */
function totalPriceCents(record: DomainRecord, totalPrice: unknown, where: string): bigint {
  try {
    return toMinorUnits(totalPrice);
  } catch (e) {
    return fail(record, 'INVALID_RECORD', `${where}.total_price: ${(e as Error).message}`, e);
  }
}

function beforeTime(record: DomainRecord, before: Order): number {
  try {
    return toEpochMillis(before.order_date);
  } catch (e) {
    return fail(record, 'INVALID_RECORD', `"before".order_date: ${(e as Error).message}`, e);
  }
}

/**
 * Validates an `orders` record and reads the order's change. Creates, snapshot reads and updates carry the
 * order's current row in `after` (its window from `record.eventTime`, the `order_date`); a delete removes the order
 * (its id from `before`, else from the Kafka key). Throws a `JobError` naming the record's table and op.
 *
 * @example
 * import type { DomainRecord } from '@ecom/cdc';
 * function windowsTouched(record: DomainRecord): number[] {
 *   const change = readOrderChange(record, 60_000);
 *   return [change.previous?.window, change.next?.window].filter((w): w is number => w !== undefined);
 * }
 */
export function readOrderChange(record: DomainRecord, windowSize: number): OrderChange {
  if (record.table !== 'orders') fail(record, 'WRONG_TABLE', 'expected an orders record');
  const { before, after, op } = record;
  const previous =
    before === null
      ? undefined
      : contributionOf(record, before, beforeTime(record, before), windowSize, '"before"');
  switch (op) {
    case 'create':
    case 'read':
    case 'update': {
      if (after === null) return fail(record, 'MISSING_ROW', 'no "after" row');
      const next = contributionOf(record, after, record.eventTime, windowSize, '"after"');
      return { orderId: after.order_id, next, previous };
    }
    case 'delete': {
      const id = before?.order_id ?? record.event.key?.['order_id'];
      if (id === undefined || id === null) return fail(record, 'MISSING_ROW', 'no "before" row and no key');
      return { orderId: orderIdOf(record, id, before === null ? 'key' : '"before"'), next: null, previous };
    }
    default:
      return fail(record, 'UNSUPPORTED_OP', 'only create, read, update and delete are applied');
  }
}
