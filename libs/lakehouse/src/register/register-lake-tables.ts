import type { ShopTableName } from '@ecom/domain';
import { LakehouseError } from '../errors.js';
import type { ObjectStore } from '../object-store.js';
import { parseManifest, snapshotFolder, tableFolder, type SnapshotManifest } from '../snapshots.js';
import type { TrinoQueryPort } from '../trino-port.js';
import { lakePartitionKey } from '../table-layout.js';
import { collectSnapshotGarbage } from './collect-snapshot-garbage.js';
import {
  countSql,
  createSchemaSql,
  createSnapshotTableSql,
  createViewSql,
  syncPartitionsSql,
  type TrinoTarget,
} from './trino-ddl.js';

/** Input of {@link registerLakeTables}. */
export interface RegisterLakeTablesInput {
  readonly trino: TrinoQueryPort;
  readonly store: ObjectStore;
  /** The bucket the store writes to (Trino reads `s3://<bucket>/…`). */
  readonly bucket: string;
  readonly prefix: string;
  readonly target: TrinoTarget;
  readonly tables: readonly ShopTableName[];
  /** How long a superseded snapshot stays readable for queries that started before the swap. */
  readonly graceMs: number;
  /** Delete every other snapshot and any stray file under the tables' folders right after the swap. */
  readonly clear?: boolean;
  readonly now?: () => number;
}

/** What {@link registerLakeTables} did for one table. */
export interface RegisteredTable {
  readonly table: ShopTableName;
  /** The snapshot the view now reads. */
  readonly snapshotId: string;
  readonly rows: number;
  /** Snapshots whose table and files were removed. */
  readonly removedSnapshots: readonly string[];
  /** Objects deleted (data files, manifests, stray files). */
  readonly removedObjects: number;
}

const MANIFEST = /\/_snapshots\/(s\d{17}_[0-9a-f]{4})\.json$/;
const VIEW_TARGET = /__(s\d{17}_[0-9a-f]{4})"?\s*$/;

async function storeCall<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof LakehouseError) throw e;
    throw new LakehouseError('STORE_FAILED', `could not ${what}: ${(e as Error).message}`, { cause: e });
  }
}

/** The snapshot a table's view reads now, or `null` (no view yet). */
async function currentViewTarget(input: RegisterLakeTablesInput, table: string): Promise<string | null> {
  const { catalog, schema } = input.target;
  const rows = await input.trino.query(
    `SELECT view_definition FROM "${catalog}".information_schema.views WHERE table_schema = '${schema}' AND table_name = '${table}'`,
  );
  const definition = rows[0]?.[0];
  return typeof definition === 'string' ? (VIEW_TARGET.exec(definition)?.[1] ?? null) : null;
}

/**
 * Points each table's Trino view at its newest committed snapshot: creates (or repairs) the schema, the snapshot's
 * external table typed from `lakeSchema`, its partitions (`system.sync_partition_metadata`), checks that Trino
 * counts the manifest's rows, and only then replaces the view, in one statement. Afterwards superseded snapshots
 * older than the grace period (and unfinished ones) are dropped and deleted. Nobody types DDL.
 *
 * @throws {@link LakehouseError} `NO_SNAPSHOT` (nothing exported yet), `SNAPSHOT_INCOMPLETE` (a file missing or
 * a count mismatch: the view is left as it was), `TRINO_FAILED`, `STORE_FAILED`, `INVALID_MANIFEST`.
 *
 * @example
 * declare const trino: TrinoQueryPort;
 * declare const store: ObjectStore;
 * const done = await registerLakeTables({ trino, store, bucket: 'lake', prefix: 'data_postgres',
 *   target: { catalog: 'lake', schema: 'shop' }, tables: ['orders'], graceMs: 3_600_000 });
 * done[0]?.snapshotId; // the snapshot `lake.shop.orders` reads now
 */
export async function registerLakeTables(input: RegisterLakeTablesInput): Promise<RegisteredTable[]> {
  const { trino, store, bucket, prefix, target } = input;
  await trino.query(createSchemaSql(target));
  const done: RegisteredTable[] = [];
  for (const table of input.tables) {
    const folder = tableFolder(prefix, table);
    const keys = await storeCall(`list s3://${bucket}/${folder}`, () => store.list(folder));
    const manifests = new Map<string, string>();
    for (const key of keys) {
      const id = MANIFEST.exec(key)?.[1];
      if (id) manifests.set(id, key);
    }
    const ids = [...manifests.keys()].sort();
    const latest = ids.at(-1);
    if (latest === undefined) {
      throw new LakehouseError(
        'NO_SNAPSHOT',
        `table ${table}: no committed snapshot under s3://${bucket}/${folder} (run lake export first)`,
      );
    }
    const read = async (id: string): Promise<SnapshotManifest> => {
      const key = manifests.get(id)!;
      const bytes = await storeCall(`read s3://${bucket}/${key}`, () => store.get(key));
      if (!bytes) throw new LakehouseError('INVALID_MANIFEST', `manifest s3://${bucket}/${key} vanished`);
      return parseManifest(key, bytes);
    };
    const manifest = await read(latest);
    const present = new Set(keys);
    const missing = manifest.files.filter((f) => !present.has(f.key));
    if (missing.length) {
      throw new LakehouseError(
        'SNAPSHOT_INCOMPLETE',
        `table ${table}: snapshot ${latest} lacks ${missing.length} file(s), e.g. s3://${bucket}/${missing[0]!.key}; the view was not changed`,
      );
    }
    const location = `s3://${bucket}/${snapshotFolder({ prefix, table, snapshotId: latest })}`;
    await trino.query(createSnapshotTableSql(target, table, latest, location));
    if (lakePartitionKey(table)) await trino.query(syncPartitionsSql(target, table, latest));
    const counted = Number((await trino.query(countSql(target, table, latest)))[0]?.[0]);
    if (counted !== manifest.rows) {
      throw new LakehouseError(
        'SNAPSHOT_INCOMPLETE',
        `table ${table}: Trino counts ${counted} rows in snapshot ${latest}, its manifest says ${manifest.rows}; the view was not changed`,
      );
    }
    const previous = await currentViewTarget(input, table);
    await trino.query(createViewSql(target, table, latest));

    const committedAt = new Map<string, number>();
    for (const id of ids) committedAt.set(id, id === latest ? Date.parse(manifest.committedAt) : NaN);
    const supersededAt = new Map<string, number>();
    for (let i = 0; i < ids.length - 1; i++) {
      const next = ids[i + 1]!;
      if (Number.isNaN(committedAt.get(next)))
        committedAt.set(next, Date.parse((await read(next)).committedAt));
      supersededAt.set(ids[i]!, committedAt.get(next)!);
    }
    const garbage = await collectSnapshotGarbage({
      trino,
      store,
      target,
      table,
      prefix,
      keys,
      current: latest,
      keep: previous && previous !== latest ? [previous] : [],
      supersededAt,
      graceMs: input.graceMs,
      clear: input.clear ?? false,
      nowMs: (input.now ?? Date.now)(),
    });
    done.push({ table, snapshotId: latest, rows: manifest.rows, ...garbage });
  }
  return done;
}
