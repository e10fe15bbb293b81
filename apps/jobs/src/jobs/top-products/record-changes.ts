/**
 * A decoded record of one of the job's tables → the facts the job keeps (before and after), checked before any
 * state changes. Everything else about a row (timestamps, stock, descriptions) is irrelevant to the job.
 */
import type { DomainRecord } from '@ecom/cdc';
import { multiplyMoney, toEpochMillis, type Money, type OrderStatus } from '@ecom/domain';
import { unusableRecord } from '../job-error.js';

/**
 * What the job knows about an order: its event time (`order_date`, epoch ms) and its status.
 *
 * @example
 * const order: OrderFacts = { date: Date.UTC(2026, 0, 1, 10), status: 'paid' };
 */
export interface OrderFacts {
  readonly date: number;
  readonly status: OrderStatus;
}

/**
 * What the job knows about a line item: its order, product, quantity, unit price, exact line revenue
 * (quantity × price) and `created_at` (epoch ms; bounds how long an item waits for its order).
 *
 * @example
 * const item: ItemFacts = { orderId: 1, productId: 7, quantity: 2, price: '10.50', revenue: '21.00', createdAt: 0 };
 */
export interface ItemFacts {
  readonly orderId: number;
  readonly productId: number;
  readonly quantity: number;
  readonly price: Money;
  readonly revenue: Money;
  readonly createdAt: number;
}

/**
 * A product as the job's KTable keeps it: the fields the output carries.
 *
 * @example
 * const product: ProductFacts = { name: 'Phone X', categoryId: 3 };
 */
export interface ProductFacts {
  readonly name: string;
  readonly categoryId: number;
}

/**
 * One change of a job table, by primary key: the row before (when the record carries it) and after (absent for a
 * delete). Categories keep only their name.
 *
 * @example
 * const cancel: TableChange = {
 *   table: 'orders', id: 1,
 *   before: { date: 0, status: 'paid' }, after: { date: 0, status: 'cancelled' },
 * };
 */
export type TableChange =
  | {
      readonly table: 'orders';
      readonly id: number;
      readonly before?: OrderFacts;
      readonly after?: OrderFacts;
    }
  | {
      readonly table: 'order_items';
      readonly id: number;
      readonly before?: ItemFacts;
      readonly after?: ItemFacts;
    }
  | { readonly table: 'products'; readonly id: number; readonly after?: ProductFacts }
  | { readonly table: 'categories'; readonly id: number; readonly after?: string };

/**
 * The tables the job reads, in the order the README describes them.
 *
 * @example
 * const reads = (table: string) => (TOP_PRODUCTS_TABLES as readonly string[]).includes(table);
 */
export const TOP_PRODUCTS_TABLES = ['order_items', 'orders', 'products', 'categories'] as const;

type JobTable = (typeof TOP_PRODUCTS_TABLES)[number];
type JobRecord = Extract<DomainRecord, { table: JobTable }>;

const isJobRecord = (record: DomainRecord): record is JobRecord =>
  (TOP_PRODUCTS_TABLES as readonly string[]).includes(record.table);

function item(
  job: string,
  record: DomainRecord,
  row: {
    order_id: number;
    product_id: number;
    quantity: number;
    price: Money;
    created_at: Date;
  },
  createdAt: number,
): ItemFacts {
  let revenue: Money;
  try {
    revenue = multiplyMoney(row.price, row.quantity);
  } catch (e) {
    throw unusableRecord(
      job,
      record,
      `line revenue ${row.quantity} × ${row.price} is not money`,
      'INVALID_RECORD',
      e,
    );
  }
  return {
    orderId: row.order_id,
    productId: row.product_id,
    quantity: row.quantity,
    price: row.price,
    revenue,
    createdAt,
  };
}

/** A `before` timestamp in epoch ms (decoded rows hold `Date`s; a bad one is `INVALID_RECORD`). */
function epochOf(job: string, record: DomainRecord, value: Date, column: string): number {
  try {
    return toEpochMillis(value);
  } catch (e) {
    throw unusableRecord(job, record, `before.${column}: ${(e as Error).message}`, 'INVALID_RECORD', e);
  }
}

/** The primary key: from `after`, else `before`, else the Kafka key (a delete under REPLICA IDENTITY DEFAULT). */
function idOf(job: string, record: JobRecord, column: string): number {
  const rows = [record.after, record.before, record.event.key] as (Record<string, unknown> | null)[];
  for (const row of rows) {
    const id = row?.[column];
    if (typeof id === 'number' && Number.isSafeInteger(id)) return id;
  }
  throw unusableRecord(job, record, `no ${column} in after, before or the key`, 'MISSING_ROW');
}

/**
 * The change a record makes to one of the job's tables.
 *
 * @throws JobError (naming job, table and op, the record as `raw`): `WRONG_TABLE` for a table the job does not
 * read, `UNSUPPORTED_OP` for a truncate or message, `MISSING_ROW` for a create/read/update without `after` or a
 * record without its primary key, `INVALID_RECORD` for a `before` date that is not epoch ms or a line whose
 * revenue is not money (beyond NUMERIC(14,2)).
 *
 * @example
 * import type { DomainRecord } from '@ecom/cdc';
 * declare const record: DomainRecord;
 * const change = toTableChange('top-products', record); // { table: 'orders', id: 1, after: { date, status } }
 */
export function toTableChange(job: string, record: DomainRecord): TableChange {
  if (!isJobRecord(record))
    throw unusableRecord(job, record, `the job reads ${TOP_PRODUCTS_TABLES.join(', ')}`, 'WRONG_TABLE');
  if (record.op === 'truncate' || record.op === 'message') {
    throw unusableRecord(
      job,
      record,
      'only row changes (create, read, update, delete) can be counted',
      'UNSUPPORTED_OP',
    );
  }
  if (record.op !== 'delete' && record.after === null)
    throw unusableRecord(job, record, `a ${record.op} without after`, 'MISSING_ROW');
  switch (record.table) {
    case 'orders': {
      const { before, after } = record;
      return {
        table: 'orders',
        id: idOf(job, record, 'order_id'),
        before: before
          ? { date: epochOf(job, record, before.order_date, 'order_date'), status: before.status }
          : undefined,
        after: after ? { date: record.eventTime, status: after.status } : undefined,
      };
    }
    case 'order_items': {
      const { before, after } = record;
      return {
        table: 'order_items',
        id: idOf(job, record, 'order_item_id'),
        before: before
          ? item(job, record, before, epochOf(job, record, before.created_at, 'created_at'))
          : undefined,
        after: after ? item(job, record, after, record.eventTime) : undefined,
      };
    }
    case 'products': {
      const after = record.after;
      const id = idOf(job, record, 'product_id');
      return {
        table: 'products',
        id,
        after: after ? { name: after.name, categoryId: after.category_id } : undefined,
      };
    }
    case 'categories':
      return { table: 'categories', id: idOf(job, record, 'category_id'), after: record.after?.name };
  }
}
