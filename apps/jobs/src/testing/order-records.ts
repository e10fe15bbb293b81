/**
 * Real `orders` domain records for the revenue job's specs: a `ChangeEvent` as the decoder builds it (schemaless
 * JSON form, Debezium's row shapes: `order_date` as an ISO-8601 string, `total_price` as a decimal string) passed
 * through `toDomainRecord`, so the records are validated and typed exactly as the runtime's.
 */
import { toDomainRecord, type ChangeEvent, type DomainRecord, type Operation, type Row } from '@ecom/cdc';
import { fromEpochMillis, isShopTableName, shopTables, type OrderStatus } from '@ecom/domain';

/**
 * One version of an order: id, customer, `order_date` (epoch ms), `total_price` and status (default `paid`).
 *
 * @example
 * const v: OrderVersion = { id: 1, customer: 7, at: Date.UTC(2026, 0, 1), total: '129.90' };
 */
export interface OrderVersion {
  readonly id: number;
  readonly customer: number;
  readonly at: number;
  readonly total: string;
  readonly status?: OrderStatus;
}

const OP_CODES = { create: 'c', update: 'u', delete: 'd', read: 'r', truncate: 't', message: 'm' } as const;

/**
 * The Debezium row of an order version (what the decoder gives for an `orders` row).
 *
 * @example
 * orderRow({ id: 1, customer: 7, at: 0, total: '1.00' }).order_date; // '1970-01-01T00:00:00.000Z'
 */
export function orderRow(v: OrderVersion): Row {
  const at = fromEpochMillis(v.at);
  return {
    order_id: v.id,
    customer_id: v.customer,
    order_date: at,
    total_price: v.total,
    status: v.status ?? 'paid',
    created_at: at,
    updated_at: at,
  };
}

/**
 * A decoded change event of `public.<table>` with the given rows (the Kafka key from the first row's id).
 *
 * @example
 * const event = changeEvent('orders', 'create', null, orderRow({ id: 1, customer: 7, at: 0, total: '1.00' }));
 */
export function changeEvent(
  table: string,
  op: Operation,
  before: Row | null,
  after: Row | null,
  offset = 0,
): ChangeEvent {
  const keyRow = after ?? before;
  const idColumn = isShopTableName(table) ? shopTables[table].primaryKey : 'id';
  return {
    kind: 'change',
    op,
    opCode: OP_CODES[op],
    opInferred: false,
    format: 'json',
    unwrapped: false,
    schema: 'public',
    table,
    key: keyRow === null ? null : { [idColumn]: keyRow[idColumn] ?? null },
    before,
    after,
    beforeMissing: before === null && (op === 'update' || op === 'delete'),
    hasUnavailable: false,
    source: {
      version: '3.6.1.Final',
      connector: 'postgresql',
      name: 'ecommerce-cdc',
      db: 'ecommerce',
      schema: 'public',
      table,
      ts_ms: 1_764_000_000_000,
      ts_us: 1_764_000_000_000_000,
      ts_ns: 1_764_000_000_000_000_000n,
      snapshot: op === 'read' ? 'true' : 'false',
      sequence: null,
      txId: null,
      lsn: BigInt(offset),
      xmin: null,
      origin: null,
      origin_lsn: null,
    },
    transaction: null,
    ts_ms: 1_764_000_000_100,
    ts_us: null,
    ts_ns: null,
    message: null,
    topic: `ecommerce-cdc.public.${table}`,
    partition: 0,
    offset: String(offset),
    headers: undefined,
  };
}

/**
 * The validated domain record of an `orders` change (throws when `toDomainRecord` refuses it).
 *
 * @example
 * const created = orderRecord('create', null, { id: 1, customer: 7, at: 0, total: '1.00' });
 * created.eventTime; // 0
 */
export function orderRecord(
  op: Operation,
  before: OrderVersion | null,
  after: OrderVersion | null,
): DomainRecord {
  const r = toDomainRecord(changeEvent('orders', op, before && orderRow(before), after && orderRow(after)));
  if (!r.ok) throw r.error;
  return r.value;
}

/**
 * Shorthands of {@link orderRecord}: a create, an update from one version to another, a cancellation (an update
 * to `cancelled`) and a delete.
 *
 * @example
 * const v = { id: 1, customer: 7, at: 0, total: '1.00' };
 * const records = [orders.create(v), orders.update(v, { ...v, total: '2.00' }), orders.cancel({ ...v, total: '2.00' })];
 */
export const orders = {
  create: (v: OrderVersion) => orderRecord('create', null, v),
  read: (v: OrderVersion) => orderRecord('read', null, v),
  update: (from: OrderVersion, to: OrderVersion) => orderRecord('update', from, to),
  cancel: (v: OrderVersion) => orderRecord('update', v, { ...v, status: 'cancelled' }),
  delete: (v: OrderVersion) => orderRecord('delete', v, null),
};
