import type { Queryable } from '../db.js';
import type { ResourceDef } from '../resources/index.js';
import { quoteIdent, selectListSql } from './sql-columns.js';

/**
 * The SQL selecting a resource's public columns by one column (the primary key, or a foreign key such as
 * `order_id`), ordered by the primary key.
 *
 * @example
 * ```ts
 * selectSql(productsResource, 'product_id');
 * // 'SELECT "products"."product_id", ... FROM "products" WHERE "products"."product_id" = $1 ORDER BY ...'
 * ```
 */
export function selectSql(resource: ResourceDef, column: string): string {
  const { name, primaryKey } = resource.table;
  const table = quoteIdent(name);
  return (
    `SELECT ${selectListSql(resource, table)} FROM ${table} ` +
    `WHERE ${table}.${quoteIdent(column)} = $1 ORDER BY ${table}.${quoteIdent(primaryKey)}`
  );
}

/**
 * Loads one row by primary key, or `null`.
 *
 * @example
 * ```ts
 * await selectById(pool, productsResource, 7); // { product_id: 7, sku: 'LAP-0007', price: '25990000.00', ... }
 * ```
 */
export async function selectById(
  db: Queryable,
  resource: ResourceDef,
  id: number | string,
): Promise<Record<string, unknown> | null> {
  const { rows } = await db.query(selectSql(resource, resource.table.primaryKey), [id]);
  return rows[0] ?? null;
}
