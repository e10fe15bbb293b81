import type { Category } from '../../index.js';
import { categoriesTable } from '../../index.js';
import { entitySchemaFromTable } from '../entity-schema-from-table.js';

/**
 * TypeORM EntitySchema of `categories`: rows typed as {@link Category}, columns taken from `categoriesTable`.
 *
 * @example
 * ```ts
 * const rows = await dataSource.getRepository(CategoryEntity).find({ take: 10 }); // Category[]
 * ```
 */
export const CategoryEntity = entitySchemaFromTable<Category>(categoriesTable, 'Category', {
  created_at: 'now()',
  updated_at: 'now()',
});
