import { productsTable } from '@ecom/domain';
import { param } from '../list/param-schemas.js';
import { idFilter, wireSchema, type ResourceDef } from './resource.js';

/**
 * `/products`: the catalogue, filterable by category, active flag, price range, SKU and name.
 *
 * @example
 * ```ts
 * // GET /products?category_id=3&active=true&min_price=1000000&sort=-price
 * ```
 */
export const productsResource: ResourceDef = {
  name: 'products',
  noun: 'product',
  table: productsTable,
  paths: ['/products'],
  rowSchema: wireSchema(productsTable, productsTable.schema, 'Product'),
  filters: [
    idFilter('category_id'),
    {
      param: 'active',
      column: 'is_active',
      op: '=',
      schema: param.bool('Only active (true) or retired (false) products.'),
    },
    {
      param: 'min_price',
      column: 'price',
      op: '>=',
      schema: param.money('Only products with price >= this amount.'),
    },
    {
      param: 'max_price',
      column: 'price',
      op: '<',
      schema: param.money('Only products with price < this amount.'),
    },
    { param: 'sku', column: 'sku', op: '=', schema: param.text('Exact SKU.', 64) },
    {
      param: 'q',
      column: 'name',
      op: 'contains',
      schema: param.text('Case-insensitive substring of the name.', 100),
    },
  ],
  sortable: ['product_id', 'price', 'name', 'stock', 'created_at'],
  defaultSort: 'product_id',
  description: 'Products (prices in VND as exact decimal strings).',
};
