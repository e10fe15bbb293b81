import { z } from 'zod';
import { column } from '../column-hint.js';
import { moneySchema } from '../money.js';
import { idSchema, timestampSchema } from '../primitives.js';
import { defineShopTable } from '../shop-table.js';
import { orderStatusSchema } from '../statuses.js';

/**
 * zod schema of an `orders` row.
 *
 * @remarks `order_date` is the event time. `total_price` is Σ quantity × unit price of the order's items, exact.
 * Unlike the original, payments and shipments point at their order (`payments.order_id`, `shipments.order_id`), so
 * an order is written once with its final status instead of being updated to attach them.
 *
 * @example
 * ```ts
 * const order = orderSchema.parse(row);
 * order.status; // 'paid'
 * ```
 */
export const orderSchema = z.object({
  order_id: idSchema,
  customer_id: idSchema,
  order_date: timestampSchema,
  total_price: moneySchema,
  status: orderStatusSchema,
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

/**
 * An `orders` row.
 *
 * @example
 * ```ts
 * const isOpen = (o: Order) => o.status === 'pending' || o.status === 'paid';
 * ```
 */
export type Order = z.infer<typeof orderSchema>;

/**
 * zod schema of a new order: id, `order_date` (default now), `status` (default `pending`) and timestamps optional.
 *
 * @example
 * ```ts
 * orderInsertSchema.parse({ customer_id: 7, total_price: '45000000.00', order_date: '2025-03-01T09:30:00+07:00' });
 * ```
 */
export const orderInsertSchema = orderSchema.partial({
  order_id: true,
  order_date: true,
  status: true,
  created_at: true,
  updated_at: true,
});

/**
 * A new order.
 *
 * @example
 * ```ts
 * const input: OrderInsert = { customer_id: 7, total_price: '45000000.00', status: 'paid' };
 * ```
 */
export type OrderInsert = z.infer<typeof orderInsertSchema>;

/**
 * The `orders` table.
 *
 * @example
 * ```ts
 * ordersTable.eventTimeColumn; // 'order_date'
 * ```
 */
export const ordersTable = defineShopTable({
  name: 'orders',
  schema: orderSchema,
  insertSchema: orderInsertSchema,
  primaryKey: 'order_id',
  columns: {
    order_id: column.integer(),
    customer_id: column.integer(),
    order_date: column.timestamptz(),
    total_price: column.money(),
    status: column.varchar(20),
    created_at: column.timestamptz(),
    updated_at: column.timestamptz(),
  },
  eventTimeColumn: 'order_date',
  updatedAtColumn: 'updated_at',
  replicaIdentityFull: true,
});
