import { z } from 'zod';
import { column } from '../column-hint.js';
import { idSchema, timestampSchema, varchar } from '../primitives.js';
import { defineShopTable } from '../shop-table.js';

/**
 * zod schema of a `categories` row.
 *
 * @example
 * ```ts
 * categorySchema.parse(row).name; // 'Điện tử'
 * ```
 */
export const categorySchema = z.object({
  category_id: idSchema,
  name: varchar(100),
  description: z.string().nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

/**
 * A `categories` row.
 *
 * @example
 * ```ts
 * const byName = new Map<string, Category>();
 * ```
 */
export type Category = z.infer<typeof categorySchema>;

/**
 * zod schema of a new category (`category_id`, `description` and timestamps optional).
 *
 * @example
 * ```ts
 * categoryInsertSchema.parse({ name: 'Sách', description: 'Sách và tài liệu học tập' });
 * ```
 */
export const categoryInsertSchema = categorySchema.partial({
  category_id: true,
  description: true,
  created_at: true,
  updated_at: true,
});

/**
 * A new category.
 *
 * @example
 * ```ts
 * const input: CategoryInsert = { name: 'Sách' };
 * ```
 */
export type CategoryInsert = z.infer<typeof categoryInsertSchema>;

/**
 * The `categories` table.
 *
 * @example
 * ```ts
 * categoriesTable.primaryKey; // 'category_id'
 * ```
 */
export const categoriesTable = defineShopTable({
  name: 'categories',
  schema: categorySchema,
  insertSchema: categoryInsertSchema,
  primaryKey: 'category_id',
  columns: {
    category_id: column.integer(),
    name: column.varchar(100),
    description: column.text(true),
    created_at: column.timestamptz(),
    updated_at: column.timestamptz(),
  },
  eventTimeColumn: 'created_at',
  updatedAtColumn: 'updated_at',
  replicaIdentityFull: false,
});
