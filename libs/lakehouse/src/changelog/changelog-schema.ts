/**
 * The change-log table of a shop table: one row per captured change (insert, update, delete, snapshot read), with
 * the change's metadata and the row before and after it as flat `before_<column>` / `after_<column>` columns, typed
 * by the same column hints as the table itself (so Trino reads them with the table's own types, and prunes on them).
 */
import { getShopTable, isShopTableName, type ShopTableName } from '@ecom/domain';
import { LakehouseError } from '../errors.js';
import { lakeSchema, type LakeColumn } from '../lake-schema.js';

/** The Debezium operation codes a change log holds: create, update, delete, snapshot read. */
export type ChangeLogOp = 'c' | 'u' | 'd' | 'r';

/**
 * The metadata columns of every change log, in order, before the `before_*` and `after_*` columns.
 *
 * - `op`: `c`, `u`, `d` or `r` (a snapshot read).
 * - `ts`: the event time of the change: its commit time in the source database (UTC, µs). It names the
 *   `event_date` partition.
 * - `lsn`: the PostgreSQL LSN of the change (Debezium's `source.lsn`), when the source has one.
 * - `source_partition`, `source_offset`, `source_index`: where the change was read (a Kafka topic partition and its
 *   offset with index 0, or the pgoutput slot and the commit LSN of the transaction with the change's index in it).
 *   Unique per change, and increasing along one source partition: the position the current-state view orders by.
 *
 * @example
 * CHANGE_LOG_META_COLUMNS.map((c) => c.name); // ['op', 'ts', 'lsn', 'source_partition', 'source_offset', 'source_index']
 */
export const CHANGE_LOG_META_COLUMNS: readonly LakeColumn[] = [
  { name: 'op', type: { kind: 'string', maxLength: 1 }, nullable: false },
  { name: 'ts', type: { kind: 'timestamp_us' }, nullable: false },
  { name: 'lsn', type: { kind: 'int64' }, nullable: true },
  { name: 'source_partition', type: { kind: 'string' }, nullable: false },
  { name: 'source_offset', type: { kind: 'int64' }, nullable: false },
  { name: 'source_index', type: { kind: 'int32' }, nullable: false },
];

const checkTable = (table: string): ShopTableName => {
  if (!isShopTableName(table))
    throw new LakehouseError('UNKNOWN_TABLE', `${JSON.stringify(table)} is not a shop table`);
  return table;
};

/**
 * The lake columns of a table's change log: {@link CHANGE_LOG_META_COLUMNS}, then `before_<column>` and
 * `after_<column>` for every column of the table (all nullable: an insert has no before, a delete no after).
 *
 * @throws {@link LakehouseError} `UNKNOWN_TABLE` for a name that is not a shop table.
 *
 * @example
 * changeLogSchema('orders').find((c) => c.name === 'after_total_price');
 * // { name: 'after_total_price', type: { kind: 'decimal', precision: 14, scale: 2 }, nullable: true }
 */
export function changeLogSchema(table: ShopTableName | string): readonly LakeColumn[] {
  const columns = lakeSchema(checkTable(table));
  return [
    ...CHANGE_LOG_META_COLUMNS,
    ...columns.map((c) => ({ ...c, name: `before_${c.name}`, nullable: true })),
    ...columns.map((c) => ({ ...c, name: `after_${c.name}`, nullable: true })),
  ];
}

/**
 * One change as the change log stores it. Rows are as the CDC decoder gives them (decimals as strings, timestamps
 * as ISO text or `Date`, int8 as `bigint` or digit strings); `ts` is the commit time.
 *
 * @example
 * const change: ChangeLogChange = {
 *   op: 'u', ts: '2026-12-04T10:00:00.123456Z', lsn: '23803720', sourcePartition: 'pgoutput:ecom_lake/0',
 *   sourceOffset: '23803720', sourceIndex: 0, before: { order_id: 1 }, after: { order_id: 1 },
 * };
 */
export interface ChangeLogChange {
  readonly op: ChangeLogOp;
  readonly ts: string | Date | bigint;
  readonly lsn: string | bigint | null;
  readonly sourcePartition: string;
  readonly sourceOffset: string | bigint;
  readonly sourceIndex: number;
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
}

/**
 * The flat change-log row of a change (the input of `toLakeBatch(changeLogSchema(table), rows)`): the metadata
 * columns, then each column of the table prefixed with `before_` and `after_` (null where the row is absent).
 *
 * @throws {@link LakehouseError} `UNKNOWN_TABLE` for a name that is not a shop table.
 *
 * @example
 * const row = changeLogRow('categories', {
 *   op: 'd', ts: '2026-12-04T10:00:00Z', lsn: null, sourcePartition: 'cdc.public.categories/0',
 *   sourceOffset: '7', sourceIndex: 0, before: { category_id: 3 }, after: null,
 * });
 * row['before_category_id']; // 3
 */
export function changeLogRow(
  table: ShopTableName | string,
  change: ChangeLogChange,
): Record<string, unknown> {
  const columns = Object.keys(getShopTable(checkTable(table)).columns);
  const row: Record<string, unknown> = {
    op: change.op,
    ts: change.ts,
    lsn: change.lsn,
    source_partition: change.sourcePartition,
    source_offset: change.sourceOffset,
    source_index: change.sourceIndex,
  };
  for (const c of columns) row[`before_${c}`] = change.before?.[c] ?? null;
  for (const c of columns) row[`after_${c}`] = change.after?.[c] ?? null;
  return row;
}
