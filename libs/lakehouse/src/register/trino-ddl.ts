import { lakeSchema, trinoType } from '../lake-schema.js';
import { snapshotTimeMs } from '../snapshots.js';
import { lakePartitionKey } from '../table-layout.js';

/** Where the lake's tables are registered in Trino. */
export interface TrinoTarget {
  /** The Hive catalog on the lake's S3 (the stack's is `lake`). */
  readonly catalog: string;
  /** The schema of the shop tables (default `shop`). */
  readonly schema: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * A double-quoted Trino identifier (names come from code, never from users, but quoting keeps keywords safe).
 *
 * @example
 * quoteIdent('order_items'); // '"order_items"'
 */
export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name))
    throw new TypeError(`${JSON.stringify(name)} is not a lower-case SQL identifier`);
  return `"${name}"`;
}

const qualified = (t: TrinoTarget, name: string) =>
  `${quoteIdent(t.catalog)}.${quoteIdent(t.schema)}.${quoteIdent(name)}`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The Trino table that holds one snapshot: `<table>__<snapshot id>`.
 *
 * @example
 * snapshotTableName('orders', 's20261204012000000_ab12'); // 'orders__s20261204012000000_ab12'
 */
export function snapshotTableName(table: string, snapshotId: string): string {
  snapshotTimeMs(snapshotId);
  return `${table}__${snapshotId}`;
}

/**
 * `CREATE SCHEMA IF NOT EXISTS` for the lake's shop schema.
 *
 * @example
 * createSchemaSql({ catalog: 'lake', schema: 'shop' }); // 'CREATE SCHEMA IF NOT EXISTS "lake"."shop"'
 */
export function createSchemaSql(target: TrinoTarget): string {
  return `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.catalog)}.${quoteIdent(target.schema)}`;
}

/**
 * The DDL of one snapshot's external table, derived from `lakeSchema` and `trinoType` (the partition column,
 * when the table has one, last, as VARCHAR).
 *
 * @example
 * createSnapshotTableSql({ catalog: 'lake', schema: 'shop' }, 'orders', 's20261204012000000_ab12',
 *   's3://lake/data_postgres/orders/snapshot=s20261204012000000_ab12/');
 * // 'CREATE TABLE IF NOT EXISTS "lake"."shop"."orders__s2026…" ("order_id" INTEGER, …, "order_month" VARCHAR)
 * //  WITH (external_location = 's3://…', format = 'PARQUET', partitioned_by = ARRAY['order_month'])'
 */
export function createSnapshotTableSql(
  target: TrinoTarget,
  table: string,
  snapshotId: string,
  location: string,
): string {
  const key = lakePartitionKey(table);
  const columns = lakeSchema(table).map((c) => `${quoteIdent(c.name)} ${trinoType(c.type)}`);
  if (key) columns.push(`${quoteIdent(key.name)} VARCHAR`);
  const partitioned = key ? `, partitioned_by = ARRAY[${literal(key.name)}]` : '';
  return (
    `CREATE TABLE IF NOT EXISTS ${qualified(target, snapshotTableName(table, snapshotId))} (${columns.join(', ')}) ` +
    `WITH (external_location = ${literal(location)}, format = 'PARQUET'${partitioned})`
  );
}

/**
 * Registers every partition folder of a snapshot table (`system.sync_partition_metadata`, mode FULL).
 *
 * @example
 * syncPartitionsSql({ catalog: 'lake', schema: 'shop' }, 'orders', 's20261204012000000_ab12');
 * // "CALL \"lake\".system.sync_partition_metadata('shop', 'orders__s20261204012000000_ab12', 'FULL')"
 */
export function syncPartitionsSql(target: TrinoTarget, table: string, snapshotId: string): string {
  return `CALL ${quoteIdent(target.catalog)}.system.sync_partition_metadata(${literal(target.schema)}, ${literal(snapshotTableName(table, snapshotId))}, 'FULL')`;
}

/**
 * The table's stable name: a view on its current snapshot table. Replacing it is one metastore write, so a
 * query resolves either the old snapshot or the new one.
 *
 * @example
 * createViewSql({ catalog: 'lake', schema: 'shop' }, 'products', 's20261204012000000_ab12');
 * // 'CREATE OR REPLACE VIEW "lake"."shop"."products" SECURITY INVOKER AS SELECT "product_id", … FROM …'
 */
export function createViewSql(target: TrinoTarget, table: string, snapshotId: string): string {
  const key = lakePartitionKey(table);
  const names = lakeSchema(table).map((c) => quoteIdent(c.name));
  if (key) names.push(quoteIdent(key.name));
  return (
    `CREATE OR REPLACE VIEW ${qualified(target, table)} SECURITY INVOKER AS ` +
    `SELECT ${names.join(', ')} FROM ${qualified(target, snapshotTableName(table, snapshotId))}`
  );
}

/**
 * `SELECT count(*)` of one snapshot table (register checks it against the manifest before the swap).
 *
 * @example
 * countSql({ catalog: 'lake', schema: 'shop' }, 'carts', 's20261204012000000_ab12');
 * // 'SELECT count(*) FROM "lake"."shop"."carts__s20261204012000000_ab12"'
 */
export function countSql(target: TrinoTarget, table: string, snapshotId: string): string {
  return `SELECT count(*) FROM ${qualified(target, snapshotTableName(table, snapshotId))}`;
}

/**
 * `DROP TABLE IF EXISTS` of a superseded snapshot table (its files are deleted separately: external tables).
 *
 * @example
 * dropSnapshotTableSql({ catalog: 'lake', schema: 'shop' }, 'carts', 's20261204012000000_ab12');
 * // 'DROP TABLE IF EXISTS "lake"."shop"."carts__s20261204012000000_ab12"'
 */
export function dropSnapshotTableSql(target: TrinoTarget, table: string, snapshotId: string): string {
  return `DROP TABLE IF EXISTS ${qualified(target, snapshotTableName(table, snapshotId))}`;
}
