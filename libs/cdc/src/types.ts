/**
 * Public input and output types of the decoder.
 */
import type { Result } from '@ecom/domain';
import type { DecodeError } from './errors.js';
import type { Unavailable } from './unavailable.js';

/**
 * Raw key/value bytes as a Kafka client hands them over (kafkajs gives `Buffer`, which is a `Uint8Array`).
 *
 * @example
 * const raw: RawBytes = Buffer.from('{"op":"c"}');
 */
export type RawBytes = Uint8Array | string | null;

/**
 * A Kafka offset as clients represent it (kafkajs uses decimal strings).
 *
 * @example
 * const offset: KafkaOffset = '42';
 */
export type KafkaOffset = string | number | bigint;

/**
 * Header values as kafkajs represents them.
 *
 * @example
 * const headers: KafkaHeaders = { '__debezium.newkey': Buffer.from('{"id":2}') };
 */
export type KafkaHeaders = Readonly<Record<string, RawBytes | undefined | readonly (Uint8Array | string)[]>>;

/**
 * The decoder input: anything shaped like a Kafka record. Only `value` is required.
 *
 * @example
 * const record: KafkaRecordLike = { topic: 'ecommerce-cdc.public.orders', key: null, value: Buffer.from('{"op":"c",…}') };
 */
export interface KafkaRecordLike {
  topic?: string;
  partition?: number;
  offset?: KafkaOffset;
  key?: RawBytes;
  value: RawBytes | undefined;
  headers?: KafkaHeaders;
  timestamp?: string | number;
}

/**
 * A decoded column value. See the README type-mapping table.
 *
 * @example
 * const v: LogicalValue = event.after?.['total_price'] ?? null; // '129.90'
 */
export type LogicalValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | Unavailable
  | readonly LogicalValue[]
  | { readonly [key: string]: LogicalValue };

/**
 * A decoded row: column name → logical value.
 *
 * @example
 * const row: Row = { id: 1, total_price: '129.90', created_at: '2024-12-16T16:44:00.198316' };
 */
export type Row = Record<string, LogicalValue>;

/**
 * Debezium `op` codes.
 *
 * @example
 * event.opCode === 'u'
 */
export type OpCode = 'c' | 'u' | 'd' | 'r' | 't' | 'm';

/**
 * Decoded operation names.
 *
 * @example
 * if (event.op === 'delete') remove(event.before);
 */
export type Operation = 'create' | 'update' | 'delete' | 'read' | 'truncate' | 'message';

/**
 * Values of `source.snapshot` (lower-cased `SnapshotRecord`).
 *
 * @example
 * if (event.source.snapshot === 'last') snapshotDone();
 */
export type SnapshotMarker =
  | 'true'
  | 'first'
  | 'first_in_data_collection'
  | 'last_in_data_collection'
  | 'last'
  | 'false'
  | 'incremental';

/**
 * The wire form the event was decoded from.
 *
 * @example
 * event.format // 'json-schema'
 */
export type WireFormat = 'json-schema' | 'json' | 'avro';

/**
 * The PostgreSQL `source` block. int64 positions are `bigint`; timestamps that fit in a double are numbers,
 * `ts_ns` (always beyond 2^53) is a bigint. Strings missing from an unwrapped record are `''`.
 *
 * @example
 * event.source.lsn // 34466480n
 */
export interface SourceBlock {
  version: string;
  connector: string;
  /** `topic.prefix` of the connector. */
  name: string;
  db: string;
  schema: string;
  table: string;
  /** Commit time in the database (ms). `null` only for unwrapped records without `__source_ts_ms`. */
  ts_ms: number | null;
  ts_us: number | null;
  ts_ns: bigint | null;
  snapshot: SnapshotMarker;
  /** Raw `sequence` string, e.g. `["34442256","34466480"]`; see `parseSourceSequence`. */
  sequence: string | null;
  txId: bigint | null;
  lsn: bigint | null;
  xmin: bigint | null;
  origin: string | null;
  origin_lsn: bigint | null;
}

/**
 * The `transaction` block (present when `provide.transaction.metadata=true`).
 *
 * @example
 * event.transaction?.id // '571:53195829'
 */
export interface TransactionBlock {
  id: string;
  total_order: number;
  data_collection_order: number;
}

/** Fields shared by every decoded result. */
interface RecordMeta {
  topic: string;
  partition: number | undefined;
  offset: KafkaOffset | undefined;
  headers: KafkaHeaders | undefined;
}

/**
 * A row change (or snapshot read, truncate, logical message).
 *
 * @remarks `before` is `null` for c/r and — under REPLICA IDENTITY DEFAULT/NOTHING — often for u/d too; then
 * `beforeMissing` is `true` (never an error). `hasUnavailable` is `true` when some column holds the
 * {@link UNAVAILABLE} sentinel (unchanged TOAST); use `fillUnavailable` with the previous row state.
 *
 * @example
 * if (decoded.kind === 'change' && decoded.op === 'update') upsert(decoded.table, decoded.after);
 */
export interface ChangeEvent extends RecordMeta {
  kind: 'change';
  op: Operation;
  opCode: OpCode;
  /** `true` when the op was inferred (unwrapped record without `__op`). */
  opInferred: boolean;
  format: WireFormat;
  unwrapped: boolean;
  /** Database schema and table (from `source`, else from the topic name). */
  schema: string;
  table: string;
  /** Decoded Kafka key (primary-key columns, or `{prefix}` for messages); `null` for truncate/keyless tables. */
  key: Row | null;
  before: Row | null;
  after: Row | null;
  beforeMissing: boolean;
  hasUnavailable: boolean;
  source: SourceBlock;
  transaction: TransactionBlock | null;
  ts_ms: number | null;
  ts_us: number | null;
  ts_ns: bigint | null;
  /** Only for `op: 'message'` (pg_logical_emit_message). */
  message: { prefix: string; content: Uint8Array } | null;
}

/**
 * A Kafka tombstone (null value), emitted after each delete when `tombstones.on.delete=true`.
 *
 * @example
 * if (decoded.kind === 'tombstone') compactAway(decoded.key);
 */
export interface Tombstone extends RecordMeta {
  kind: 'tombstone';
  key: Row | null;
  schema: string;
  table: string;
}

/**
 * A Debezium heartbeat (`__debezium-heartbeat.<prefix>` topic): `{ts_ms}` with key `{serverName}`.
 *
 * @example
 * if (decoded.kind === 'heartbeat') console.log('lag', Date.now() - decoded.ts_ms, 'ms');
 */
export interface Heartbeat extends RecordMeta {
  kind: 'heartbeat';
  serverName: string | null;
  ts_ms: number;
}

/**
 * A transaction metadata marker from `<prefix>.transaction`.
 *
 * @example
 * if (decoded.kind === 'transaction' && decoded.status === 'END') commit(decoded.id, decoded.event_count);
 */
export interface TransactionMarker extends RecordMeta {
  kind: 'transaction';
  status: 'BEGIN' | 'END';
  /** Debezium id `"<txId>:<lsn>"`. */
  id: string;
  txId: bigint | null;
  lsn: bigint | null;
  ts_ms: number | null;
  event_count: number | null;
  data_collections: { data_collection: string; event_count: number }[] | null;
}

/**
 * Everything {@link Decoder.decode} can return: `{ ok: true, value }` with a {@link DecodedEvent} (switch on its
 * `kind`), or `{ ok: false, error }` with a {@link DecodeError}.
 *
 * @example
 * const r: DecodeResult = decoder.decodeSync(record);
 * if (!r.ok) await deadLetter.send(r.error);
 * else apply(r.value);
 */
export type DecodeResult = Result<DecodedEvent, DecodeError>;

/**
 * A successfully decoded record: a row change, a tombstone, a heartbeat or a transaction marker.
 *
 * @example
 * for await (const e of decodeStream(records, decoder, { deadLetter })) handle(e); // e: DecodedEvent
 */
export type DecodedEvent = ChangeEvent | Tombstone | Heartbeat | TransactionMarker;
