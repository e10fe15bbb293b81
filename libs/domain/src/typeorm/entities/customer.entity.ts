import type { Customer } from '../../index.js';
import { customersTable } from '../../index.js';
import { entitySchemaFromTable } from '../entity-schema-from-table.js';

/**
 * TypeORM EntitySchema of `customers`: rows typed as {@link Customer}, columns taken from `customersTable`.
 *
 * @example
 * ```ts
 * const rows = await dataSource.getRepository(CustomerEntity).find({ take: 10 }); // Customer[]
 * ```
 */
export const CustomerEntity = entitySchemaFromTable<Customer>(customersTable, 'Customer', {
  created_at: 'now()',
  updated_at: 'now()',
});
