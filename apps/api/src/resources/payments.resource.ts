import { PAYMENT_METHODS, PAYMENT_STATUSES, paymentsTable } from '@ecom/domain';
import { param } from '../list/param-schemas.js';
import { idFilter, timeRange, wireSchema, type ResourceDef } from './resource.js';

/**
 * `/payments` (alias `/payment`, the original's path): one payment per order.
 *
 * @example
 * ```ts
 * // GET /payments?status=refunded&method=paypal
 * ```
 */
export const paymentsResource: ResourceDef = {
  name: 'payments',
  noun: 'payment',
  table: paymentsTable,
  paths: ['/payments', '/payment'],
  rowSchema: wireSchema(paymentsTable, paymentsTable.schema, 'Payment'),
  filters: [
    idFilter('order_id'),
    idFilter('customer_id'),
    {
      param: 'status',
      column: 'status',
      op: 'any',
      schema: param.oneOrMany(PAYMENT_STATUSES, 'Payment status.'),
    },
    {
      param: 'method',
      column: 'payment_method',
      op: 'any',
      schema: param.oneOrMany(PAYMENT_METHODS, 'Method.'),
    },
    ...timeRange('payment_date'),
  ],
  sortable: ['payment_id', 'payment_date', 'amount'],
  defaultSort: 'payment_id',
  description: 'Payments (one per order, joined by order_id).',
};
