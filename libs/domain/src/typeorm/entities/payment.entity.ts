import type { Payment } from '../../index.js';
import { paymentsTable } from '../../index.js';
import { entitySchemaFromTable } from '../entity-schema-from-table.js';

/**
 * TypeORM EntitySchema of `payments`: rows typed as {@link Payment}, columns taken from `paymentsTable`.
 *
 * @example
 * ```ts
 * const rows = await dataSource.getRepository(PaymentEntity).find({ take: 10 }); // Payment[]
 * ```
 */
export const PaymentEntity = entitySchemaFromTable<Payment>(paymentsTable, 'Payment', {
  payment_date: 'now()',
  status: "'pending'",
  created_at: 'now()',
  updated_at: 'now()',
});
