/**
 * The schemaless-JSON {@link TypeMap} of the shop tables, derived from the column hints of `@ecom/domain`, so
 * that nobody writes one by hand.
 */
import { shopTables, type ColumnHint } from '@ecom/domain';
import type { ColumnType, TypeMap } from './type-map.js';

/**
 * The part of a table definition {@link typeMapFromShopTables} reads: a hint per column. Every `ShopTable` fits.
 *
 * @example
 * const widgets: TypeMapSourceTable = {
 *   columns: { price: { kind: 'decimal', sqlType: 'numeric(10,2)', nullable: false, precision: 10, scale: 2 } },
 * };
 * typeMapFromShopTables({ widgets }); // { widgets: { price: 'numeric(10,2)' } }
 */
export interface TypeMapSourceTable {
  readonly columns: { readonly [column: string]: ColumnHint };
}

/**
 * The column type a schemaless decoder needs for a hint, or `undefined` when the JSON value already is the
 * decoded value (integers, bigints — beyond 2^53 they become `bigint` anyway —, booleans, text, uuids and
 * `timestamptz`, which Debezium sends as an ISO string).
 */
function columnType(hint: ColumnHint): ColumnType | undefined {
  switch (hint.kind) {
    case 'decimal':
      // Debezium's precise mode sends the unscaled value as base64 bytes: only the scale makes it a number.
      return hint.precision === undefined ? 'numeric' : `numeric(${hint.precision},${hint.scale ?? 0})`;
    case 'date':
      return 'date'; // days since the epoch
    default:
      return undefined;
  }
}

/**
 * The {@link TypeMap} for schemaless JSON (`schemas.enable=false`) of the shop tables (or of `tables`, any map
 * of name → `{ columns }` with `@ecom/domain` column hints), keyed by table name. It lists only the columns whose
 * wire value needs its type to decode — `decimal` (base64 unscaled bytes under `decimal.handling.mode=precise`,
 * the connector default) and `date` (days since the epoch) — because typing the others would only cost time;
 * tables without such columns have no entry.
 *
 * @example
 * const decoder = createDecoder({ typeMap: typeMapFromShopTables() });
 * typeMapFromShopTables()['orders']; // { total_price: 'numeric(14,2)' }
 */
export function typeMapFromShopTables(
  tables: { readonly [table: string]: TypeMapSourceTable } = shopTables,
): TypeMap {
  const entries: [string, TypeMap[string]][] = [];
  for (const [table, { columns }] of Object.entries(tables)) {
    const typed: [string, ColumnType][] = [];
    for (const [name, hint] of Object.entries(columns)) {
      const type = columnType(hint);
      if (type !== undefined) typed.push([name, type]);
    }
    if (typed.length > 0) entries.push([table, Object.fromEntries(typed)]);
  }
  return Object.fromEntries(entries);
}
