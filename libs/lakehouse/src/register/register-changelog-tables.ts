import type { ShopTableName } from '@ecom/domain';
import type { RegisterLakeTablesInput } from './register-lake-tables.js';
import { changeLogFolder } from '../changelog/changelog-files.js';
import { LakehouseError } from '../errors.js';
import {
  changeLogTableName,
  createChangeLogTableSql,
  createCurrentStateViewSql,
  currentStateViewName,
  syncChangeLogPartitionsSql,
} from './changelog-ddl.js';
import { createSchemaSql } from './trino-ddl.js';

/**
 * Input of {@link registerChangeLogTables}.
 *
 * @example
 * declare const trino: TrinoQueryPort;
 * declare const store: ObjectStore;
 * const input: RegisterChangeLogTablesInput = {
 *   trino, store, bucket: 'lake', prefix: 'changelog', target: { catalog: 'lake', schema: 'shop' }, tables: ['orders'],
 * };
 */
export type RegisterChangeLogTablesInput = Pick<
  RegisterLakeTablesInput,
  'trino' | 'store' | 'bucket' | 'target' | 'tables'
> & {
  /** The change logs' folder in the bucket (`changelog`). */
  readonly prefix: string;
};

/**
 * What {@link registerChangeLogTables} did for one table that has a change log.
 *
 * @example
 * const done: RegisteredChangeLog = { table: 'orders', changeLog: 'orders_changelog', view: 'orders_current', files: 12 };
 */
export interface RegisteredChangeLog {
  readonly table: ShopTableName;
  readonly changeLog: string;
  readonly view: string;
  /** Parquet files under the change log's folder when it was registered. */
  readonly files: number;
}

/**
 * Registers the change log of each table that has one on S3 (tables without files are skipped): the schema, the
 * external table `<table>_changelog`, its `event_date` partitions, and the current-state view `<table>_current`.
 * Running it again repairs what is missing and picks up new partitions (days). Nobody types DDL.
 *
 * @throws {@link LakehouseError} `STORE_FAILED` (the folder cannot be listed), `TRINO_FAILED`.
 *
 * @example
 * declare const input: RegisterChangeLogTablesInput;
 * const done = await registerChangeLogTables(input);
 * done.map((d) => d.view); // ['orders_current', …]
 */
export async function registerChangeLogTables(
  input: RegisterChangeLogTablesInput,
): Promise<RegisteredChangeLog[]> {
  const { trino, store, bucket, prefix, target } = input;
  const done: RegisteredChangeLog[] = [];
  let schemaCreated = false;
  for (const table of input.tables) {
    const folder = changeLogFolder(prefix, table);
    let keys: string[];
    try {
      keys = await store.list(folder);
    } catch (e) {
      if (e instanceof LakehouseError) throw e;
      throw new LakehouseError(
        'STORE_FAILED',
        `could not list s3://${bucket}/${folder}: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    const files = keys.filter((k) => k.endsWith('.parquet')).length;
    if (files === 0) continue;
    if (!schemaCreated) await trino.query(createSchemaSql(target));
    schemaCreated = true;
    await trino.query(createChangeLogTableSql(target, table, `s3://${bucket}/${folder}`));
    await trino.query(syncChangeLogPartitionsSql(target, table));
    await trino.query(createCurrentStateViewSql(target, table));
    done.push({ table, changeLog: changeLogTableName(table), view: currentStateViewName(table), files });
  }
  return done;
}
