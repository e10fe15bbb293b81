/**
 * A roll of the change log: the changes a streaming task buffered, grouped into one Parquet file per
 * (table, event_date, source partition), each named by the first and last position it covers.
 */
import { toLakeBatch } from '../lake-batch.js';
import type { ObjectStore } from '../object-store.js';
import type { ParquetFileWriter } from '../parquet-writer.js';
import { defaultParquetWriter } from '../write-shop-parquet.js';
import { changeLogEventDate, changeLogFileKey, compareChangeLogPositions } from './changelog-files.js';
import { changeLogRow, changeLogSchema, type ChangeLogChange } from './changelog-schema.js';
import { LakehouseError } from '../errors.js';

/**
 * One change of a shop table, as a roll takes it.
 *
 * @example
 * const entry: ChangeLogEntry = {
 *   table: 'categories',
 *   change: { op: 'c', ts: '2026-12-04T10:00:00Z', lsn: null, sourcePartition: 'cdc.public.categories/0',
 *     sourceOffset: '7', sourceIndex: 0, before: null, after: { category_id: 3, category_name: 'Books' } },
 * };
 */
export interface ChangeLogEntry {
  readonly table: string;
  readonly change: ChangeLogChange;
}

/**
 * One file of a roll: its key and its changes, in source order.
 *
 * @example
 * declare const file: ChangeLogFilePlan;
 * file.key; // 'changelog/orders/event_date=2026-12-04/part-…-12_0-40_0.parquet'
 */
export interface ChangeLogFilePlan {
  readonly key: string;
  readonly table: string;
  readonly eventDate: string;
  readonly changes: readonly ChangeLogChange[];
}

const positionOf = (c: ChangeLogChange) => ({ offset: String(c.sourceOffset), index: c.sourceIndex });

/**
 * Groups a roll's changes into files by (table, event_date, source partition), in the order of their first change.
 * Within a file the changes keep their order, which must follow the source (strictly increasing positions).
 *
 * @throws {@link LakehouseError} `INVALID_BATCH_ID` when positions within a file do not increase, and what
 * {@link changeLogFileKey} throws.
 *
 * @example
 * declare const entries: ChangeLogEntry[];
 * planChangeLogFiles('changelog', entries).map((f) => f.key);
 */
export function planChangeLogFiles(prefix: string, entries: readonly ChangeLogEntry[]): ChangeLogFilePlan[] {
  const groups = new Map<string, { table: string; eventDate: string; changes: ChangeLogChange[] }>();
  for (const { table, change } of entries) {
    const eventDate = changeLogEventDate(change.ts);
    const id = `${table}\u0000${eventDate}\u0000${change.sourcePartition}`;
    const group = groups.get(id);
    if (group === undefined) {
      groups.set(id, { table, eventDate, changes: [change] });
      continue;
    }
    const previous = group.changes[group.changes.length - 1] as ChangeLogChange;
    if (compareChangeLogPositions(positionOf(previous), positionOf(change)) >= 0)
      throw new LakehouseError(
        'INVALID_BATCH_ID',
        `change-log roll: position ${change.sourceOffset}:${change.sourceIndex} of ${change.sourcePartition} does not follow ${previous.sourceOffset}:${previous.sourceIndex}`,
      );
    group.changes.push(change);
  }
  return [...groups.values()].map(({ table, eventDate, changes }) => ({
    table,
    eventDate,
    changes,
    key: changeLogFileKey({
      prefix,
      table,
      eventDate,
      sourcePartition: (changes[0] as ChangeLogChange).sourcePartition,
      first: positionOf(changes[0] as ChangeLogChange),
      last: positionOf(changes[changes.length - 1] as ChangeLogChange),
    }),
  }));
}

/**
 * Encodes one planned file as Parquet (the change-log schema of its table, one row group).
 *
 * @throws {@link LakehouseError} `INVALID_VALUE` for a value that does not fit its column.
 *
 * @example
 * declare const file: ChangeLogFilePlan;
 * const bytes = await encodeChangeLogFile(file);
 */
export async function encodeChangeLogFile(
  file: ChangeLogFilePlan,
  writer: ParquetFileWriter = defaultParquetWriter,
): Promise<Uint8Array> {
  const rows = file.changes.map((c) => changeLogRow(file.table, c));
  return writer.write(toLakeBatch(changeLogSchema(file.table), rows), {
    rowGroupRows: Math.max(1, rows.length),
  });
}

/**
 * Writes a roll: every planned file, each one PUT of the whole object (an object store shows a PUT whole or not at
 * all, so no partial file is ever visible). Writing the same roll again replaces the same objects. Resolves to
 * the keys written.
 *
 * @throws {@link LakehouseError} as {@link planChangeLogFiles} and {@link encodeChangeLogFile}; the store's errors
 * as they are.
 *
 * @example
 * declare const store: ObjectStore;
 * declare const entries: ChangeLogEntry[];
 * const keys = await writeChangeLogFiles({ store, prefix: 'changelog', entries });
 */
export async function writeChangeLogFiles(input: {
  readonly store: ObjectStore;
  readonly prefix: string;
  readonly entries: readonly ChangeLogEntry[];
  readonly writer?: ParquetFileWriter;
}): Promise<string[]> {
  const files = planChangeLogFiles(input.prefix, input.entries);
  for (const file of files)
    await input.store.put(file.key, await encodeChangeLogFile(file, input.writer), {
      contentType: 'application/vnd.apache.parquet',
    });
  return files.map((f) => f.key);
}
