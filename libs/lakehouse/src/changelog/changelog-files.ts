/**
 * Where change-log files go and what they are called. A file's name comes from the source partition and the first
 * and last positions it covers (the Kafka Connect S3 sink's scheme), so writing the same changes again overwrites
 * the same object: a retry or a replay after a crash never adds a second copy.
 */
import { isShopTableName, toEpochMicros } from '@ecom/domain';
import { LakehouseError } from '../errors.js';

/**
 * The default folder of the change logs in the bucket: `<prefix>/<table>/event_date=YYYY-MM-DD/`. Not under the
 * snapshot export's `data_postgres/<table>/`, whose `--clear-bucket` deletes every stray file there.
 *
 * @example
 * DEFAULT_CHANGE_LOG_PREFIX; // 'changelog'
 */
export const DEFAULT_CHANGE_LOG_PREFIX = 'changelog';

/**
 * The partition column of every change log (Hive layout, the UTC day of the change's commit time).
 *
 * @example
 * CHANGE_LOG_PARTITION; // 'event_date'
 */
export const CHANGE_LOG_PARTITION = 'event_date';

/**
 * A position in a source partition: a Kafka offset (index 0), or a pgoutput commit LSN and the change's index in
 * its transaction. Ordered by offset, then index.
 *
 * @example
 * const at: ChangeLogPosition = { offset: '23803720', index: 2 };
 */
export interface ChangeLogPosition {
  /** A non-negative integer, as decimal text. */
  readonly offset: string;
  readonly index: number;
}

const PREFIX = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The folder of a table's change log: `<prefix>/<table>/`.
 *
 * @throws {@link LakehouseError} `INVALID_PREFIX`, `UNKNOWN_TABLE`.
 *
 * @example
 * changeLogFolder('changelog', 'orders'); // 'changelog/orders/'
 */
export function changeLogFolder(prefix: string, table: string): string {
  if (!PREFIX.test(prefix))
    throw new LakehouseError(
      'INVALID_PREFIX',
      `change-log prefix ${JSON.stringify(prefix)} is not a folder path`,
    );
  if (!isShopTableName(table))
    throw new LakehouseError('UNKNOWN_TABLE', `${JSON.stringify(table)} is not a shop table`);
  return `${prefix}/${table}/`;
}

/**
 * The `event_date` of a change: the UTC day of its commit time (ISO text with a zone, `Date`, or epoch µs).
 *
 * @throws {@link LakehouseError} `INVALID_EVENT_TIME` for anything else.
 *
 * @example
 * changeLogEventDate('2026-12-04T23:30:00+07:00'); // '2026-12-04'
 * changeLogEventDate(1_764_892_800_000_000n); // '2025-12-05'
 */
export function changeLogEventDate(ts: string | Date | bigint): string {
  let micros: number;
  try {
    micros = typeof ts === 'bigint' ? Number(ts) : toEpochMicros(ts);
  } catch (e) {
    throw new LakehouseError(
      'INVALID_EVENT_TIME',
      `${String(ts)} is not a timestamp: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
  const day = new Date(Math.floor(micros / 1000));
  if (Number.isNaN(day.getTime()) || !DAY.test(day.toISOString().slice(0, 10)))
    throw new LakehouseError('INVALID_EVENT_TIME', `${String(ts)} is outside years 0000–9999`);
  return day.toISOString().slice(0, 10);
}

const position = (p: ChangeLogPosition): string => {
  if (!/^\d{1,20}$/.test(p.offset) || !Number.isSafeInteger(p.index) || p.index < 0)
    throw new LakehouseError('INVALID_BATCH_ID', `${JSON.stringify(p)} is not a source position`);
  return `${p.offset}_${p.index}`;
};

/**
 * The source partition as a file-name part: every character but `A-Z a-z 0-9 _ . -` becomes `_`
 * (`pgoutput:ecom_lake/0` → `pgoutput_ecom_lake_0`): no `:` or `/` in Hive paths.
 *
 * @example
 * sourcePartitionSlug('ecommerce-cdc.public.orders/2'); // 'ecommerce-cdc.public.orders_2'
 */
export function sourcePartitionSlug(sourcePartition: string): string {
  if (sourcePartition.length === 0 || sourcePartition.length > 200)
    throw new LakehouseError(
      'INVALID_BATCH_ID',
      `source partition ${JSON.stringify(sourcePartition)}: 1–200 characters`,
    );
  return sourcePartition.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * The object key of one change-log file:
 * `<prefix>/<table>/event_date=<day>/part-<source partition>-<first offset>_<index>-<last offset>_<index>.parquet`.
 * The same changes always get the same key, so a rewrite replaces the object instead of adding one.
 *
 * @throws {@link LakehouseError} `INVALID_PREFIX`, `UNKNOWN_TABLE`, `INVALID_EVENT_TIME` (a day that is not
 * `YYYY-MM-DD`) or `INVALID_BATCH_ID` (a bad partition or position, or `last` before `first`).
 *
 * @example
 * changeLogFileKey({
 *   prefix: 'changelog', table: 'orders', eventDate: '2026-12-04', sourcePartition: 'pgoutput:ecom_lake/0',
 *   first: { offset: '23803720', index: 0 }, last: { offset: '23806112', index: 3 },
 * });
 * // 'changelog/orders/event_date=2026-12-04/part-pgoutput_ecom_lake_0-23803720_0-23806112_3.parquet'
 */
export function changeLogFileKey(input: {
  readonly prefix: string;
  readonly table: string;
  readonly eventDate: string;
  readonly sourcePartition: string;
  readonly first: ChangeLogPosition;
  readonly last: ChangeLogPosition;
}): string {
  const { prefix, table, eventDate, sourcePartition, first, last } = input;
  if (!DAY.test(eventDate))
    throw new LakehouseError(
      'INVALID_EVENT_TIME',
      `event_date ${JSON.stringify(eventDate)} is not YYYY-MM-DD`,
    );
  const from = position(first);
  const to = position(last);
  if (compareChangeLogPositions(first, last) > 0)
    throw new LakehouseError('INVALID_BATCH_ID', `last position ${to} is before the first ${from}`);
  return `${changeLogFolder(prefix, table)}${CHANGE_LOG_PARTITION}=${eventDate}/part-${sourcePartitionSlug(sourcePartition)}-${from}-${to}.parquet`;
}

/**
 * Orders two positions of one source partition (offset, then index): negative, 0 or positive.
 *
 * @example
 * compareChangeLogPositions({ offset: '9', index: 0 }, { offset: '10', index: 0 }); // < 0
 */
export function compareChangeLogPositions(a: ChangeLogPosition, b: ChangeLogPosition): number {
  const x = BigInt(a.offset);
  const y = BigInt(b.offset);
  if (x !== y) return x < y ? -1 : 1;
  return a.index - b.index;
}
