/**
 * Builds marts in Trino: each one an external Parquet table partitioned by `analysis_date` under
 * `s3://<bucket>/<prefix>/<mart>/`, whose partition of the analysed day is replaced by one INSERT (the Hive
 * connector's `insert_existing_partitions_behavior = OVERWRITE`); the other days stay (the original overwrote
 * its whole history or appended duplicates).
 *
 * Two Hive-connector facts shape this (both checked on the stack's Trino 483 with its file metastore):
 * `DELETE` of an external table's partition only forgets it, and its files come back under the next INSERT into
 * that day; and OVERWRITE on a managed table fails ("Partition … not found") after dropping the old partition.
 * So the tables are external, and files of a day the metastore does not list are deleted through the
 * `ObjectStore` before that day is written (a build that crashed after forgetting a day leaves nothing stale).
 */
import { LakehouseError } from '../errors.js';
import type { ObjectStore } from '../object-store.js';
import { quoteIdent, type TrinoTarget } from '../register/trino-ddl.js';
import type { TrinoQueryPort } from '../trino-port.js';
import type { MartDefinition } from './mart-definition.js';

/** What {@link buildMarts} needs. */
export interface BuildMartsInput {
  readonly trino: TrinoQueryPort;
  /** Where the shop tables' views are (`lake.shop`). */
  readonly source: TrinoTarget;
  /** Where the marts go (`lake.marts`). */
  readonly target: TrinoTarget;
  /** The bucket of the marts and the store on it (to delete the files of a forgotten day). */
  readonly store: ObjectStore;
  readonly bucket: string;
  /** Folder of the marts in the bucket: `s3://<bucket>/<prefix>/<mart>/` (e.g. `marts`). */
  readonly prefix: string;
  readonly marts: readonly MartDefinition[];
  /** `YYYY-MM-DD`, a day in `timeZone`. */
  readonly analysisDate: string;
  readonly timeZone: string;
  /** Clock for the timings (default `Date.now`). */
  now?(): number;
}

/** What one mart build did. */
export interface MartBuildResult {
  readonly mart: string;
  readonly rows: number;
  readonly ms: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks an analysis date: a real calendar day written `YYYY-MM-DD`.
 *
 * @throws {@link LakehouseError} `INVALID_OPTION` otherwise.
 *
 * @example
 * checkAnalysisDate('2026-12-01'); // fine
 * checkAnalysisDate('2026-13-01'); // throws INVALID_OPTION
 */
export function checkAnalysisDate(analysisDate: string): void {
  if (!DAY.test(analysisDate) || Number.isNaN(Date.parse(`${analysisDate}T00:00:00Z`))) {
    throw new LakehouseError(
      'INVALID_OPTION',
      `analysis date ${JSON.stringify(analysisDate)} is not YYYY-MM-DD`,
    );
  }
}

/**
 * The DDL of a mart table at `location` (its folder): its columns, then `analysis_date DATE`, the partition column.
 *
 * @example
 * import { REVENUE_DAILY } from './revenue-marts.js';
 * createMartTableSql({ catalog: 'lake', schema: 'marts' }, REVENUE_DAILY, 's3://lake/marts/revenue_daily/');
 * // 'CREATE TABLE IF NOT EXISTS "lake"."marts"."revenue_daily" (…, "analysis_date" DATE) WITH (…)'
 */
export function createMartTableSql(target: TrinoTarget, mart: MartDefinition, location: string): string {
  const columns = [...mart.columns, { name: 'analysis_date', type: 'DATE' }].map(
    (c) => `${quoteIdent(c.name)} ${c.type}`,
  );
  return (
    `CREATE TABLE IF NOT EXISTS ${martTable(target, mart.name)} (${columns.join(', ')}) ` +
    `WITH (external_location = '${location}', format = 'PARQUET', partitioned_by = ARRAY['analysis_date'])`
  );
}

/**
 * The qualified Trino name of a mart table.
 *
 * @example
 * martTable({ catalog: 'lake', schema: 'marts' }, 'revenue_daily'); // '"lake"."marts"."revenue_daily"'
 */
export function martTable(target: TrinoTarget, mart: string): string {
  return `${quoteIdent(target.catalog)}.${quoteIdent(target.schema)}.${quoteIdent(mart)}`;
}

/**
 * Builds `marts` for one analysis date, one after another: creates the schema and each missing table, then
 * replaces the day's partition with the mart's rows (an empty result deletes the partition). Another day's
 * partition is never touched.
 *
 * @throws {@link LakehouseError} `INVALID_OPTION` for a malformed date, `TRINO_FAILED` from the port.
 *
 * @example
 * import { MARTS } from './marts.js';
 * declare const trino: TrinoQueryPort;
 * declare const store: ObjectStore;
 * await buildMarts({ trino, source: { catalog: 'lake', schema: 'shop' }, target: { catalog: 'lake', schema: 'marts' },
 *   store, bucket: 'lake', prefix: 'marts', marts: MARTS, analysisDate: '2026-12-01', timeZone: 'Asia/Ho_Chi_Minh' });
 */
export async function buildMarts(input: BuildMartsInput): Promise<MartBuildResult[]> {
  const { trino, source, target, analysisDate, timeZone } = input;
  checkAnalysisDate(analysisDate);
  const now = input.now ?? Date.now;
  await trino.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.catalog)}.${quoteIdent(target.schema)}`);
  const ctx = {
    table: (name: string) => `${quoteIdent(source.catalog)}.${quoteIdent(source.schema)}.${quoteIdent(name)}`,
    analysisDate,
    timeZone,
  };
  const overwrite = { session: { [`${target.catalog}.insert_existing_partitions_behavior`]: 'OVERWRITE' } };
  const results: MartBuildResult[] = [];
  for (const mart of input.marts) {
    const started = now();
    const folder = `${input.prefix}/${mart.name}/`;
    await trino.query(createMartTableSql(target, mart, `s3://${input.bucket}/${folder}`));
    const table = martTable(target, mart.name);
    const day = `${folder}analysis_date=${analysisDate}/`;
    const partitions = `${quoteIdent(target.catalog)}.${quoteIdent(target.schema)}."${mart.name}$partitions"`;
    const listed = await trino.query(
      `SELECT 1 FROM ${partitions} WHERE analysis_date = DATE '${analysisDate}'`,
    );
    if (listed.length === 0) await deleteAll(input.store, day);
    const [[inserted] = [0]] = await trino.query(
      `INSERT INTO ${table} SELECT q.*, DATE '${analysisDate}' FROM (${mart.select(ctx)}) q`,
      overwrite,
    );
    const rows = Number(inserted);
    if (rows === 0 && listed.length > 0) {
      // Nothing for the day any more: forget the old partition, then delete its files.
      await trino.query(`DELETE FROM ${table} WHERE analysis_date = DATE '${analysisDate}'`);
      await deleteAll(input.store, day);
    }
    results.push({ mart: mart.name, rows, ms: now() - started });
  }
  return results;
}

async function deleteAll(store: ObjectStore, prefix: string): Promise<void> {
  for (const key of await store.list(prefix)) await store.delete(key);
}
