/**
 * Domain records for the top-products specs, made the way the runtime makes them: a Debezium `ChangeEvent` (the
 * revenue job's spec builder, the decoder's output type; REPLICA IDENTITY FULL, so updates and deletes carry
 * `before`) through `toDomainRecord`. Rows of order_items, products and categories as Debezium sends them.
 */
import { toDomainRecord, type DomainRecord, type Operation, type Row } from '@ecom/cdc';
import { fromEpochMillis, type OrderStatus } from '@ecom/domain';
import { changeEvent, orderRow as revenueOrderRow } from './order-records.js';

let offset = 0;

/**
 * The validated domain record of a change of `public.<table>` (throws when `toDomainRecord` refuses it); each
 * record gets the next Kafka offset.
 *
 * @example
 * const truncate = record('order_items', 'truncate', null, null);
 */
export function record(table: string, op: Operation, before: Row | null, after: Row | null): DomainRecord {
  const r = toDomainRecord(changeEvent(table, op, before, after, offset++));
  if (!r.ok) throw r.error;
  return r.value;
}

/**
 * An orders row: id, `order_date` (epoch ms) and status (customer 1, total 0.00).
 *
 * @example
 * orderRow(1, 0, 'cancelled').status; // 'cancelled'
 */
export function orderRow(id: number, date: number, status: OrderStatus = 'paid'): Row {
  return revenueOrderRow({ id, customer: 1, at: date, total: '0.00', status });
}

/**
 * An order_items row: id, order, product, quantity, unit price and `created_at` (epoch ms).
 *
 * @example
 * itemRow(10, 1, 7, 2, '5.00').price; // '5.00'
 */
export function itemRow(
  id: number,
  orderId: number,
  productId: number,
  quantity: number,
  price: string,
  createdAt = 0,
): Row {
  const at = fromEpochMillis(createdAt);
  return {
    order_item_id: id,
    order_id: orderId,
    product_id: productId,
    quantity,
    price,
    created_at: at,
    updated_at: at,
  };
}

/**
 * A products row: id, name, category and stock.
 *
 * @example
 * productRow(7, 'Phone X', 1).category_id; // 1
 */
export function productRow(id: number, name: string, categoryId: number, stock = 10): Row {
  const at = fromEpochMillis(0);
  const product = { product_id: id, sku: `SKU-${id}`, name, description: null, price: '1.00', stock };
  return { ...product, category_id: categoryId, is_active: true, created_at: at, updated_at: at };
}

/**
 * A categories row.
 *
 * @example
 * categoryRow(1, 'Phones').name; // 'Phones'
 */
export function categoryRow(id: number, name: string): Row {
  const at = fromEpochMillis(0);
  return { category_id: id, name, description: null, created_at: at, updated_at: at };
}

/**
 * A create of a row, an update from its before image, a delete of it.
 *
 * @example
 * const records = [create('categories', categoryRow(1, 'Phones')), remove('categories', categoryRow(1, 'Phones'))];
 */
export const create = (table: string, after: Row): DomainRecord => record(table, 'create', null, after);
/** @example const renamed = update('categories', categoryRow(1, 'Phones'), categoryRow(1, 'Mobiles')); */
export const update = (table: string, before: Row, after: Row): DomainRecord =>
  record(table, 'update', before, after);
/** @example const gone = remove('categories', categoryRow(1, 'Phones')); */
export const remove = (table: string, before: Row): DomainRecord => record(table, 'delete', before, null);
