import type { Product } from '../../index.js';
import { productsTable } from '../../index.js';
import { entitySchemaFromTable } from '../entity-schema-from-table.js';

/**
 * TypeORM EntitySchema of `products`: rows typed as {@link Product}, columns taken from `productsTable`.
 *
 * @example
 * ```ts
 * const rows = await dataSource.getRepository(ProductEntity).find({ take: 10 }); // Product[]
 * ```
 */
export const ProductEntity = entitySchemaFromTable<Product>(productsTable, 'Product', {
  stock: '0',
  is_active: 'true',
  created_at: 'now()',
  updated_at: 'now()',
});
