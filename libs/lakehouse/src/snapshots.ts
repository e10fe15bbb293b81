import { LakehouseError } from './errors.js';

/** The original's lake prefix: every table under `data_postgres/<table>/`. */
export const DEFAULT_LAKE_PREFIX = 'data_postgres';

const SNAPSHOT_ID = /^s(\d{17})_([0-9a-f]{4})$/;

/**
 * A new snapshot id: `s<UTC yyyyMMddHHmmssSSS>_<4 hex>`. Ids sort by their time, are valid in folder names
 * (`snapshot=<id>`) and in unquoted Trino table names.
 *
 * @example
 * newSnapshotId(Date.UTC(2026, 11, 4, 1, 20), 0xab12); // 's20261204012000000_ab12'
 */
export function newSnapshotId(nowMs: number, random16: number): string {
  const iso = new Date(nowMs).toISOString(); // 2026-12-04T01:20:00.000Z
  const digits = iso.replace(/[-:TZ.]/g, '');
  return `s${digits}_${(random16 & 0xffff).toString(16).padStart(4, '0')}`;
}

/**
 * The time (epoch ms) in a snapshot id.
 *
 * @throws {@link LakehouseError} `INVALID_SNAPSHOT_ID` for anything {@link newSnapshotId} does not make.
 *
 * @example
 * snapshotTimeMs('s20261204012000000_ab12'); // Date.UTC(2026, 11, 4, 1, 20)
 */
export function snapshotTimeMs(snapshotId: string): number {
  const m = SNAPSHOT_ID.exec(snapshotId);
  if (!m) {
    throw new LakehouseError(
      'INVALID_SNAPSHOT_ID',
      `${JSON.stringify(snapshotId)} is not a snapshot id (${SNAPSHOT_ID})`,
    );
  }
  const d = m[1]!;
  const at = (from: number, to: number) => Number(d.slice(from, to));
  return Date.UTC(at(0, 4), at(4, 6) - 1, at(6, 8), at(8, 10), at(10, 12), at(12, 14), at(14, 17));
}

/** Where one table's snapshot lives in the lake. */
export interface SnapshotRef {
  /** The lake prefix (default {@link DEFAULT_LAKE_PREFIX}). */
  readonly prefix: string;
  readonly table: string;
  readonly snapshotId: string;
}

const clean = (prefix: string) => prefix.replace(/^\/+|\/+$/g, '');

/**
 * The folder of everything one table keeps in the lake: `<prefix>/<table>/`.
 *
 * @example
 * tableFolder('data_postgres', 'orders'); // 'data_postgres/orders/'
 */
export function tableFolder(prefix: string, table: string): string {
  const p = clean(prefix);
  return `${p ? `${p}/` : ''}${table}/`;
}

/**
 * The folder of one snapshot's data files (the Trino table location): `<prefix>/<table>/snapshot=<id>/`.
 *
 * @example
 * snapshotFolder({ prefix: 'data_postgres', table: 'orders', snapshotId: 's20261204012000000_ab12' });
 * // 'data_postgres/orders/snapshot=s20261204012000000_ab12/'
 */
export function snapshotFolder(ref: SnapshotRef): string {
  snapshotTimeMs(ref.snapshotId);
  return `${tableFolder(ref.prefix, ref.table)}snapshot=${ref.snapshotId}/`;
}

/**
 * The key of one data file of a snapshot: `<snapshot folder>[<partition>=<value>/]part-<5 digits>.parquet`.
 *
 * @example
 * snapshotFileKey({ prefix: 'data_postgres', table: 'orders', snapshotId: 's20261204012000000_ab12',
 *   partition: { name: 'order_month', value: '2026-11' }, part: 3 });
 * // 'data_postgres/orders/snapshot=s20261204012000000_ab12/order_month=2026-11/part-00003.parquet'
 */
export function snapshotFileKey(
  input: SnapshotRef & { partition: { name: string; value: string } | null; part: number },
): string {
  const partition = input.partition ? `${input.partition.name}=${input.partition.value}/` : '';
  return `${snapshotFolder(input)}${partition}part-${String(input.part).padStart(5, '0')}.parquet`;
}

/**
 * The key of a snapshot's manifest, its commit marker: `<prefix>/<table>/_snapshots/<id>.json`. It is written
 * after every data file, so a snapshot without one is unfinished and never registered.
 *
 * @example
 * manifestKey({ prefix: 'data_postgres', table: 'orders', snapshotId: 's20261204012000000_ab12' });
 * // 'data_postgres/orders/_snapshots/s20261204012000000_ab12.json'
 */
export function manifestKey(ref: SnapshotRef): string {
  snapshotTimeMs(ref.snapshotId);
  return `${tableFolder(ref.prefix, ref.table)}_snapshots/${ref.snapshotId}.json`;
}

/** A committed snapshot: which files hold which rows. */
export interface SnapshotManifest {
  readonly format: 1;
  readonly table: string;
  readonly snapshotId: string;
  /** ISO time at which the snapshot was committed (its manifest written). */
  readonly committedAt: string;
  /** Rows in the snapshot, all files together. */
  readonly rows: number;
  /** The Hive partition column, or `null`. */
  readonly partitionColumn: string | null;
  readonly files: readonly { readonly key: string; readonly rows: number }[];
}

/**
 * Parses a manifest's bytes, checking its shape.
 *
 * @throws {@link LakehouseError} `INVALID_MANIFEST` naming the key and what is wrong.
 *
 * @example
 * declare const bytes: Uint8Array; // from ObjectStore.get(manifestKey(...))
 * const m = parseManifest('data_postgres/products/_snapshots/s20261204012000000_ab12.json', bytes);
 * m.rows; // e.g. 1000
 */
export function parseManifest(key: string, bytes: Uint8Array): SnapshotManifest {
  let m: Partial<SnapshotManifest>;
  try {
    m = JSON.parse(new TextDecoder().decode(bytes)) as Partial<SnapshotManifest>;
  } catch (e) {
    throw new LakehouseError('INVALID_MANIFEST', `manifest ${key} is not JSON: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const ok =
    m.format === 1 &&
    typeof m.table === 'string' &&
    typeof m.snapshotId === 'string' &&
    SNAPSHOT_ID.test(m.snapshotId) &&
    typeof m.committedAt === 'string' &&
    Number.isSafeInteger(m.rows) &&
    (m.partitionColumn === null || typeof m.partitionColumn === 'string') &&
    Array.isArray(m.files) &&
    m.files.every((f) => typeof f?.key === 'string' && Number.isSafeInteger(f.rows));
  if (!ok)
    throw new LakehouseError('INVALID_MANIFEST', `manifest ${key} is not a format-1 snapshot manifest`);
  return m as SnapshotManifest;
}
