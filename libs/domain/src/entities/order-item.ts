import { z } from 'zod';
import { column } from '../column-hint.js';
import { moneySchema } from '../money.js';
import { idSchema, quantitySchema, timestampSchema } from '../primitives.js';
import { defineShopTable } from '../shop-table.js';

/**
 * zod schema of an `order_items` row. `price` is the **unit** price at order time; the line total is
 * `multiplyMoney(price, quantity)`.
 *
 * @example
 * ```ts
 * const item = orderItemSchema.parse(row);
 * multiplyMoney(item.price, item.quantity); // '30000000.00'
 * ```
 */
export const orderItemSchema = z.object({
  order_item_id: idSchema,
  order_id: idSchema,
  product_id: idSchema,
  quantity: quantitySchema,
  price: moneySchema,
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

/**
 * An `order_items` row.
 *
 * @example
 * ```ts
 * const lines: OrderItem[] = [];
 * ```
 */
export type OrderItem = z.infer<typeof orderItemSchema>;

/**
 * zod schema of a new order line: id, `quantity` (default 1) and timestamps optional.
 *
 * @example
 * ```ts
 * orderItemInsertSchema.parse({ order_id: 1, product_id: 42, quantity: 2, price: '15000000.00' });
 * ```
 */
export const orderItemInsertSchema = orderItemSchema.partial({
  order_item_id: true,
  quantity: true,
  created_at: true,
  updated_at: true,
});

/**
 * A new order line.
 *
 * @example
 * ```ts
 * const input: OrderItemInsert = { order_id: 1, product_id: 42, price: '199000.00' };
 * ```
 */
export type OrderItemInsert = z.infer<typeof orderItemInsertSchema>;

/**
 * The `order_items` table.
 *
 * @example
 * ```ts
 * orderItemsTable.columns.quantity.kind; // 'integer'
 * ```
 */
export const orderItemsTable = defineShopTable({
  name: 'order_items',
  schema: orderItemSchema,
  insertSchema: orderItemInsertSchema,
  primaryKey: 'order_item_id',
  columns: {
    order_item_id: column.integer(),
    order_id: column.integer(),
    product_id: column.integer(),
    quantity: column.integer(),
    price: column.money(),
    created_at: column.timestamptz(),
    updated_at: column.timestamptz(),
  },
  eventTimeColumn: 'created_at',
  updatedAtColumn: 'updated_at',
  replicaIdentityFull: true,
});
