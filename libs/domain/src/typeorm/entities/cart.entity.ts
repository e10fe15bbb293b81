import type { Cart } from '../../index.js';
import { cartsTable } from '../../index.js';
import { entitySchemaFromTable } from '../entity-schema-from-table.js';

/**
 * TypeORM EntitySchema of `carts`: rows typed as {@link Cart}, columns taken from `cartsTable`.
 *
 * @example
 * ```ts
 * const rows = await dataSource.getRepository(CartEntity).find({ take: 10 }); // Cart[]
 * ```
 */
export const CartEntity = entitySchemaFromTable<Cart>(cartsTable, 'Cart', {
  quantity: '1',
  added_at: 'now()',
  updated_at: 'now()',
});
