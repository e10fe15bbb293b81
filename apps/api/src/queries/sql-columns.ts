import type { ResourceDef } from '../resources/index.js';

/**
 * Quotes an SQL identifier. Identifiers only ever come from resource definitions, never from requests.
 *
 * @example
 * ```ts
 * quoteIdent('order_id'); // '"order_id"'
 * ```
 */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * The SQL expression printing a `timestamptz` as ISO-8601 UTC with microseconds (`2025-03-01T09:00:00.123456Z`):
 * exact (a JavaScript `Date` would keep milliseconds only) and cheaper than parsing into a `Date` in Node.
 *
 * @example
 * ```ts
 * isoTimestampSql('o."order_date"'); // `to_char(o."order_date" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
 * ```
 */
export function isoTimestampSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * The select list of a resource's public columns (never a password), qualified by `qualifier` (table name or alias),
 * with timestamps printed by {@link isoTimestampSql} under their own names.
 *
 * @example
 * ```ts
 * selectListSql(ordersResource, 'orders');
 * // '"orders"."order_id", ..., to_char("orders"."order_date" AT TIME ZONE ...) AS "order_date", ...'
 * ```
 */
export function selectListSql(resource: ResourceDef, qualifier: string): string {
  return Object.keys(resource.rowSchema.shape)
    .map((name) => {
      const column = `${qualifier}.${quoteIdent(name)}`;
      return resource.table.columns[name]?.kind === 'timestamptz'
        ? `${isoTimestampSql(column)} AS ${quoteIdent(name)}`
        : column;
    })
    .join(', ');
}
