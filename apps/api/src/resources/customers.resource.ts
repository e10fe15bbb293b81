import { customerPublicSchema, customersTable } from '@ecom/domain';
import { param } from '../list/param-schemas.js';
import { timeRange, wireSchema, type ResourceDef } from './resource.js';

/**
 * `/customers`: customers without their password hash (`customerPublicSchema`; the column is never selected).
 *
 * @example
 * ```ts
 * customersResource.rowSchema.shape.password; // undefined
 * ```
 */
export const customersResource: ResourceDef = {
  name: 'customers',
  noun: 'customer',
  table: customersTable,
  paths: ['/customers'],
  rowSchema: wireSchema(customersTable, customerPublicSchema, 'Customer'),
  filters: [
    { param: 'email', column: 'email', op: '=', schema: param.text('Exact e-mail address.') },
    ...timeRange('created_at'),
  ],
  sortable: ['customer_id', 'created_at', 'email', 'last_name'],
  defaultSort: 'customer_id',
  description: 'Customers (never with their password hash).',
};
