import { z } from 'zod';
import { column } from '../column-hint.js';
import { idSchema, quantitySchema, timestampSchema } from '../primitives.js';
import { defineShopTable } from '../shop-table.js';

/**
 * zod schema of a `carts` row: one cart line per (customer, product), unique in the database.
 *
 * @example
 * ```ts
 * cartSchema.parse(row).quantity; // 3
 * ```
 */
export const cartSchema = z.object({
  cart_id: idSchema,
  customer_id: idSchema,
  product_id: idSchema,
  quantity: quantitySchema,
  added_at: timestampSchema,
  updated_at: timestampSchema,
});

/**
 * A `carts` row (a cart line).
 *
 * @example
 * ```ts
 * const lines: Cart[] = [];
 * ```
 */
export type Cart = z.infer<typeof cartSchema>;

/**
 * zod schema of a new cart line: id, `quantity` (default 1), `added_at` (default now) and `updated_at` optional.
 *
 * @example
 * ```ts
 * cartInsertSchema.parse({ customer_id: 7, product_id: 42, quantity: 2 });
 * ```
 */
export const cartInsertSchema = cartSchema.partial({
  cart_id: true,
  quantity: true,
  added_at: true,
  updated_at: true,
});

/**
 * A new cart line.
 *
 * @example
 * ```ts
 * const input: CartInsert = { customer_id: 7, product_id: 42 };
 * ```
 */
export type CartInsert = z.infer<typeof cartInsertSchema>;

/**
 * The `carts` table.
 *
 * @example
 * ```ts
 * cartsTable.eventTimeColumn; // 'added_at'
 * ```
 */
export const cartsTable = defineShopTable({
  name: 'carts',
  schema: cartSchema,
  insertSchema: cartInsertSchema,
  primaryKey: 'cart_id',
  columns: {
    cart_id: column.integer(),
    customer_id: column.integer(),
    product_id: column.integer(),
    quantity: column.integer(),
    added_at: column.timestamptz(),
    updated_at: column.timestamptz(),
  },
  eventTimeColumn: 'added_at',
  updatedAtColumn: 'updated_at',
  replicaIdentityFull: true,
});
