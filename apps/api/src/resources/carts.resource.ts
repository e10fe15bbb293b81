import { cartsTable } from '@ecom/domain';
import { idFilter, timeRange, wireSchema, type ResourceDef } from './resource.js';

/**
 * `/carts` (alias `/cart`, the original's path): one row per cart line.
 *
 * @example
 * ```ts
 * // GET /carts?customer_id=7
 * ```
 */
export const cartsResource: ResourceDef = {
  name: 'carts',
  noun: 'cart line',
  table: cartsTable,
  paths: ['/carts', '/cart'],
  rowSchema: wireSchema(cartsTable, cartsTable.schema, 'CartLine'),
  filters: [idFilter('customer_id'), idFilter('product_id'), ...timeRange('added_at')],
  sortable: ['cart_id', 'added_at', 'updated_at'],
  defaultSort: 'cart_id',
  description: 'Cart lines (unique per customer and product).',
};
