import { z } from 'zod';
import { column } from '../column-hint.js';
import { idSchema, timestampSchema, varchar } from '../primitives.js';
import { defineShopTable } from '../shop-table.js';

/**
 * Customer e-mails are lower-case ASCII (the original let diacritics and spaces in). The database CHECKs the same
 * pattern (`customers_email_format_check`).
 *
 * @example
 * ```ts
 * EMAIL_PATTERN.test('nguyen.van.an42@gmail.com'); // true
 * EMAIL_PATTERN.test('Nguyễn.An@gmail.com'); // false
 * ```
 */
export const EMAIL_PATTERN = /^[a-z0-9][a-z0-9._+-]*@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;

/**
 * `customers.password` holds a bcrypt hash, never plain text (`customers_password_hashed_check`).
 *
 * @example
 * ```ts
 * BCRYPT_HASH_PATTERN.test('password123'); // false
 * ```
 */
export const BCRYPT_HASH_PATTERN = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

/**
 * zod schema of a `customers` row.
 *
 * @example
 * ```ts
 * const customer = customerSchema.parse(row); // row from `SELECT * FROM customers`
 * customer.email; // 'lan.tran7@gmail.com'
 * ```
 */
export const customerSchema = z.object({
  customer_id: idSchema,
  first_name: varchar(100),
  last_name: varchar(100),
  email: z.email({ pattern: EMAIL_PATTERN, message: 'Expected a lower-case ASCII e-mail address' }).max(255),
  password: z
    .string()
    .regex(BCRYPT_HASH_PATTERN, { message: 'Expected a bcrypt hash, never a plain-text password' }),
  address: varchar(255).nullable(),
  phone_number: varchar(20).nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

/**
 * A `customers` row.
 *
 * @example
 * ```ts
 * function fullName(c: Customer): string { return `${c.last_name} ${c.first_name}`; }
 * ```
 */
export type Customer = z.infer<typeof customerSchema>;

/**
 * A customer without the password hash: the only shape an API may return.
 *
 * @example
 * ```ts
 * customerPublicSchema.parse(row); // strips `password`
 * ```
 */
export const customerPublicSchema = customerSchema.omit({ password: true });

/**
 * A customer as an API may show it (no password hash).
 *
 * @example
 * ```ts
 * const shown: CustomerPublic = customerPublicSchema.parse(customer);
 * ```
 */
export type CustomerPublic = z.infer<typeof customerPublicSchema>;

/**
 * zod schema of a new customer: `customer_id`, timestamps and nullable columns are optional.
 *
 * @example
 * ```ts
 * customerInsertSchema.parse({ first_name: 'Lan', last_name: 'Trần', email: 'lan.tran7@gmail.com', password: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy' });
 * ```
 */
export const customerInsertSchema = customerSchema.partial({
  customer_id: true,
  address: true,
  phone_number: true,
  created_at: true,
  updated_at: true,
});

/**
 * A new customer.
 *
 * @example
 * ```ts
 * const input: CustomerInsert = { first_name: 'Lan', last_name: 'Trần', email: 'lan.tran7@gmail.com', password: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy' };
 * ```
 */
export type CustomerInsert = z.infer<typeof customerInsertSchema>;

/**
 * The `customers` table: schema, insert schema, primary key and column hints.
 *
 * @example
 * ```ts
 * customersTable.columns.email.sqlType; // 'character varying(255)'
 * ```
 */
export const customersTable = defineShopTable({
  name: 'customers',
  schema: customerSchema,
  insertSchema: customerInsertSchema,
  primaryKey: 'customer_id',
  columns: {
    customer_id: column.integer(),
    first_name: column.varchar(100),
    last_name: column.varchar(100),
    email: column.varchar(255),
    password: column.varchar(255),
    address: column.varchar(255, true),
    phone_number: column.varchar(20, true),
    created_at: column.timestamptz(),
    updated_at: column.timestamptz(),
  },
  eventTimeColumn: 'created_at',
  updatedAtColumn: 'updated_at',
  replicaIdentityFull: false,
});
