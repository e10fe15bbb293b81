/**
 * The records the fraud job routes from its source partitions to the merging task: only the columns the detector
 * reads, dates as epoch milliseconds, money as exact decimal strings. JSON on the repartition topic, checked with zod
 * when the merging task reads them back.
 */
import type { DomainRecord } from '@ecom/cdc';
import type { FraudRecord } from '@ecom/fraud';
import { z } from 'zod';
import type { JsonValue } from '../../runtime/stream-job.js';
import { JobError } from '../job-error.js';

/** The tables the fraud job reads. */
export const FRAUD_TABLES = ['orders', 'order_items', 'payments', 'customers'] as const;

const ms = z.number().int();
const money = z.string().regex(/^-?\d+(\.\d+)?$/);
const id = z.number().int();

const rowSchemas = {
  orders: z.object({ order_id: id, customer_id: id, total_price: money, order_date: ms }),
  order_items: z.object({
    order_item_id: id,
    order_id: id,
    product_id: id,
    quantity: z.number().int(),
    created_at: ms,
  }),
  payments: z.object({
    payment_id: id,
    order_id: id,
    customer_id: id,
    payment_method: z.string(),
    amount: money,
    status: z.string(),
    payment_date: ms,
  }),
  customers: z.object({ customer_id: id, created_at: ms }),
} as const;

const DATE_COLUMNS = ['order_date', 'created_at', 'payment_date'];

/**
 * One routed record: table, operation, event time and the detector's columns of `after`.
 *
 * @example
 * const row: FraudRow = { table: 'customers', op: 'c', eventTime: 0, after: { customer_id: 7, created_at: 0 } };
 */
export interface FraudRow {
  readonly table: (typeof FRAUD_TABLES)[number];
  readonly op: string;
  readonly eventTime: number;
  readonly after: { readonly [column: string]: string | number };
}

const rowSchema = z.object({
  table: z.enum(FRAUD_TABLES),
  op: z.string(),
  eventTime: ms,
  after: z.record(z.string(), z.union([z.string(), z.number()])),
});

/**
 * The routed form of a decoded record, or `null` for what the detector never reads (deletes, truncates, other
 * tables, rows without `after`).
 *
 * @example
 * declare const record: import('@ecom/cdc').DomainRecord;
 * const row = fraudRow(record); // { table: 'orders', op: 'c', eventTime: …, after: { order_id: 1, … } } or null
 */
export function fraudRow(record: DomainRecord): FraudRow | null {
  const table = FRAUD_TABLES.find((t) => t === record.table);
  if (table === undefined || record.after === null || record.op === 'delete' || record.op === 'truncate')
    return null;
  const row = record.after as unknown as Record<string, unknown>;
  const after: Record<string, string | number> = {};
  for (const column of Object.keys(rowSchemas[table].shape)) {
    const v = row[column];
    after[column] = v instanceof Date ? v.getTime() : (v as string | number);
  }
  return { table, op: record.op, eventTime: record.eventTime, after };
}

/**
 * Reads a routed record back as the detector's input (dates as `Date`s).
 *
 * @throws JobError `INVALID_RECORD` for a value that is not a routed fraud record.
 *
 * @example
 * const record = fraudRecord({ table: 'customers', op: 'c', eventTime: 0, after: { customer_id: 7, created_at: 0 } });
 * record.after; // { customer_id: 7, created_at: 1970-01-01T00:00:00.000Z }
 */
export function fraudRecord(value: JsonValue): FraudRecord {
  const parsed = rowSchema.safeParse(value);
  const columns = parsed.success ? rowSchemas[parsed.data.table].safeParse(parsed.data.after) : undefined;
  if (!parsed.success || !columns?.success)
    throw new JobError('fraud', 'INVALID_RECORD', 'cannot use a routed fraud record', { raw: value });
  const after: Record<string, unknown> = { ...columns.data };
  for (const column of DATE_COLUMNS)
    if (typeof after[column] === 'number') after[column] = new Date(after[column]);
  return { table: parsed.data.table, op: parsed.data.op, eventTime: parsed.data.eventTime, after };
}
