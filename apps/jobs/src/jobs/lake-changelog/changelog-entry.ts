import type { Decoder, KafkaRecordLike } from '@ecom/cdc';
import { isShopTableName } from '@ecom/domain';
import {
  changeLogRow,
  changeLogSchema,
  LakehouseError,
  toLakeBatch,
  type ChangeLogEntry,
  type ChangeLogOp,
} from '@ecom/lakehouse';
import type { SourcePartition } from '../../runtime/checkpoints/checkpoint-store.js';
import { refused, undecodable, type DeadLetter } from '../../runtime/run/dead-letters.js';
import { JobError } from '../job-error.js';

/** The job name on dead letters and checkpoints. */
export const LAKE_CHANGELOG_JOB = 'lake-changelog';

const OPS = new Set<string>(['c', 'u', 'd', 'r']);

/** A row as JSON (it is kept in the checkpoint state until its file is written): bigints as text, Dates as ISO. */
function jsonRow(row: Readonly<Record<string, unknown>> | null): Record<string, unknown> | null {
  if (row === null) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v;
  return out;
}

/**
 * The name of a source partition in the change log's `source_partition` column: `<source>/<partition>`.
 *
 * @example
 * sourcePartitionName({ source: 'pgoutput:ecom_lake', partition: 0 }); // 'pgoutput:ecom_lake/0'
 */
export function sourcePartitionName(partition: SourcePartition): string {
  return `${partition.source}/${partition.partition}`;
}

/**
 * The position of a record in its source partition: a pgoutput offset `'<commitLsn>:<index>'`, or a Kafka offset
 * (index 0).
 *
 * @example
 * recordPosition('23803720:2'); // { offset: '23803720', index: 2 }
 * recordPosition('41'); // { offset: '41', index: 0 }
 */
export function recordPosition(offset: string): { offset: string; index: number } | null {
  const m = /^(\d{1,20})(?::(\d{1,9}))?$/.exec(offset);
  return m ? { offset: m[1] as string, index: Number(m[2] ?? 0) } : null;
}

/**
 * One CDC record as a change-log entry (JSON only, so it can wait in the checkpoint state): its table, op, commit
 * time (µs), LSN, position and rows, checked against the table's change-log schema; `null` for what a change log
 * does not hold (tombstones, heartbeats, transaction markers, truncates, messages, tables outside the shop); the
 * dead letter of a record that cannot be decoded or whose values do not fit the schema.
 *
 * @example
 * import { createDecoder } from '@ecom/cdc';
 * const out = await changeLogEntry(createDecoder(), { source: 't', partition: 0 }, { offset: '0', key: null, value: '{' });
 * out !== null && 'headers' in out; // true: MALFORMED_JSON
 */
export async function changeLogEntry(
  decoder: Decoder,
  partition: SourcePartition,
  record: KafkaRecordLike,
): Promise<ChangeLogEntry | DeadLetter | null> {
  const decoded = await decoder.decode(record);
  if (!decoded.ok) return undecodable(decoded.error, record);
  const event = decoded.value;
  if (event.kind !== 'change' || !OPS.has(event.opCode) || !isShopTableName(event.table)) return null;
  const reject = (why: string) =>
    refused(
      LAKE_CHANGELOG_JOB,
      record,
      new JobError(LAKE_CHANGELOG_JOB, 'INVALID_RECORD', `${event.table}: ${why}`),
    );
  const position = recordPosition(String(record.offset ?? ''));
  if (position === null) return reject(`record offset ${String(record.offset)} is not a position`);
  const micros =
    event.source.ts_us ??
    (event.source.ts_ms === null ? null : event.source.ts_ms * 1_000) ??
    event.ts_us ??
    (event.ts_ms === null ? null : event.ts_ms * 1_000);
  if (micros === null) return reject('the change carries no commit time');
  const entry: ChangeLogEntry = {
    table: event.table,
    change: {
      op: event.opCode as ChangeLogOp,
      ts: new Date(Math.floor(micros / 1_000))
        .toISOString()
        .replace('Z', `${String(micros % 1_000).padStart(3, '0')}Z`),
      lsn: event.source.lsn === null ? null : event.source.lsn.toString(),
      sourcePartition: sourcePartitionName(partition),
      sourceOffset: position.offset,
      sourceIndex: position.index,
      before: jsonRow(event.before),
      after: jsonRow(event.after),
    },
  };
  try {
    toLakeBatch(changeLogSchema(entry.table), [changeLogRow(entry.table, entry.change)]);
  } catch (e) {
    if (e instanceof LakehouseError) return reject(`${e.code}: ${e.message}`);
    throw e;
  }
  return entry;
}
