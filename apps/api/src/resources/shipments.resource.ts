import { SHIPMENT_STATUSES, shipmentsTable } from '@ecom/domain';
import { param } from '../list/param-schemas.js';
import { idFilter, timeRange, wireSchema, type ResourceDef } from './resource.js';

/**
 * `/shipments` (new: the original had no shipments endpoint).
 *
 * @example
 * ```ts
 * // GET /shipments?status=in_transit&city=Hà%20Nội
 * ```
 */
export const shipmentsResource: ResourceDef = {
  name: 'shipments',
  noun: 'shipment',
  table: shipmentsTable,
  paths: ['/shipments', '/shipment'],
  rowSchema: wireSchema(shipmentsTable, shipmentsTable.schema, 'Shipment'),
  filters: [
    idFilter('order_id'),
    idFilter('customer_id'),
    {
      param: 'status',
      column: 'status',
      op: 'any',
      schema: param.oneOrMany(SHIPMENT_STATUSES, 'Shipment status.'),
    },
    { param: 'city', column: 'city', op: '=', schema: param.text('Exact city.', 100) },
    ...timeRange('created_at'),
  ],
  sortable: ['shipment_id', 'created_at', 'updated_at'],
  defaultSort: 'shipment_id',
  description: 'Shipments (one per order, joined by order_id).',
};
