import { isShopTableName, toEpochMicros, type ShopTableName } from '@ecom/domain';
import { LakehouseError } from './errors.js';

/**
 * The Hive partition column of a lake table: its name, the event-time column it comes from and how finely it cuts.
 * `order_month=YYYY-MM` for orders and `event_date=YYYY-MM-DD` for customer events (the original's layout); the
 * other shop tables are small and unpartitioned.
 */
export interface LakePartitionKey {
  /** The Hive partition column (a VARCHAR in Trino, not stored in the data files). */
  readonly name: string;
  /** The timestamptz column whose UTC value names the partition. */
  readonly sourceColumn: string;
  /** `month` → `YYYY-MM`, `day` → `YYYY-MM-DD` (UTC). */
  readonly unit: 'month' | 'day';
}

const PARTITION_KEYS: Partial<Record<ShopTableName, LakePartitionKey>> = {
  orders: { name: 'order_month', sourceColumn: 'order_date', unit: 'month' },
  customer_events: { name: 'event_date', sourceColumn: 'event_time', unit: 'day' },
};

/**
 * The partition column of a shop table in the lake, or `null` when the table is not partitioned.
 *
 * @throws {@link LakehouseError} `UNKNOWN_TABLE` for a name that is not a shop table.
 *
 * @example
 * lakePartitionKey('orders'); // { name: 'order_month', sourceColumn: 'order_date', unit: 'month' }
 * lakePartitionKey('products'); // null
 */
export function lakePartitionKey(table: string): LakePartitionKey | null {
  if (!isShopTableName(table)) {
    throw new LakehouseError('UNKNOWN_TABLE', `${JSON.stringify(table)} is not a shop table`);
  }
  return PARTITION_KEYS[table] ?? null;
}

/**
 * The partition value of one row: the UTC month or day of its event-time column, so that exporting the same row
 * again lands it in the same folder.
 *
 * @throws {@link LakehouseError} `INVALID_VALUE` when the event time is missing or not a timestamp.
 *
 * @example
 * const key = lakePartitionKey('orders')!;
 * lakePartitionValue(key, { order_date: '2026-11-30T23:59:59.999999-01:00' }); // '2026-12'
 */
export function lakePartitionValue(key: LakePartitionKey, row: Readonly<Record<string, unknown>>): string {
  const value = row[key.sourceColumn];
  let micros: number;
  try {
    if (!(value instanceof Date) && typeof value !== 'string')
      throw new TypeError('not a Date or ISO string');
    micros = toEpochMicros(value);
  } catch (e) {
    throw new LakehouseError(
      'INVALID_VALUE',
      `column ${key.sourceColumn} (partition ${key.name}): ${JSON.stringify(value)} is not a timestamp: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const iso = new Date(Math.floor(micros / 1000)).toISOString();
  return key.unit === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}
