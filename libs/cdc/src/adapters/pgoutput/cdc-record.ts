/**
 * What the source hands to a sink: Kafka-ready records (`run`), or the decoder's events (`runEvents`), each with its
 * position in the WAL.
 */
import type { ChangeEvent, Tombstone, TransactionMarker } from '../../types.js';

/**
 * Where a record comes from. `(commitLsn, index)` identifies a change uniquely and is the same when the change is
 * delivered again after a restart, so duplicates are detectable. Snapshot records carry the slot's consistent point
 * as `commitLsn` and their running number as `index`.
 *
 * @example
 * const id = `${r.position.commitLsn}:${r.position.index}`;
 */
export interface RecordPosition {
  /** End LSN of the transaction's commit record (the LSN confirmed once the sink acknowledged the transaction). */
  commitLsn: bigint;
  /** LSN of the change itself (`source.lsn`). */
  lsn: bigint;
  /** Position of the record within its transaction (or within the snapshot). */
  index: number;
  snapshot: boolean;
}

/**
 * A record for a Kafka topic: key and value are the JSON texts Kafka Connect's JsonConverter would write;
 * `value: null` is a tombstone.
 *
 * @example
 * await producer.send({ topic: r.topic, messages: [{ key: r.key, value: r.value }] });
 */
export interface CdcRecord {
  topic: string;
  key: string | null;
  value: string | null;
  position: RecordPosition;
}

/**
 * The sink port: receives the records of one transaction (or one snapshot batch) and resolves once they are
 * durably accepted. Only then does the source confirm the LSN to PostgreSQL. Rejecting stops the source with
 * `SINK_FAILED`.
 *
 * @example
 * const sink: CdcSink = async (records) => { await producer.sendBatch({ topicMessages: toTopicMessages(records) }); };
 */
export type CdcSink = (records: readonly CdcRecord[]) => Promise<void>;

/**
 * An event of the in-process output: what `createDecoder()` returns for the record the source would have written
 * (a change, a tombstone after a delete, or a BEGIN/END marker with `transactionMetadata`).
 *
 * @example
 * const event: PgoutputEvent = e.event; // e: a CdcEvent
 * if (event.kind === 'change') console.log(event.table, event.op, event.after);
 */
export type PgoutputEvent = ChangeEvent | Tombstone | TransactionMarker;

/**
 * A decoded event with its position: the in-process counterpart of {@link CdcRecord}. `event` deep-equals
 * `decoder.decode(record)` of the record `run` would have delivered at the same `position` (except the envelope's
 * processing-time `ts_ms`/`ts_us`/`ts_ns`).
 *
 * @example
 * const checkpoint = `${e.position.commitLsn}:${e.position.index}`;
 */
export interface CdcEvent {
  event: PgoutputEvent;
  position: RecordPosition;
}

/**
 * The sink port of the in-process output: receives the events of one transaction (or one snapshot batch) and
 * resolves once they are processed; only then is the LSN confirmed. Rejecting stops the source with `SINK_FAILED`.
 *
 * @example
 * const sink: CdcEventSink = async (events) => { for (const { event } of events) apply(event); };
 */
export type CdcEventSink = (events: readonly CdcEvent[]) => Promise<void>;
