import type { OrderItem } from '../../index.js';
import { orderItemsTable } from '../../index.js';
import { entitySchemaFromTable } from '../entity-schema-from-table.js';

/**
 * TypeORM EntitySchema of `order_items`: rows typed as {@link OrderItem}, columns taken from `orderItemsTable`.
 *
 * @example
 * ```ts
 * const rows = await dataSource.getRepository(OrderItemEntity).find({ take: 10 }); // OrderItem[]
 * ```
 */
export const OrderItemEntity = entitySchemaFromTable<OrderItem>(orderItemsTable, 'OrderItem', {
  quantity: '1',
  created_at: 'now()',
  updated_at: 'now()',
});
