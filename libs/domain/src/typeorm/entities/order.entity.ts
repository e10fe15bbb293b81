import type { Order } from '../../index.js';
import { ordersTable } from '../../index.js';
import { entitySchemaFromTable } from '../entity-schema-from-table.js';

/**
 * TypeORM EntitySchema of `orders`: rows typed as {@link Order}, columns taken from `ordersTable`.
 *
 * @example
 * ```ts
 * const rows = await dataSource.getRepository(OrderEntity).find({ take: 10 }); // Order[]
 * ```
 */
export const OrderEntity = entitySchemaFromTable<Order>(ordersTable, 'Order', {
  order_date: 'now()',
  status: "'pending'",
  created_at: 'now()',
  updated_at: 'now()',
});
