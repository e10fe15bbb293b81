import { ORDER_STATUSES, ordersTable } from '@ecom/domain';
import { param } from '../list/param-schemas.js';
import { idFilter, timeRange, wireSchema, type ResourceDef } from './resource.js';

/**
 * `/orders` (alias `/order`, the path the original served): orders by customer, status, order date and total.
 *
 * @example
 * ```ts
 * // GET /orders?customer_id=7&status=paid,shipped&from=2025-03-01&to=2025-04-01&sort=-order_date
 * ```
 */
export const ordersResource: ResourceDef = {
  name: 'orders',
  noun: 'order',
  table: ordersTable,
  paths: ['/orders', '/order'],
  rowSchema: wireSchema(ordersTable, ordersTable.schema, 'Order'),
  filters: [
    idFilter('customer_id'),
    {
      param: 'status',
      column: 'status',
      op: 'any',
      schema: param.oneOrMany(ORDER_STATUSES, 'Order status.'),
    },
    ...timeRange('order_date'),
    {
      param: 'min_total',
      column: 'total_price',
      op: '>=',
      schema: param.money('Only orders with total >= this.'),
    },
    {
      param: 'max_total',
      column: 'total_price',
      op: '<',
      schema: param.money('Only orders with total < this.'),
    },
  ],
  sortable: ['order_id', 'order_date', 'total_price', 'updated_at'],
  defaultSort: 'order_id',
  description: 'Orders. GET /orders/{id} adds the items, payment and shipment.',
};
