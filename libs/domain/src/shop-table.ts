import type { z } from 'zod';
import type { ColumnHint } from './column-hint.js';

/**
 * Everything other libraries need to know about one shop table: its row schema, its insert schema, its primary key
 * and a type hint per column. This is the loose form that any table is assignable to; {@link TypedShopTable} keeps
 * the exact column names.
 *
 * @example
 * ```ts
 * const table: ShopTable = shopTables.orders;
 * table.columns['total_price']?.scale; // 2
 * ```
 */
export interface ShopTable {
  /** The PostgreSQL table name (schema `public`). */
  readonly name: string;
  /** zod schema of a full row as node-postgres or a CDC decoder returns it. */
  readonly schema: z.ZodObject;
  /** zod schema of an insert: identity, defaulted and nullable columns are optional. */
  readonly insertSchema: z.ZodObject;
  /** The single-column primary key. */
  readonly primaryKey: string;
  /** A type hint for every column, in table order. */
  readonly columns: { readonly [column: string]: ColumnHint };
  /** The column holding the business time at which the row happened (order_date, added_at, event_time, ...). */
  readonly eventTimeColumn: string;
  /** `updated_at` when a trigger maintains it; `null` for the append-only `customer_events`. */
  readonly updatedAtColumn: string | null;
  /** Whether the table uses REPLICA IDENTITY FULL, so CDC update and delete events carry the whole old row. */
  readonly replicaIdentityFull: boolean;
}

/**
 * A {@link ShopTable} that keeps its name, its schemas and its exact column names in the type.
 *
 * @example
 * ```ts
 * const orders: TypedShopTable<'orders', typeof orderSchema, typeof orderInsertSchema> = ordersTable;
 * orders.columns.total_price.scale; // 2, and `orders.columns.nope` is a type error
 * ```
 */
export interface TypedShopTable<
  Name extends string,
  Row extends z.ZodObject,
  Insert extends z.ZodObject,
> extends ShopTable {
  readonly name: Name;
  readonly schema: Row;
  readonly insertSchema: Insert;
  readonly primaryKey: keyof Row['shape'] & string;
  readonly columns: { readonly [K in keyof Row['shape'] & string]: ColumnHint };
  readonly eventTimeColumn: keyof Row['shape'] & string;
  readonly updatedAtColumn: (keyof Row['shape'] & string) | null;
}

/**
 * Declares a {@link ShopTable}, checking at load time that the column hints cover exactly the schema's keys.
 *
 * @throws Error if `columns` and `schema` disagree, or the primary key / time columns are not columns.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * const widgets = defineShopTable({
 *   name: 'widgets',
 *   schema: z.object({ widget_id: idSchema, created_at: timestampSchema }),
 *   insertSchema: z.object({ widget_id: idSchema.optional() }),
 *   primaryKey: 'widget_id',
 *   columns: { widget_id: column.integer(), created_at: column.timestamptz() },
 *   eventTimeColumn: 'created_at',
 *   updatedAtColumn: null,
 *   replicaIdentityFull: false,
 * });
 * ```
 */
export function defineShopTable<
  const Name extends string,
  Row extends z.ZodObject,
  Insert extends z.ZodObject,
>(table: TypedShopTable<Name, Row, Insert>): TypedShopTable<Name, Row, Insert> {
  const schemaKeys = Object.keys(table.schema.shape);
  const hintKeys = Object.keys(table.columns);
  if (schemaKeys.join() !== hintKeys.join()) {
    throw new Error(
      `${table.name}: column hints [${hintKeys.join()}] do not match schema keys [${schemaKeys.join()}]`,
    );
  }
  for (const key of [table.primaryKey, table.eventTimeColumn, table.updatedAtColumn]) {
    if (key !== null && !schemaKeys.includes(key)) throw new Error(`${table.name}: ${key} is not a column`);
  }
  return Object.freeze(table);
}
