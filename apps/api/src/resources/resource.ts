import type { ColumnHint, ShopTable } from '@ecom/domain';
import { z } from 'zod';
import { param } from '../list/param-schemas.js';

/**
 * How a query parameter narrows a listing: `column <op> $n`. `any` binds an array (`column = ANY($n)`), `contains`
 * is a case-insensitive substring match with LIKE wildcards escaped.
 *
 * @example
 * ```ts
 * const op: FilterOp = '>=';
 * ```
 */
export type FilterOp = '=' | '>=' | '<' | 'any' | 'contains';

/**
 * One whitelisted filter of a listing.
 *
 * @example
 * ```ts
 * const byCustomer: FilterDef = { param: 'customer_id', column: 'customer_id', op: '=', schema: param.id('Customer id') };
 * ```
 */
export interface FilterDef {
  /** Query-string key. */
  readonly param: string;
  /** Column it compares (an identifier from the table definition, never user input). */
  readonly column: string;
  readonly op: FilterOp;
  /** Parses the raw query value into the SQL parameter. */
  readonly schema: z.ZodType;
}

/**
 * A listable shop table: where it is served, its JSON row shape, its filters and sortable columns.
 *
 * @example
 * ```ts
 * ordersResource.paths; // ['/orders', '/order']
 * ```
 */
export interface ResourceDef {
  /** Resource name, also the OpenAPI tag. */
  readonly name: string;
  /** Singular noun used in messages (`order 42 not found`). */
  readonly noun: string;
  readonly table: ShopTable;
  /** Paths served; the first is canonical, the others are aliases (the original's paths, plural forms). */
  readonly paths: readonly [string, ...string[]];
  /** JSON shape of one row, registered as an OpenAPI component. */
  readonly rowSchema: z.ZodObject;
  readonly filters: readonly FilterDef[];
  /** NOT NULL columns a listing may be sorted by (`sort=col` or `sort=-col`); the primary key breaks ties. */
  readonly sortable: readonly [string, ...string[]];
  /** Sort when none is given, e.g. `order_id` or `-event_time`. */
  readonly defaultSort: string;
  readonly description: string;
}

/**
 * The JSON shape of a row: the domain schema with timestamps as ISO-8601 strings and bigint ids as decimal strings
 * (what `JSON.stringify` makes of node-postgres rows). Money stays the domain's exact decimal string.
 *
 * @example
 * ```ts
 * import { ordersTable } from '@ecom/domain';
 * const order = wireSchema(ordersTable, ordersTable.schema, 'Order');
 * order.shape.order_date; // z.iso.datetime()
 * ```
 */
export function wireSchema(table: ShopTable, base: z.ZodObject, id: string): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(base.shape)) {
    const hint = table.columns[key];
    if (hint?.kind === 'timestamptz') {
      const instant = z.iso.datetime({ offset: true });
      shape[key] = hint.nullable ? instant.nullable() : instant;
    } else if (hint?.kind === 'bigint') {
      const digits = z.string().regex(/^\d+$/).meta({ description: 'int8 as a decimal string' });
      shape[key] = hint.nullable ? digits.nullable() : digits;
    } else {
      shape[key] = field as z.ZodType;
    }
  }
  return z.object(shape).meta({ id });
}

/**
 * Filters for a time column: `from` (inclusive) and `to` (exclusive).
 *
 * @example
 * ```ts
 * timeRange('order_date'); // [{ param: 'from', op: '>=' ... }, { param: 'to', op: '<' ... }]
 * ```
 */
export function timeRange(column: string): FilterDef[] {
  return [
    { param: 'from', column, op: '>=', schema: param.instant(`Only rows with ${column} >= this instant.`) },
    { param: 'to', column, op: '<', schema: param.instant(`Only rows with ${column} < this instant.`) },
  ];
}

/**
 * An equality filter on an int4 id column named like the parameter.
 *
 * @example
 * ```ts
 * idFilter('customer_id'); // ?customer_id=7 → customer_id = $1
 * ```
 */
export function idFilter(column: string): FilterDef {
  return { param: column, column, op: '=', schema: param.id(`Only rows with this ${column}.`) };
}

/**
 * The schema of a resource's `:id` path parameter, by its primary key's type: a positive int4, an int8 as a decimal
 * string, or text (the fraud tables' ids: percent-encode a `/` as `%2F`).
 *
 * @example
 * ```ts
 * primaryKeySchema(ordersResource, 'Primary key').parse('42'); // 42
 * ```
 */
export function primaryKeySchema(resource: ResourceDef, description: string): z.ZodType<number | string> {
  const { kind } = hintOf(resource.table, resource.table.primaryKey);
  if (kind === 'bigint') return param.bigId(description);
  if (kind === 'text') return param.text(description, 200);
  return param.id(description);
}

/**
 * The column hint of a whitelisted column; throws for a column the table does not have (a programming error in a
 * resource definition, never user input).
 *
 * @example
 * ```ts
 * import { ordersTable } from '@ecom/domain';
 * hintOf(ordersTable, 'total_price').sqlType; // 'numeric(14,2)'
 * ```
 */
export function hintOf(table: ShopTable, column: string): ColumnHint {
  const hint = table.columns[column];
  if (!hint) throw new Error(`table ${table.name} has no column ${column}`);
  return hint;
}
