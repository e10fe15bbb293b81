import { wishlistsTable } from '@ecom/domain';
import { idFilter, timeRange, wireSchema, type ResourceDef } from './resource.js';

/**
 * `/wishlist` (the original's path; alias `/wishlists`).
 *
 * @example
 * ```ts
 * // GET /wishlist?customer_id=7
 * ```
 */
export const wishlistsResource: ResourceDef = {
  name: 'wishlists',
  noun: 'wishlist line',
  table: wishlistsTable,
  paths: ['/wishlist', '/wishlists'],
  rowSchema: wireSchema(wishlistsTable, wishlistsTable.schema, 'WishlistLine'),
  filters: [idFilter('customer_id'), idFilter('product_id'), ...timeRange('added_at')],
  sortable: ['wishlist_id', 'added_at'],
  defaultSort: 'wishlist_id',
  description: 'Wishlist lines (unique per customer and product).',
};
