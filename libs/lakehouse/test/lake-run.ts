/**
 * One spec's own corner of the shared lake: a unique id, its Trino schemas (shop views and marts) and its folder in
 * the stack's bucket, the `lake` CLI env pointing there, and `dropLakeRun`, which removes all of it afterwards.
 */
import { minioObjectStore } from '../src/adapters/index.js';
import { lakeCliEnv } from './lake-cli.js';
import { LAKE_STACK, lakeS3Client, trinoRows } from './lake-stack.js';

/** A spec's unique lake names. */
export interface LakeRun {
  readonly id: string;
  /** Trino schema of the shop views (`lake.<shopSchema>.orders`). */
  readonly shopSchema: string;
  /** Trino schema of the marts (`lake.<martsSchema>.revenue_daily`). */
  readonly martsSchema: string;
  /** Folder in the bucket holding the run's tables (`<root>/data_postgres`) and marts (`<root>/marts`). */
  readonly root: string;
  /** The `lake` CLI env of the run on `databaseUrl` (shop time zone Asia/Ho_Chi_Minh), then `extra`. */
  env(databaseUrl: string, extra?: Record<string, string>): Record<string, string>;
}

/** New unique names, `<tag><time>` (a lower-case SQL identifier). */
export function newLakeRun(tag: string): LakeRun {
  const id = `${tag}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const run = { id, shopSchema: `${id}_shop`, martsSchema: `${id}_marts`, root: `lake-it/${id}` };
  return {
    ...run,
    env: (databaseUrl, extra = {}) =>
      lakeCliEnv(
        { databaseUrl, prefix: `${run.root}/data_postgres`, schema: run.shopSchema },
        {
          LAKE_MARTS_SCHEMA: run.martsSchema,
          LAKE_MARTS_PREFIX: `${run.root}/marts`,
          LAKE_SHOP_TIME_ZONE: 'Asia/Ho_Chi_Minh',
          ...extra,
        },
      ),
  };
}

/** Drops the run's views, tables and schemas in Trino and deletes its objects in the bucket. */
export async function dropLakeRun(run: LakeRun): Promise<void> {
  for (const schema of [run.martsSchema, run.shopSchema]) {
    const tables = (await trinoRows(
      `SELECT table_name, table_type FROM lake.information_schema.tables WHERE table_schema = '${schema}'`,
    ).catch(() => [])) as [string, string][];
    for (const [name, type] of tables) {
      await trinoRows(`DROP ${type === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS lake.${schema}.${name}`);
    }
    await trinoRows(`DROP SCHEMA IF EXISTS lake.${schema}`);
  }
  const store = minioObjectStore(lakeS3Client(), LAKE_STACK.s3.bucket);
  for (const key of await store.list(`${run.root}/`)) await store.delete(key);
}
