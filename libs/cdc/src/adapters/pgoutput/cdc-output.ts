/**
 * The two outputs of the source, behind one port: Kafka-ready JSON records ({@link recordOutput}) or the decoder's
 * events ({@link eventOutput}). The transaction assembler and the snapshot reader produce items through it and do not
 * know which one they feed.
 */
import type { CdcEvent, CdcRecord, PgoutputEvent, RecordPosition } from './cdc-record.js';
import {
  changeRecordParts,
  messageRecordParts,
  transactionMarkerParts,
  type EnvelopeSettings,
  type RowChange,
  type SourcePosition,
  type TransactionCounts,
} from './envelope-builder.js';
import { EventBuilder } from './event-builder.js';

/**
 * Builds the items of one output: `T` while a transaction is assembled, `R` once its position is known.
 *
 * @example
 * const out: CdcOutput<unknown, CdcRecord> = recordOutput(settings);
 */
export interface CdcOutput<T, R> {
  /** A row change (`c`/`u`/`d`/`r`) or truncate (`t`). */
  change(change: RowChange): T;
  /** The tombstone after a delete item, or `null` when it has no key. */
  tombstone(deleted: T): T | null;
  /** A logical decoding message. */
  message(prefix: string, content: Buffer, at: SourcePosition): T;
  /** A BEGIN or END transaction marker. */
  marker(status: 'BEGIN' | 'END', id: string, tsMs: bigint, counts: TransactionCounts | null): T;
  /** The item as delivered, at its position. */
  place(item: T, position: RecordPosition): R;
}

/**
 * A record before its position is known.
 *
 * @example
 * const item: RecordItem = { topic: 'ecommerce-cdc.public.orders', key: '{"id":1}', value: '{…}' };
 */
export type RecordItem = Omit<CdcRecord, 'position'>;

/**
 * The Kafka output: Debezium JSON envelopes (with or without the embedded schema, per `settings.schemas`).
 *
 * @example
 * const assembler = new TransactionAssembler(recordOutput(settings), flags);
 */
export function recordOutput(s: EnvelopeSettings): CdcOutput<RecordItem, CdcRecord> {
  return {
    change: (c) => ({ topic: c.model.topic, ...changeRecordParts(s, c) }),
    tombstone: (d) => (d.key === null ? null : { topic: d.topic, key: d.key, value: null }),
    message: (prefix, content, at) => ({
      topic: `${s.topicPrefix}.message`,
      ...messageRecordParts(s, prefix, content, at),
    }),
    marker: (status, id, tsMs, counts) => ({
      topic: `${s.topicPrefix}.transaction`,
      ...transactionMarkerParts(s, status, id, tsMs, counts),
    }),
    place: (item, position) => ({ topic: item.topic, key: item.key, value: item.value, position }),
  };
}

/**
 * The in-process output: the events `createDecoder()` would return for the records of {@link recordOutput} with
 * embedded schemas (`format: 'json-schema'`, whatever `settings.schemas` says), built without JSON text.
 *
 * @example
 * const assembler = new TransactionAssembler(eventOutput(settings, '__debezium_unavailable_value'), flags);
 */
export function eventOutput(s: EnvelopeSettings, placeholder: string): CdcOutput<PgoutputEvent, CdcEvent> {
  const events = new EventBuilder(s, placeholder);
  return {
    change: (c) => events.change(c),
    tombstone: (d) => (d.kind === 'change' ? events.tombstone(d) : null),
    message: (prefix, content, at) => events.message(prefix, content, at),
    marker: (status, id, tsMs, counts) => events.marker(status, id, tsMs, counts),
    place: (event, position) => ({ event, position }),
  };
}
