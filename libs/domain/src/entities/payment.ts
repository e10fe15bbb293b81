import { z } from 'zod';
import { column } from '../column-hint.js';
import { moneySchema } from '../money.js';
import { idSchema, timestampSchema, varchar } from '../primitives.js';
import { defineShopTable } from '../shop-table.js';
import { paymentMethodSchema, paymentStatusSchema } from '../statuses.js';

/**
 * zod schema of a `payments` row. One payment per order (`order_id` is unique); `amount` equals the order total.
 *
 * @example
 * ```ts
 * paymentSchema.parse(row).status; // 'completed'
 * ```
 */
export const paymentSchema = z.object({
  payment_id: idSchema,
  order_id: idSchema,
  customer_id: idSchema,
  payment_date: timestampSchema,
  payment_method: paymentMethodSchema,
  amount: moneySchema,
  status: paymentStatusSchema,
  transaction_id: varchar(64).nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

/**
 * A `payments` row.
 *
 * @example
 * ```ts
 * const settled = (p: Payment) => p.status === 'completed';
 * ```
 */
export type Payment = z.infer<typeof paymentSchema>;

/**
 * zod schema of a new payment: id, `payment_date` (default now), `status` (default `pending`),
 * `transaction_id` and timestamps optional.
 *
 * @example
 * ```ts
 * paymentInsertSchema.parse({ order_id: 1, customer_id: 7, payment_method: 'paypal', amount: '199000.00' });
 * ```
 */
export const paymentInsertSchema = paymentSchema.partial({
  payment_id: true,
  payment_date: true,
  status: true,
  transaction_id: true,
  created_at: true,
  updated_at: true,
});

/**
 * A new payment.
 *
 * @example
 * ```ts
 * const input: PaymentInsert = { order_id: 1, customer_id: 7, payment_method: 'bank_transfer', amount: '199000.00' };
 * ```
 */
export type PaymentInsert = z.infer<typeof paymentInsertSchema>;

/**
 * The `payments` table.
 *
 * @example
 * ```ts
 * paymentsTable.eventTimeColumn; // 'payment_date'
 * ```
 */
export const paymentsTable = defineShopTable({
  name: 'payments',
  schema: paymentSchema,
  insertSchema: paymentInsertSchema,
  primaryKey: 'payment_id',
  columns: {
    payment_id: column.integer(),
    order_id: column.integer(),
    customer_id: column.integer(),
    payment_date: column.timestamptz(),
    payment_method: column.varchar(20),
    amount: column.money(),
    status: column.varchar(20),
    transaction_id: column.varchar(64, true),
    created_at: column.timestamptz(),
    updated_at: column.timestamptz(),
  },
  eventTimeColumn: 'payment_date',
  updatedAtColumn: 'updated_at',
  replicaIdentityFull: true,
});
