/**
 * The `lake` command line: `export` and `register`. Pure apart from the injected services, so specs can run it
 * in-process; `main.ts` wires it to pg, minio and presto-client.
 */
import { parseArgs } from 'node:util';
import { SHOP_TABLE_NAMES, isShopTableName, type ShopTableName } from '@ecom/domain';
import { LakehouseError } from '../errors.js';
import { exportTableSnapshot } from '../export/export-table-snapshot.js';
import type { ShopRowSource } from '../export/shop-row-source.js';
import type { ObjectStore } from '../object-store.js';
import { collectSnapshotGarbage } from '../register/collect-snapshot-garbage.js';
import { registerChangeLogTables } from '../register/register-changelog-tables.js';
import { registerLakeTables } from '../register/register-lake-tables.js';
import { newSnapshotId, snapshotFolder, snapshotTimeMs, tableFolder } from '../snapshots.js';
import type { TrinoQueryPort } from '../trino-port.js';
import { loadLakeConfig, type LakeConfig } from './lake-config.js';
import { runMartsCommand } from './marts-command.js';

/** The infrastructure a `lake` run uses, built from its config (by `main.ts`, or by a spec). */
export interface LakeServices {
  readonly store: ObjectStore;
  /** Throws `STORE_FAILED` naming endpoint and bucket when the bucket cannot be reached or does not exist. */
  checkStore(): Promise<void>;
  readonly trino: TrinoQueryPort;
  /** Opens one consistent read of Postgres; throws `POSTGRES_FAILED` when it cannot connect. */
  openSource(): Promise<ShopRowSource>;
}

/**
 * The process pieces of the CLI.
 *
 * @example
 * declare const services: (config: LakeConfig) => LakeServices; // lake-services.ts on the real stack
 * const out: string[] = [];
 * const io: LakeCliIo = { env: process.env, stdout: (t) => out.push(t), stderr: (t) => out.push(t), services };
 */
export interface LakeCliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  services(config: LakeConfig): LakeServices;
  /** Clock and randomness of the snapshot ids (default `Date.now` and `Math.random`). */
  now?(): number;
  random16?(): number;
}

/**
 * Help text of the CLI.
 *
 * @example
 * console.log(LAKE_USAGE);
 */
export const LAKE_USAGE = `usage:
  lake export [--tables t1,t2,…] [--clear-bucket]   Postgres → a new Parquet snapshot per table on S3, then register
  lake register [--tables t1,t2,…] [--clear-bucket] point each Trino view at its newest committed snapshot
  lake register --changelog [--tables t1,t2,…]      register only the change logs (tables without one are skipped)
  lake marts build [--date YYYY-MM-DD] [--marts m1,…] build the marts in Trino for one analysis date (default today)
tables: ${SHOP_TABLE_NAMES.join(', ')} (default: all)
--clear-bucket: after the swap, delete every other snapshot and stray file under <prefix>/<table>/ at once
LAKE_DIR: a lake on local disk instead of S3 (export only: snapshots and manifests for DuckDB; no Trino)
env: LAKE_DATABASE_URL (or DATABASE_URL), LAKE_DIR, LAKE_S3_ENDPOINT, LAKE_S3_ACCESS_KEY, LAKE_S3_SECRET_KEY, LAKE_S3_BUCKET,
  LAKE_PREFIX, LAKE_CHANGELOG_PREFIX, TRINO_URL, LAKE_TRINO_CATALOG, LAKE_TRINO_SCHEMA, LAKE_SNAPSHOT_GRACE_MINUTES, LAKE_FETCH_ROWS, LAKE_FILE_ROWS,
  LAKE_MARTS_SCHEMA, LAKE_MARTS_PREFIX, LAKE_SHOP_TIME_ZONE`;

function parseTables(values: readonly string[] | undefined): ShopTableName[] {
  if (!values?.length) return [...SHOP_TABLE_NAMES];
  const names = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!isShopTableName(name)) {
      throw new LakehouseError(
        'UNKNOWN_TABLE',
        `${JSON.stringify(name)} is not a shop table (tables: ${SHOP_TABLE_NAMES.join(', ')})`,
      );
    }
  }
  return SHOP_TABLE_NAMES.filter((t) => names.includes(t));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function exportTables(
  tables: readonly ShopTableName[],
  config: LakeConfig,
  services: LakeServices,
  io: LakeCliIo,
): Promise<void> {
  // Every service checked before anything is written: a bad bucket or a Trino that is down fails the run at once.
  await services.checkStore();
  if (config.dir === null) await services.trino.query('SELECT 1');
  const source = await services.openSource();
  const snapshotId = newSnapshotId(
    (io.now ?? Date.now)(),
    io.random16?.() ?? Math.floor(Math.random() * 0x10000),
  );
  try {
    for (const table of tables) {
      const { manifest, timings } = await exportTableSnapshot({
        table,
        batches: source.readTable(table, config.fetchRows),
        store: services.store,
        prefix: config.prefix,
        snapshotId,
        fileRows: config.fileRows,
        ...(io.now ? { now: io.now } : {}),
      });
      const folder = snapshotFolder({ prefix: config.prefix, table, snapshotId });
      const where = config.dir === null ? `s3://${config.s3.bucket}/${folder}` : `${config.dir}/${folder}`;
      if (config.dir !== null) await pruneLocalSnapshots(table, snapshotId, config, services, io);
      io.stdout(
        `exported ${table}: ${manifest.rows} rows in ${manifest.files.length} file(s) to ${where} ` +
          `(postgres ${seconds(timings.sourceMs)}, encode ${seconds(timings.encodeMs)}, upload ${seconds(timings.uploadMs)})\n`,
      );
    }
  } finally {
    await source.close();
  }
}

/**
 * A lake on local disk has no Trino view to swap: the newest committed snapshot is the current one, and the older
 * ones go once superseded for longer than the grace period (LAKE_SNAPSHOT_GRACE_MINUTES), as `register` does on S3.
 */
async function pruneLocalSnapshots(
  table: ShopTableName,
  current: string,
  config: LakeConfig,
  services: LakeServices,
  io: LakeCliIo,
): Promise<void> {
  const keys = await services.store.list(tableFolder(config.prefix, table));
  const nowMs = (io.now ?? Date.now)();
  const older = new Set(
    keys
      .flatMap((k) => /_snapshots\/(s\d{17}_[0-9a-f]{4})\.json$/.exec(k)?.[1] ?? [])
      .filter((id) => id < current),
  );
  // Each older snapshot was superseded at the latest when its successor started (its id holds that time).
  const ids = [...older, current].sort();
  const supersededAt = new Map(ids.slice(0, -1).map((id, i) => [id, snapshotTimeMs(ids[i + 1] as string)]));
  await collectSnapshotGarbage({
    store: services.store,
    table,
    prefix: config.prefix,
    keys,
    current,
    keep: [],
    supersededAt,
    graceMs: config.graceMs,
    clear: false,
    nowMs,
  });
}

async function registerChangeLogs(
  tables: readonly ShopTableName[],
  config: LakeConfig,
  services: LakeServices,
  io: LakeCliIo,
): Promise<void> {
  const done = await registerChangeLogTables({
    trino: services.trino,
    store: services.store,
    bucket: config.s3.bucket,
    prefix: config.changeLogPrefix,
    target: { catalog: config.trino.catalog, schema: config.trino.schema },
    tables,
  });
  const where = `${config.trino.catalog}.${config.trino.schema}`;
  for (const t of done)
    io.stdout(
      `registered change log ${where}.${t.changeLog} (${t.files} file(s)) and view ${where}.${t.view}\n`,
    );
}

async function register(
  tables: readonly ShopTableName[],
  clear: boolean,
  config: LakeConfig,
  services: LakeServices,
  io: LakeCliIo,
): Promise<void> {
  const done = await registerLakeTables({
    trino: services.trino,
    store: services.store,
    bucket: config.s3.bucket,
    prefix: config.prefix,
    target: { catalog: config.trino.catalog, schema: config.trino.schema },
    tables,
    graceMs: config.graceMs,
    clear,
    ...(io.now ? { now: io.now } : {}),
  });
  for (const t of done) {
    const removed = t.removedSnapshots.length ? `; removed snapshot(s) ${t.removedSnapshots.join(', ')}` : '';
    io.stdout(
      `registered ${config.trino.catalog}.${config.trino.schema}.${t.table} → snapshot ${t.snapshotId} (${t.rows} rows)${removed}\n`,
    );
  }
}

/**
 * Runs the CLI and resolves to the exit code: 0 done, 1 a service failed, 2 bad usage or input. Errors go to
 * stderr as `lake <command>: <CODE>: <message>`.
 *
 * @example
 * declare const io: LakeCliIo;
 * const code = await runLakeCli(['export', '--tables', 'orders,customers'], io);
 */
export async function runLakeCli(argv: readonly string[], io: LakeCliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(LAKE_USAGE + '\n');
    return command === undefined ? 2 : 0;
  }
  try {
    if (command === 'marts') {
      const config = loadLakeConfig(io.env);
      if (config.dir !== null)
        throw new LakehouseError('USAGE', 'marts need S3 and Trino: LAKE_DIR is a lake on local disk');
      const services = io.services(config);
      await runMartsCommand(rest, config, {
        trino: services.trino,
        store: services.store,
        checkStore: () => services.checkStore(),
        stdout: io.stdout,
        ...(io.now ? { now: io.now } : {}),
      });
      return 0;
    }
    if (command !== 'export' && command !== 'register') {
      throw new LakehouseError('USAGE', `unknown command ${JSON.stringify(command)}\n${LAKE_USAGE}`);
    }
    let values: { tables?: string[]; 'clear-bucket'?: boolean; changelog?: boolean };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: [...rest],
        options: {
          tables: { type: 'string', multiple: true },
          'clear-bucket': { type: 'boolean' },
          changelog: { type: 'boolean' },
        },
        strict: true,
        allowPositionals: true,
      }));
    } catch (e) {
      throw new LakehouseError('USAGE', `${(e as Error).message}\n${LAKE_USAGE}`);
    }
    if (values.changelog && command !== 'register')
      throw new LakehouseError('USAGE', `--changelog is an option of register\n${LAKE_USAGE}`);
    // `--tables a,b`, `--tables a --tables b` and `--tables a b` all name tables a and b.
    const tables = parseTables([...(values.tables ?? []), ...positionals]);
    const config = loadLakeConfig(io.env);
    const services = io.services(config);
    if (config.dir !== null && command === 'register')
      throw new LakehouseError(
        'USAGE',
        'register needs S3 and Trino: LAKE_DIR is a lake on local disk (read it with DuckDB)',
      );
    if (command === 'export') await exportTables(tables, config, services, io);
    if (config.dir === null && !values.changelog)
      await register(tables, values['clear-bucket'] ?? false, config, services, io);
    if (config.dir === null && command === 'register') await registerChangeLogs(tables, config, services, io);
    return 0;
  } catch (e) {
    const err =
      e instanceof LakehouseError
        ? e
        : new LakehouseError('USAGE', (e as Error).message ?? String(e), { cause: e });
    io.stderr(`lake ${command}: ${err.code}: ${err.message}\n`);
    const badInput = [
      'USAGE',
      'UNKNOWN_TABLE',
      'UNKNOWN_MART',
      'INVALID_OPTION',
      'INVALID_CONFIG',
      'INVALID_VALUE',
    ].includes(err.code);
    return badInput ? 2 : 1;
  }
}
