/**
 * The Trino statements of the change logs: an external Hive table per shop table over its change-log folder
 * (partitioned by `event_date`), and the current-state view derived from it. Generated from the column hints, as
 * every statement of the lake; nobody types DDL.
 */
import { getShopTable, isShopTableName, type ShopTableName } from '@ecom/domain';
import { CHANGE_LOG_PARTITION } from '../changelog/changelog-files.js';
import { changeLogSchema } from '../changelog/changelog-schema.js';
import { LakehouseError } from '../errors.js';
import { trinoType } from '../lake-schema.js';
import { quoteIdent, type TrinoTarget } from './trino-ddl.js';

const qualified = (t: TrinoTarget, name: string) =>
  `${quoteIdent(t.catalog)}.${quoteIdent(t.schema)}.${quoteIdent(name)}`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const shopTable = (table: string): ShopTableName => {
  if (!isShopTableName(table))
    throw new LakehouseError('UNKNOWN_TABLE', `${JSON.stringify(table)} is not a shop table`);
  return table;
};

/**
 * The Trino name of a table's change log: `<table>_changelog`.
 *
 * @example
 * changeLogTableName('orders'); // 'orders_changelog'
 */
export function changeLogTableName(table: string): string {
  return `${shopTable(table)}_changelog`;
}

/**
 * The Trino name of a table's current-state view: `<table>_current`.
 *
 * @example
 * currentStateViewName('orders'); // 'orders_current'
 */
export function currentStateViewName(table: string): string {
  return `${shopTable(table)}_current`;
}

/**
 * `CREATE TABLE IF NOT EXISTS` of a change log: the columns of `changeLogSchema(table)` typed by `trinoType`, plus
 * `event_date VARCHAR`, the partition column; external, Parquet, at `location` (`s3://<bucket>/<prefix>/<table>/`).
 *
 * @example
 * createChangeLogTableSql({ catalog: 'lake', schema: 'shop' }, 'orders', 's3://lake/changelog/orders/');
 * // 'CREATE TABLE IF NOT EXISTS "lake"."shop"."orders_changelog" ("op" VARCHAR(1), … "event_date" VARCHAR) WITH (…)'
 */
export function createChangeLogTableSql(target: TrinoTarget, table: string, location: string): string {
  const columns = changeLogSchema(table).map((c) => `${quoteIdent(c.name)} ${trinoType(c.type)}`);
  columns.push(`${quoteIdent(CHANGE_LOG_PARTITION)} VARCHAR`);
  return (
    `CREATE TABLE IF NOT EXISTS ${qualified(target, changeLogTableName(table))} (${columns.join(', ')}) ` +
    `WITH (external_location = ${literal(location)}, format = 'PARQUET', partitioned_by = ARRAY[${literal(CHANGE_LOG_PARTITION)}])`
  );
}

/**
 * Registers the change log's `event_date` partitions found on S3 (and forgets vanished ones).
 *
 * @example
 * syncChangeLogPartitionsSql({ catalog: 'lake', schema: 'shop' }, 'orders');
 * // "CALL \"lake\".system.sync_partition_metadata('shop', 'orders_changelog', 'FULL')"
 */
export function syncChangeLogPartitionsSql(target: TrinoTarget, table: string): string {
  return `CALL ${quoteIdent(target.catalog)}.system.sync_partition_metadata(${literal(target.schema)}, ${literal(changeLogTableName(table))}, 'FULL')`;
}

/**
 * The current-state view of a table: for each primary key, its latest change by position (`source_offset`, then
 * `source_index`, descending), unless that change is a delete; the `after_*` columns under the table's own names.
 * Positions order the changes of one key because every change of a key is in one source partition (the slot, or a
 * Debezium topic keyed by primary key).
 *
 * @example
 * createCurrentStateViewSql({ catalog: 'lake', schema: 'shop' }, 'categories');
 * // 'CREATE OR REPLACE VIEW "lake"."shop"."categories_current" SECURITY INVOKER AS SELECT "after_category_id" AS "category_id", …'
 */
export function createCurrentStateViewSql(target: TrinoTarget, table: string): string {
  const definition = getShopTable(shopTable(table));
  const names = Object.keys(definition.columns);
  const pk = definition.primaryKey;
  const select = names.map((n) => `${quoteIdent(`after_${n}`)} AS ${quoteIdent(n)}`).join(', ');
  const key = `coalesce(${quoteIdent(`after_${pk}`)}, ${quoteIdent(`before_${pk}`)})`;
  return (
    `CREATE OR REPLACE VIEW ${qualified(target, currentStateViewName(table))} SECURITY INVOKER AS ` +
    `SELECT ${select} FROM (SELECT *, row_number() OVER (PARTITION BY ${key} ` +
    `ORDER BY "source_offset" DESC, "source_index" DESC) AS "change_rank" ` +
    `FROM ${qualified(target, changeLogTableName(table))}) WHERE "change_rank" = 1 AND "op" <> 'd'`
  );
}
