import { LakehouseError } from './errors.js';

/** How finely lake files are partitioned by event time. */
export type PartitionGranularity = 'day' | 'hour';

/** The Hive partition a row belongs to, from its event time (UTC). */
export interface HivePartition {
  /** Table folder name, e.g. `orders`. */
  readonly table: string;
  /** `YYYY-MM-DD` in UTC. */
  readonly dt: string;
  /** `00`–`23` in UTC, present when the granularity is `hour`. */
  readonly hour?: string;
  /** Folder path relative to the lake prefix, ending with `/`: `orders/dt=2026-11-25/hour=07/`. */
  readonly path: string;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,127}$/;
/** Years 0000–9999: the range a `dt=YYYY-MM-DD` folder can name. */
const MIN_EVENT_TIME_MS = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const MAX_EVENT_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Computes the Hive-style partition (`<table>/dt=YYYY-MM-DD[/hour=HH]/`) for an event time.
 *
 * @remarks
 * Partitions follow EVENT time in UTC, never the wall clock of the writer, so re-exporting the same rows
 * always lands them in the same folders. Table names are lower-case SQL identifiers, because Trino
 * lower-cases unquoted names and a mixed-case folder would be unreadable from SQL.
 *
 * @example
 * hivePartition({ table: 'orders', eventTimeMs: Date.UTC(2026, 10, 25, 7, 30) });
 * // → { table: 'orders', dt: '2026-11-25', hour: '07', path: 'orders/dt=2026-11-25/hour=07/' }
 *
 * hivePartition({ table: 'orders', eventTimeMs: Date.UTC(2026, 10, 25), granularity: 'day' }).path;
 * // → 'orders/dt=2026-11-25/'
 */
export function hivePartition(input: {
  table: string;
  eventTimeMs: number;
  granularity?: PartitionGranularity;
}): HivePartition {
  const { table, eventTimeMs, granularity = 'hour' } = input;
  if (!TABLE_NAME.test(table)) {
    throw new LakehouseError(
      'INVALID_TABLE_NAME',
      `table name ${JSON.stringify(table)} must be a lower-case SQL identifier matching ${TABLE_NAME}`,
    );
  }
  if (
    !Number.isSafeInteger(eventTimeMs) ||
    eventTimeMs < MIN_EVENT_TIME_MS ||
    eventTimeMs > MAX_EVENT_TIME_MS
  ) {
    throw new LakehouseError(
      'INVALID_EVENT_TIME',
      `eventTimeMs must be an integer number of milliseconds since the epoch within years 0000-9999, got ${String(eventTimeMs)}`,
    );
  }
  const iso = new Date(eventTimeMs).toISOString();
  const dt = iso.slice(0, 10);
  if (granularity === 'day') return { table, dt, path: `${table}/dt=${dt}/` };
  const hour = iso.slice(11, 13);
  return { table, dt, hour, path: `${table}/dt=${dt}/hour=${hour}/` };
}

const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * The object key of one Parquet data file: `<prefix>/<partition path>part-<batchId>.parquet`.
 *
 * @remarks
 * The file name comes from the caller's batch id (for example the Kafka partition and first offset of the
 * batch), not from a random UUID. Writing the same batch twice therefore overwrites one object instead of
 * leaving a duplicate beside it: the original project's export appended new random files on every run and
 * Trino read them all, double counting rows.
 *
 * @example
 * const p = hivePartition({ table: 'orders', eventTimeMs: Date.UTC(2026, 10, 25, 7) });
 * dataFileKey({ prefix: 'lake', partition: p, batchId: 'p0-o1200' });
 * // → 'lake/orders/dt=2026-11-25/hour=07/part-p0-o1200.parquet'
 */
export function dataFileKey(input: { prefix?: string; partition: HivePartition; batchId: string }): string {
  const { prefix = '', partition, batchId } = input;
  if (!BATCH_ID.test(batchId)) {
    throw new LakehouseError(
      'INVALID_BATCH_ID',
      `batchId ${JSON.stringify(batchId)} must match ${BATCH_ID} (letters, digits, '.', '_', '-')`,
    );
  }
  const cleanPrefix = prefix.replace(/^\/+|\/+$/g, '');
  if (cleanPrefix.split('/').some((part) => part === '..' || part === '.')) {
    throw new LakehouseError(
      'INVALID_PREFIX',
      `prefix ${JSON.stringify(prefix)} must not contain '.' or '..' parts`,
    );
  }
  return `${cleanPrefix ? `${cleanPrefix}/` : ''}${partition.path}part-${batchId}.parquet`;
}
