import type { Queryable } from '../db.js';
import type { ResourceDef } from '../resources/index.js';

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/**
 * The SQL selecting a resource's public columns by one column (the primary key, or a foreign key such as
 * `order_id`), ordered by the primary key.
 *
 * @example
 * ```ts
 * selectSql(ordersResource, 'order_id'); // 'SELECT "order_id", ... FROM "orders" WHERE "order_id" = $1 ORDER BY "order_id"'
 * ```
 */
export function selectSql(resource: ResourceDef, column: string): string {
  const columns = Object.keys(resource.rowSchema.shape).map(quote).join(', ');
  const { name, primaryKey } = resource.table;
  return `SELECT ${columns} FROM ${quote(name)} WHERE ${quote(column)} = $1 ORDER BY ${quote(primaryKey)}`;
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
