import type { Wishlist } from '../../index.js';
import { wishlistsTable } from '../../index.js';
import { entitySchemaFromTable } from '../entity-schema-from-table.js';

/**
 * TypeORM EntitySchema of `wishlists`: rows typed as {@link Wishlist}, columns taken from `wishlistsTable`.
 *
 * @example
 * ```ts
 * const rows = await dataSource.getRepository(WishlistEntity).find({ take: 10 }); // Wishlist[]
 * ```
 */
export const WishlistEntity = entitySchemaFromTable<Wishlist>(wishlistsTable, 'Wishlist', {
  added_at: 'now()',
  updated_at: 'now()',
});
