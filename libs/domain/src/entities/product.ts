import { z } from 'zod';
import { column } from '../column-hint.js';
import { moneySchema } from '../money.js';
import { countSchema, idSchema, timestampSchema, varchar } from '../primitives.js';
import { defineShopTable } from '../shop-table.js';

/**
 * SKUs are upper-case ASCII letters, digits, `-` and `_` (the original's had spaces and diacritics, e.g. `"ẨM 123"`).
 * The database CHECKs the same pattern (`products_sku_format_check`).
 *
 * @example
 * ```ts
 * SKU_PATTERN.test('DIE-000042'); // true
 * SKU_PATTERN.test('ẨM 123'); // false
 * ```
 */
export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;

/**
 * zod schema of a `products` row. `price` is exact money (NUMERIC(14,2)), `stock` is never negative.
 *
 * @example
 * ```ts
 * productSchema.parse(row).price; // '15990000.00'
 * ```
 */
export const productSchema = z.object({
  product_id: idSchema,
  sku: z
    .string()
    .regex(SKU_PATTERN, { message: 'Expected an upper-case ASCII SKU (A-Z, 0-9, -, _; at most 64)' }),
  name: varchar(255),
  description: z.string().nullable(),
  price: moneySchema,
  stock: countSchema,
  category_id: idSchema,
  is_active: z.boolean(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

/**
 * A `products` row.
 *
 * @example
 * ```ts
 * const orderable = (p: Product) => p.is_active && p.stock > 0;
 * ```
 */
export type Product = z.infer<typeof productSchema>;

/**
 * zod schema of a new product: `stock` (default 0), `is_active` (default true), id, description and timestamps
 * are optional.
 *
 * @example
 * ```ts
 * productInsertSchema.parse({ sku: 'DIE-000001', name: 'Sony Laptop Gaming', price: '18990000.00', category_id: 1 });
 * ```
 */
export const productInsertSchema = productSchema.partial({
  product_id: true,
  description: true,
  stock: true,
  is_active: true,
  created_at: true,
  updated_at: true,
});

/**
 * A new product.
 *
 * @example
 * ```ts
 * const input: ProductInsert = { sku: 'SAC-000007', name: 'Tiểu thuyết', price: '120000.00', category_id: 3 };
 * ```
 */
export type ProductInsert = z.infer<typeof productInsertSchema>;

/**
 * The `products` table.
 *
 * @example
 * ```ts
 * productsTable.columns.price; // { kind: 'decimal', sqlType: 'numeric(14,2)', precision: 14, scale: 2, ... }
 * ```
 */
export const productsTable = defineShopTable({
  name: 'products',
  schema: productSchema,
  insertSchema: productInsertSchema,
  primaryKey: 'product_id',
  columns: {
    product_id: column.integer(),
    sku: column.varchar(64),
    name: column.varchar(255),
    description: column.text(true),
    price: column.money(),
    stock: column.integer(),
    category_id: column.integer(),
    is_active: column.boolean(),
    created_at: column.timestamptz(),
    updated_at: column.timestamptz(),
  },
  eventTimeColumn: 'created_at',
  updatedAtColumn: 'updated_at',
  replicaIdentityFull: true,
});
