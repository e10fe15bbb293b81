import { z } from 'zod';
import { column } from '../column-hint.js';
import { idSchema, timestampSchema } from '../primitives.js';
import { defineShopTable } from '../shop-table.js';

/**
 * zod schema of a `wishlists` row: one per (customer, product), unique in the database.
 *
 * @example
 * ```ts
 * wishlistSchema.parse(row).product_id; // 42
 * ```
 */
export const wishlistSchema = z.object({
  wishlist_id: idSchema,
  customer_id: idSchema,
  product_id: idSchema,
  added_at: timestampSchema,
  updated_at: timestampSchema,
});

/**
 * A `wishlists` row.
 *
 * @example
 * ```ts
 * const wished = new Set<Wishlist['product_id']>();
 * ```
 */
export type Wishlist = z.infer<typeof wishlistSchema>;

/**
 * zod schema of a new wishlist entry: id, `added_at` (default now) and `updated_at` optional.
 *
 * @example
 * ```ts
 * wishlistInsertSchema.parse({ customer_id: 7, product_id: 42 });
 * ```
 */
export const wishlistInsertSchema = wishlistSchema.partial({
  wishlist_id: true,
  added_at: true,
  updated_at: true,
});

/**
 * A new wishlist entry.
 *
 * @example
 * ```ts
 * const input: WishlistInsert = { customer_id: 7, product_id: 42 };
 * ```
 */
export type WishlistInsert = z.infer<typeof wishlistInsertSchema>;

/**
 * The `wishlists` table.
 *
 * @example
 * ```ts
 * wishlistsTable.primaryKey; // 'wishlist_id'
 * ```
 */
export const wishlistsTable = defineShopTable({
  name: 'wishlists',
  schema: wishlistSchema,
  insertSchema: wishlistInsertSchema,
  primaryKey: 'wishlist_id',
  columns: {
    wishlist_id: column.integer(),
    customer_id: column.integer(),
    product_id: column.integer(),
    added_at: column.timestamptz(),
    updated_at: column.timestamptz(),
  },
  eventTimeColumn: 'added_at',
  updatedAtColumn: 'updated_at',
  replicaIdentityFull: true,
});
