import { CUSTOMER_EVENT_TYPES, customerEventsTable } from '@ecom/domain';
import { param } from '../list/param-schemas.js';
import { idFilter, timeRange, wireSchema, type ResourceDef } from './resource.js';

/**
 * `/customer_events`: the append-only log of simulated actions (views, cart, wishlist, orders, payments, shipments).
 *
 * @example
 * ```ts
 * // GET /customer_events?customer_id=7&type=view_product,add_to_cart&from=2025-03-01&sort=-event_time
 * ```
 */
export const customerEventsResource: ResourceDef = {
  name: 'customer_events',
  noun: 'customer event',
  table: customerEventsTable,
  paths: ['/customer_events'],
  rowSchema: wireSchema(customerEventsTable, customerEventsTable.schema, 'CustomerEvent'),
  filters: [
    idFilter('customer_id'),
    {
      param: 'type',
      column: 'event_type',
      op: 'any',
      schema: param.oneOrMany(CUSTOMER_EVENT_TYPES, 'Event type.'),
    },
    {
      param: 'session_id',
      column: 'session_id',
      op: '=',
      schema: param.uuid('Only events of this session.'),
    },
    idFilter('product_id'),
    idFilter('category_id'),
    idFilter('order_id'),
    ...timeRange('event_time'),
  ],
  sortable: ['event_id', 'event_time'],
  defaultSort: 'event_id',
  description: 'Append-only customer events; event_id is an int8 decimal string.',
};
