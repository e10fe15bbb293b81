import type { ShopTableName } from '@ecom/domain';
import { LakehouseError } from '../errors.js';
import { toLakeBatch } from '../lake-batch.js';
import type { ObjectStore } from '../object-store.js';
import { DEFAULT_ROW_GROUP_ROWS, type ParquetFileWriter } from '../parquet-writer.js';
import { manifestKey, snapshotFileKey, type SnapshotManifest } from '../snapshots.js';
import { lakePartitionKey, lakePartitionValue } from '../table-layout.js';
import { defaultParquetWriter } from '../write-shop-parquet.js';

type Row = Readonly<Record<string, unknown>>;

/** Where the time of one table export went (milliseconds). */
export interface ExportTimings {
  /** Waiting for the next batch of rows from the source (Postgres). */
  sourceMs: number;
  /** Converting and encoding Parquet (`toLakeBatch` + the writer). */
  encodeMs: number;
  /** Uploading files and the manifest. */
  uploadMs: number;
}

/** Input of {@link exportTableSnapshot}. */
export interface ExportTableSnapshotInput {
  readonly table: ShopTableName;
  /** The table's rows, batch by batch (a cursor on Postgres), in a stable order. */
  readonly batches: AsyncIterable<readonly Row[]>;
  readonly store: ObjectStore;
  readonly prefix: string;
  readonly snapshotId: string;
  readonly writer?: ParquetFileWriter;
  /** Rows per data file at most (default 250 000, one row group). */
  readonly fileRows?: number;
  /** Rows held in memory across partitions before the largest partition is written out (default `fileRows`). */
  readonly maxBufferedRows?: number;
  /** The clock for `committedAt` (default `Date.now`). */
  readonly now?: () => number;
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new LakehouseError('INVALID_OPTION', `${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Writes one table's rows as a new snapshot: Parquet files under `<prefix>/<table>/snapshot=<id>/` (Hive
 * partitions for orders and customer events), then the manifest `<prefix>/<table>/_snapshots/<id>.json` last,
 * as the commit marker. Rows stream through bounded buffers (one per partition, at most `maxBufferedRows` in
 * all), so a table never has to fit in memory. A failure leaves an uncommitted folder that nothing reads.
 *
 * @throws {@link LakehouseError} `INVALID_VALUE` (row and column named), `STORE_FAILED` (the key named).
 *
 * @example
 * declare const batches: AsyncIterable<Record<string, unknown>[]>; // ShopRowSource.readTable('products', 50_000)
 * declare const store: ObjectStore;
 * const { manifest } = await exportTableSnapshot({ table: 'products', batches, store, prefix: 'data_postgres',
 *   snapshotId: 's20261204012000000_ab12' });
 * manifest.rows; // every product
 */
export async function exportTableSnapshot(
  input: ExportTableSnapshotInput,
): Promise<{ manifest: SnapshotManifest; timings: ExportTimings }> {
  const { table, store, prefix, snapshotId, writer = defaultParquetWriter, now = Date.now } = input;
  const fileRows = positive('fileRows', input.fileRows ?? DEFAULT_ROW_GROUP_ROWS);
  const maxBuffered = positive('maxBufferedRows', input.maxBufferedRows ?? fileRows);
  const key = lakePartitionKey(table);
  const timings: ExportTimings = { sourceMs: 0, encodeMs: 0, uploadMs: 0 };
  const buffers = new Map<string | null, Row[]>();
  const files: { key: string; rows: number }[] = [];
  let buffered = 0;
  let total = 0;

  const put = async (objectKey: string, body: Uint8Array, contentType?: string) => {
    const started = performance.now();
    try {
      await store.put(objectKey, body, contentType ? { contentType } : undefined);
    } catch (e) {
      throw new LakehouseError('STORE_FAILED', `could not write ${objectKey}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    timings.uploadMs += performance.now() - started;
  };
  const flush = async (partition: string | null) => {
    const rows = buffers.get(partition);
    if (!rows?.length) return;
    buffers.delete(partition);
    buffered -= rows.length;
    const started = performance.now();
    const bytes = await writer.write(toLakeBatch(table, rows), { rowGroupRows: fileRows });
    timings.encodeMs += performance.now() - started;
    const fileKey = snapshotFileKey({
      prefix,
      table,
      snapshotId,
      partition: key && partition !== null ? { name: key.name, value: partition } : null,
      part: files.length,
    });
    await put(fileKey, bytes);
    files.push({ key: fileKey, rows: rows.length });
  };
  const largest = (): string | null => {
    let best: string | null = null;
    let size = -1;
    for (const [p, rows] of buffers) if (rows.length > size) [best, size] = [p, rows.length];
    return best;
  };

  const iterator = input.batches[Symbol.asyncIterator]();
  for (;;) {
    const started = performance.now();
    const next = await iterator.next();
    timings.sourceMs += performance.now() - started;
    if (next.done) break;
    for (const row of next.value) {
      const partition = key ? lakePartitionValue(key, row) : null;
      let rows = buffers.get(partition);
      if (!rows) buffers.set(partition, (rows = []));
      rows.push(row);
      buffered++;
      total++;
      if (rows.length >= fileRows) await flush(partition);
      else if (buffered >= maxBuffered) await flush(largest());
    }
  }
  for (const partition of [...buffers.keys()]) await flush(partition);

  const manifest: SnapshotManifest = {
    format: 1,
    table,
    snapshotId,
    committedAt: new Date(now()).toISOString(),
    rows: total,
    partitionColumn: key?.name ?? null,
    files,
  };
  const body = new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n');
  await put(manifestKey({ prefix, table, snapshotId }), body, 'application/json');
  return { manifest, timings };
}
