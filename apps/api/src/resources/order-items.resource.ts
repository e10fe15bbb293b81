import { orderItemsTable } from '@ecom/domain';
import { idFilter, wireSchema, type ResourceDef } from './resource.js';

/**
 * `/order_items` (alias `/order_item`, the original's path): order lines with their unit price.
 *
 * @example
 * ```ts
 * // GET /order_items?order_id=42
 * ```
 */
export const orderItemsResource: ResourceDef = {
  name: 'order_items',
  noun: 'order item',
  table: orderItemsTable,
  paths: ['/order_items', '/order_item'],
  rowSchema: wireSchema(orderItemsTable, orderItemsTable.schema, 'OrderItem'),
  filters: [idFilter('order_id'), idFilter('product_id')],
  sortable: ['order_item_id', 'created_at', 'price'],
  defaultSort: 'order_item_id',
  description: 'Order lines; `price` is the unit price at order time.',
};
