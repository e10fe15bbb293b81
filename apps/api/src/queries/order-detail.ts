import type { Queryable } from '../db.js';
import {
  orderItemsResource,
  ordersResource,
  paymentsResource,
  shipmentsResource,
  type ResourceDef,
} from '../resources/index.js';
import { isoTimestampSql, quoteIdent as quote, selectListSql } from './sql-columns.js';

/**
 * `json_build_object(...)` over a resource's public columns, formatted exactly like node-postgres rows serialise:
 * money as text, timestamps as ISO-8601 UTC with microseconds.
 */
function jsonObjectSql(resource: ResourceDef, alias: string): string {
  const parts = Object.keys(resource.rowSchema.shape).map((name) => {
    const column = `${alias}.${quote(name)}`;
    const kind = resource.table.columns[name]?.kind;
    const value =
      kind === 'decimal' || kind === 'bigint'
        ? `${column}::text`
        : kind === 'timestamptz'
          ? isoTimestampSql(column)
          : column;
    return `'${name}', ${value}`;
  });
  return `json_build_object(${parts.join(', ')})`;
}

const ORDER_COLUMNS = selectListSql(ordersResource, 'o');

/** One statement, so the order, its items, payment and shipment come from the same snapshot. */
const ORDER_DETAIL_SQL =
  `SELECT ${ORDER_COLUMNS}, ` +
  `(SELECT coalesce(json_agg(${jsonObjectSql(orderItemsResource, 'i')} ORDER BY i.order_item_id), '[]'::json) ` +
  `FROM order_items i WHERE i.order_id = o.order_id) AS items, ` +
  `(SELECT ${jsonObjectSql(paymentsResource, 'p')} FROM payments p WHERE p.order_id = o.order_id) AS payment, ` +
  `(SELECT ${jsonObjectSql(shipmentsResource, 's')} FROM shipments s WHERE s.order_id = o.order_id) AS shipment ` +
  `FROM orders o WHERE o.order_id = $1`;

/**
 * An order with its lines, its payment and its shipment (`null` until each exists).
 *
 * @example
 * ```ts
 * const detail: OrderDetail = { order_id: 42, status: 'paid', items: [], payment: null, shipment: null };
 * ```
 */
export type OrderDetail = Record<string, unknown> & {
  items: Record<string, unknown>[];
  payment: Record<string, unknown> | null;
  shipment: Record<string, unknown> | null;
};

/**
 * Loads an order with its items, its payment and its shipment in one statement, or `null` if there is no such
 * order. Payments and shipments are joined by their `order_id`.
 *
 * @example
 * ```ts
 * const order = await loadOrderDetail(pool, 42);
 * order?.items.length; // 3
 * order?.payment?.amount; // '45990000.00' (exact string)
 * ```
 */
export async function loadOrderDetail(db: Queryable, orderId: number): Promise<OrderDetail | null> {
  const { rows } = await db.query<OrderDetail>(ORDER_DETAIL_SQL, [orderId]);
  return rows[0] ?? null;
}
