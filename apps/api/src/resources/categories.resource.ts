import { categoriesTable } from '@ecom/domain';
import { param } from '../list/param-schemas.js';
import { wireSchema, type ResourceDef } from './resource.js';

/**
 * `/categories`: the product categories.
 *
 * @example
 * ```ts
 * categoriesResource.paths; // ['/categories']
 * ```
 */
export const categoriesResource: ResourceDef = {
  name: 'categories',
  noun: 'category',
  table: categoriesTable,
  paths: ['/categories'],
  rowSchema: wireSchema(categoriesTable, categoriesTable.schema, 'Category'),
  filters: [{ param: 'name', column: 'name', op: '=', schema: param.text('Exact category name.', 100) }],
  sortable: ['category_id', 'name', 'created_at'],
  defaultSort: 'category_id',
  description: 'Product categories.',
};
