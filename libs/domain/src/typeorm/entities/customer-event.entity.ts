import type { CustomerEvent } from '../../index.js';
import { customerEventsTable } from '../../index.js';
import { entitySchemaFromTable } from '../entity-schema-from-table.js';

/**
 * TypeORM EntitySchema of `customer_events`: rows typed as {@link CustomerEvent}, columns taken from `customerEventsTable`.
 *
 * @example
 * ```ts
 * const rows = await dataSource.getRepository(CustomerEventEntity).find({ take: 10 }); // CustomerEvent[]
 * ```
 */
export const CustomerEventEntity = entitySchemaFromTable<CustomerEvent>(
  customerEventsTable,
  'CustomerEvent',
  {
    event_time: 'now()',
    created_at: 'now()',
  },
);
