/**
 * The four tables a back-dated order is written to (orders, order_items, payments, shipments), each as its columns
 * and the rows one buffered order gives: the bulk writer loops over them instead of repeating the mapping per table.
 */
import type { OrderStatus, PaymentStatus, ShipmentStatus } from '@ecom/domain';
import { shopColumns, type BulkColumn } from '../db/bulk-insert.js';
import type { SimOrder } from '../simulation/sim-ops.js';

/**
 * An order as the end of a historical run leaves it: placed at `placedAt`, with each status and when it last moved.
 *
 * @example
 * const placedAt = Date.parse('2026-01-30T13:05:04.512Z');
 * const record: OrderRecord = {
 *   order, placedAt, status: 'paid', payment: 'completed', shipment: 'preparing',
 *   shipmentDate: null, updatedAt: placedAt, paymentUpdatedAt: placedAt, shipmentUpdatedAt: placedAt,
 * };
 */
export interface OrderRecord {
  readonly order: SimOrder;
  readonly placedAt: number;
  status: OrderStatus;
  payment: PaymentStatus;
  shipment: ShipmentStatus;
  shipmentDate: number | null;
  updatedAt: number;
  paymentUpdatedAt: number;
  shipmentUpdatedAt: number;
}

/**
 * One order-derived table: its bulk-insert columns and the rows of one order record (`placed` = its `placedAt`).
 *
 * @example
 * const rows: unknown[][] = [];
 * for (const spec of ORDER_TABLES) rows.push(...records.flatMap((r) => spec.rows(r, new Date(r.placedAt))));
 */
export interface OrderTable {
  readonly table: 'orders' | 'order_items' | 'payments' | 'shipments';
  readonly columns: readonly BulkColumn[];
  rows(record: OrderRecord, placed: Date): unknown[][];
}

/**
 * The payment's transaction id: unique because it embeds the order id (the original's 6-digit random ids collided).
 *
 * @example
 * transactionId(42, '9F3A2C'); // 'TXN-00000042-9F3A2C'
 */
export function transactionId(orderId: number, reference: string): string {
  return `TXN-${String(orderId).padStart(8, '0')}-${reference}`;
}

/**
 * The shipment's tracking number, unique for the same reason.
 *
 * @example
 * trackingNumber(42, '9F3A2C'); // 'TRK-00000042-9F3A2C'
 */
export function trackingNumber(orderId: number, reference: string): string {
  return `TRK-${String(orderId).padStart(8, '0')}-${reference}`;
}

/**
 * The order-derived tables, parents first.
 *
 * @example
 * ORDER_TABLES.map((t) => t.table); // ['orders', 'order_items', 'payments', 'shipments']
 */
export const ORDER_TABLES: readonly OrderTable[] = [
  {
    table: 'orders',
    columns: shopColumns('orders', [
      'order_id',
      'customer_id',
      'order_date',
      'total_price',
      'status',
      'created_at',
      'updated_at',
    ]),
    rows: (r, placed) => [
      [r.order.orderId, r.order.customerId, placed, r.order.total, r.status, placed, new Date(r.updatedAt)],
    ],
  },
  {
    table: 'order_items',
    columns: shopColumns('order_items', [
      'order_id',
      'product_id',
      'quantity',
      'price',
      'created_at',
      'updated_at',
    ]),
    rows: (r, placed) =>
      r.order.lines.map((l) => [r.order.orderId, l.productId, l.quantity, l.price, placed, placed]),
  },
  {
    table: 'payments',
    columns: shopColumns('payments', [
      'order_id',
      'customer_id',
      'payment_date',
      'payment_method',
      'amount',
      'status',
      'transaction_id',
      'created_at',
      'updated_at',
    ]),
    rows: (r, placed) => [
      [
        r.order.orderId,
        r.order.customerId,
        placed,
        r.order.paymentMethod,
        r.order.total,
        r.payment,
        transactionId(r.order.orderId, r.order.reference),
        placed,
        new Date(r.paymentUpdatedAt),
      ],
    ],
  },
  {
    table: 'shipments',
    columns: shopColumns('shipments', [
      'order_id',
      'customer_id',
      'shipment_date',
      'address',
      'city',
      'country',
      'zip_code',
      'status',
      'tracking_number',
      'created_at',
      'updated_at',
    ]),
    rows: (r, placed) => [
      [
        r.order.orderId,
        r.order.customerId,
        r.shipmentDate === null ? null : new Date(r.shipmentDate),
        r.order.address,
        r.order.city,
        'Vietnam',
        r.order.zipCode,
        r.shipment,
        trackingNumber(r.order.orderId, r.order.reference),
        placed,
        new Date(r.shipmentUpdatedAt),
      ],
    ],
  },
];
