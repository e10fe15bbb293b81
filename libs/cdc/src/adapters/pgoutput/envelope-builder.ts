/**
 * Writes Debezium-compatible Kafka records (JsonConverter, with or without the embedded schema): change envelopes,
 * keys, tombstones, logical messages and transaction markers.
 */
import type { ConnectSchema } from '../../connect-schema.js';
import type { SnapshotMarker } from '../../types.js';
import { stringifyJson, type JsonOut } from './json-text.js';
import type { TableModel } from './table-model.js';
import type { TupleValue } from './pgoutput-messages.js';
import { PgoutputSourceError } from './errors.js';

/**
 * The `source.version` this source writes (Debezium writes its own version there).
 *
 * @example
 * event.source.version === SOURCE_VERSION // true for events of the built-in source
 */
export const SOURCE_VERSION = '0.1.0-ecom-pgoutput';

/**
 * Where a change happened, for the `source` block.
 *
 * @example
 * const at: SourcePosition = { tsUs: 1704067200000000n, snapshot: 'false', txId: 571, lsn: 53195829n, lastCommitLsn: 53195000n };
 */
export interface SourcePosition {
  /** Commit time (streaming) or read time (snapshot), µs since the epoch. */
  tsUs: bigint;
  snapshot: SnapshotMarker;
  txId: number | null;
  lsn: bigint | null;
  lastCommitLsn: bigint | null;
}

/**
 * Envelope settings shared by every record.
 *
 * @example
 * const s: EnvelopeSettings = { topicPrefix: 'ecommerce-cdc', database: 'ecom', schemas: true, nowUs: () => BigInt(Date.now()) * 1000n };
 */
export interface EnvelopeSettings {
  topicPrefix: string;
  database: string;
  /** Embed the Connect schema (`schemas.enable=true`). */
  schemas: boolean;
  /** Processing clock for the envelope `ts_ms`/`ts_us`/`ts_ns`, µs since the epoch. */
  nowUs: () => bigint;
}

const opt = (type: ConnectSchema['type'], field: string): ConnectSchema => ({ type, optional: true, field });
const req = (type: ConnectSchema['type'], field: string): ConnectSchema => ({ type, optional: false, field });

const SOURCE_SCHEMA: ConnectSchema = {
  type: 'struct',
  fields: [
    req('string', 'version'),
    req('string', 'connector'),
    req('string', 'name'),
    req('int64', 'ts_ms'),
    {
      type: 'string',
      optional: true,
      name: 'io.debezium.data.Enum',
      version: 1,
      parameters: {
        allowed: 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental',
      },
      default: 'false',
      field: 'snapshot',
    },
    req('string', 'db'),
    opt('string', 'sequence'),
    opt('int64', 'ts_us'),
    opt('int64', 'ts_ns'),
    req('string', 'schema'),
    req('string', 'table'),
    opt('int64', 'txId'),
    opt('int64', 'lsn'),
    opt('int64', 'xmin'),
  ],
  optional: false,
  name: 'io.debezium.connector.postgresql.Source',
  field: 'source',
};

const TRANSACTION_SCHEMA: ConnectSchema = {
  type: 'struct',
  fields: [req('string', 'id'), req('int64', 'total_order'), req('int64', 'data_collection_order')],
  optional: true,
  name: 'event.block',
  version: 1,
  field: 'transaction',
};

/**
 * The `transaction` block of an event (when transaction metadata is on).
 *
 * @example
 * const t: TransactionInfo = { id: '571:53195829', total_order: 1, data_collection_order: 1 };
 */
export interface TransactionInfo {
  id: string;
  total_order: number;
  data_collection_order: number;
}

function sourceBlock(s: EnvelopeSettings, at: SourcePosition, schema: string, table: string): JsonOut {
  return {
    version: SOURCE_VERSION,
    connector: 'postgresql',
    name: s.topicPrefix,
    ts_ms: at.tsUs / 1000n,
    snapshot: at.snapshot,
    db: s.database,
    sequence: JSON.stringify([
      at.lastCommitLsn === null ? null : String(at.lastCommitLsn),
      at.lsn === null ? null : String(at.lsn),
    ]),
    ts_us: at.tsUs,
    ts_ns: at.tsUs * 1000n,
    schema,
    table,
    txId: at.txId === null ? null : BigInt(at.txId),
    lsn: at.lsn,
    xmin: null,
  };
}

/** Serialized schemas, per schema object (table models keep theirs for the life of the relation). */
const schemaTexts = new WeakMap<object, string>();

function schemaText(owner: object, build: () => ConnectSchema): string {
  let text = schemaTexts.get(owner);
  if (text === undefined) {
    text = stringifyJson(build() as unknown as JsonOut);
    schemaTexts.set(owner, text);
  }
  return text;
}

/** `{"schema":…,"payload":…}` (or the bare payload); the schema text is serialized once per schema object. */
function wrap(s: EnvelopeSettings, schema: ConnectSchema, payload: JsonOut): string {
  if (!s.schemas) return stringifyJson(payload);
  return '{"schema":' + schemaText(schema, () => schema) + ',"payload":' + stringifyJson(payload) + '}';
}

const truncateOwners = new WeakMap<object, object>();

function envelopeSchema(name: string, row: ConnectSchema | null): ConnectSchema {
  const rowField = (field: string): ConnectSchema[] => (row ? [{ ...row, field }] : []);
  return {
    type: 'struct',
    fields: [
      ...rowField('before'),
      ...rowField('after'),
      SOURCE_SCHEMA,
      req('string', 'op'),
      opt('int64', 'ts_ms'),
      opt('int64', 'ts_us'),
      opt('int64', 'ts_ns'),
      TRANSACTION_SCHEMA,
    ],
    optional: false,
    name: `${name}.Envelope`,
    version: 2,
  };
}

/**
 * Converts a pgoutput tuple (or snapshot row texts) to a Debezium row object. Throws `TUPLE_MISMATCH` when the
 * column count differs from the model's.
 *
 * @example
 * tupleToRow(model, [{ kind: 'text', text: '1' }]) // { id: 1 }
 */
export function tupleToRow(model: TableModel, tuple: readonly TupleValue[]): Record<string, JsonOut> {
  if (tuple.length !== model.columns.length) {
    throw new PgoutputSourceError(
      'TUPLE_MISMATCH',
      `${model.schema}.${model.table}: tuple has ${tuple.length} column(s), the relation has ${model.columns.length}`,
    );
  }
  const row: Record<string, JsonOut> = {};
  for (let i = 0; i < tuple.length; i++) {
    const col = model.columns[i]!;
    const v = tuple[i]!;
    try {
      row[col.name] =
        v.kind === 'null'
          ? null
          : v.kind === 'unchanged-toast'
            ? col.codec.unavailable
            : v.kind === 'text'
              ? col.codec.fromText(v.text)
              : null;
    } catch (e) {
      if (e instanceof PgoutputSourceError) {
        throw new PgoutputSourceError(e.code, `${model.schema}.${model.table}.${col.name}: ${e.message}`, {
          cause: e,
        });
      }
      throw e;
    }
    if (v.kind === 'binary') {
      throw new PgoutputSourceError(
        'UNSUPPORTED_VALUE',
        `${model.schema}.${model.table}.${col.name}: binary tuple values are not requested and not supported`,
      );
    }
  }
  return row;
}

/**
 * The row-change ops {@link changeRecordParts} writes.
 *
 * @example
 * const op: ChangeOp = 'c';
 */
export type ChangeOp = 'c' | 'u' | 'd' | 'r' | 't';

/**
 * A row change (`c`/`u`/`d`/`r`) or truncate (`t`) as both outputs receive it: rows as {@link tupleToRow} writes
 * them, where and when it happened.
 *
 * @example
 * const change: RowChange = { model, op: 'c', before: null, after: { id: 1 }, at, transaction: null };
 */
export interface RowChange {
  model: TableModel;
  op: ChangeOp;
  before: Record<string, JsonOut> | null;
  after: Record<string, JsonOut> | null;
  at: SourcePosition;
  transaction: TransactionInfo | null;
}

/**
 * The payload of a row change: the one object both outputs start from, serialized by {@link changeRecordParts} and
 * decoded by the event builder. Reads the processing clock once.
 *
 * @example
 * changePayload(settings, { model, op: 'c', before: null, after: { id: 1 }, at, transaction: null }).op // 'c'
 */
export function changePayload(
  s: EnvelopeSettings,
  { model, op, before, after, at, transaction }: RowChange,
): { readonly [key: string]: JsonOut | undefined } {
  const now = s.nowUs();
  return {
    before: op === 't' ? undefined : before,
    after: op === 't' ? undefined : after,
    source: sourceBlock(s, at, model.schema, model.table),
    op,
    ts_ms: now / 1000n,
    ts_us: now,
    ts_ns: now * 1000n,
    transaction: transaction as JsonOut,
  };
}

/**
 * The Kafka key of a row change: the key struct's schema and its primary-key columns (from `after`, else
 * `before`); `null` for a truncate or a table without a primary key.
 *
 * @example
 * changeKey({ model, op: 'c', before: null, after: { id: 1, total: 'AJw=' }, at, transaction: null })?.row // { id: 1 }
 */
export function changeKey({ model, op, before, after }: RowChange): {
  schema: ConnectSchema;
  row: Record<string, JsonOut>;
} | null {
  const row = after ?? before;
  const schema = model.keySchema;
  if (op === 't' || !schema || !row) return null;
  const k: Record<string, JsonOut> = {};
  for (const f of schema.fields ?? []) if (f.field !== undefined) k[f.field] = row[f.field] ?? null;
  return { schema, row: k };
}

/**
 * The key and value JSON texts of a row change (`c`/`u`/`d`/`r`) or truncate (`t`, null key).
 *
 * @example
 * const change: RowChange = { model, op: 'c', before: null, after: { id: 1 }, at, transaction: null };
 * const { key, value } = changeRecordParts(settings, change);
 */
export function changeRecordParts(
  s: EnvelopeSettings,
  change: RowChange,
): { key: string | null; value: string } {
  const { model, op } = change;
  const payload = changePayload(s, change);
  const name = model.valueSchema.name!.replace(/\.Value$/, '');
  let owner: object = model.valueSchema;
  if (op === 't') {
    owner = truncateOwners.get(model.valueSchema) ?? {};
    truncateOwners.set(model.valueSchema, owner);
  }
  const value = s.schemas
    ? '{"schema":' +
      schemaText(owner, () => envelopeSchema(name, op === 't' ? null : model.valueSchema)) +
      ',"payload":' +
      stringifyJson(payload) +
      '}'
    : stringifyJson(payload);
  const k = changeKey(change);
  return { key: k && wrap(s, k.schema, k.row), value };
}

/**
 * The Connect schema of a logical message's key (`{prefix}`).
 *
 * @example
 * MESSAGE_KEY_SCHEMA.name // 'io.debezium.connector.postgresql.MessageKey'
 */
export const MESSAGE_KEY_SCHEMA: ConnectSchema = {
  type: 'struct',
  fields: [req('string', 'prefix')],
  optional: false,
  name: 'io.debezium.connector.postgresql.MessageKey',
};

const MESSAGE_VALUE_SCHEMA: ConnectSchema = {
  type: 'struct',
  fields: [
    req('string', 'op'),
    opt('int64', 'ts_ms'),
    opt('int64', 'ts_us'),
    opt('int64', 'ts_ns'),
    SOURCE_SCHEMA,
    {
      type: 'struct',
      fields: [req('string', 'prefix'), opt('bytes', 'content')],
      optional: true,
      name: 'io.debezium.connector.postgresql.Message',
      field: 'message',
    },
  ],
  optional: false,
  name: 'io.debezium.connector.postgresql.MessageValue',
};

/**
 * The payload of a logical decoding message (op `m`). Reads the processing clock once.
 *
 * @example
 * messagePayload(settings, 'audit', Buffer.from('x'), at).op // 'm'
 */
export function messagePayload(
  s: EnvelopeSettings,
  prefix: string,
  content: Buffer,
  at: SourcePosition,
): { readonly [key: string]: JsonOut | undefined } {
  const now = s.nowUs();
  return {
    op: 'm',
    ts_ms: now / 1000n,
    ts_us: now,
    ts_ns: now * 1000n,
    source: sourceBlock(s, at, '', ''),
    message: { prefix, content: content.toString('base64') },
  };
}

/**
 * The key and value of a logical decoding message (`pg_logical_emit_message`, op `m`), topic `<prefix>.message`.
 *
 * @example
 * messageRecordParts(settings, 'audit', Buffer.from('x'), at)
 */
export function messageRecordParts(
  s: EnvelopeSettings,
  prefix: string,
  content: Buffer,
  at: SourcePosition,
): { key: string; value: string } {
  return {
    key: wrap(s, MESSAGE_KEY_SCHEMA, { prefix }),
    value: wrap(s, MESSAGE_VALUE_SCHEMA, messagePayload(s, prefix, content, at)),
  };
}

const MARKER_KEY_SCHEMA: ConnectSchema = {
  type: 'struct',
  fields: [req('string', 'id')],
  optional: false,
  name: 'io.debezium.connector.common.TransactionMetadataKey',
};

const MARKER_VALUE_SCHEMA: ConnectSchema = {
  type: 'struct',
  fields: [
    req('string', 'status'),
    req('string', 'id'),
    opt('int64', 'event_count'),
    {
      type: 'array',
      items: {
        type: 'struct',
        fields: [req('string', 'data_collection'), req('int64', 'event_count')],
        optional: false,
        name: 'event.collection',
      },
      optional: true,
      field: 'data_collections',
    },
    req('int64', 'ts_ms'),
  ],
  optional: false,
  name: 'io.debezium.connector.common.TransactionMetadataValue',
};

/**
 * Event counts of a transaction, for its END marker.
 *
 * @example
 * const counts: TransactionCounts = { total: 2, perCollection: new Map([['public.orders', 2]]) };
 */
export interface TransactionCounts {
  total: number;
  perCollection: ReadonlyMap<string, number>;
}

/**
 * The payload of a BEGIN or END transaction marker.
 *
 * @example
 * transactionMarkerPayload('BEGIN', '571:53195829', 1486500577125n, null).status // 'BEGIN'
 */
export function transactionMarkerPayload(
  status: 'BEGIN' | 'END',
  id: string,
  tsMs: bigint,
  counts: TransactionCounts | null,
): { readonly [key: string]: JsonOut | undefined } {
  return {
    status,
    id,
    event_count: counts ? counts.total : null,
    data_collections: counts
      ? [...counts.perCollection].map(([data_collection, event_count]) => ({
          data_collection,
          event_count,
        }))
      : null,
    ts_ms: tsMs,
  };
}

/**
 * A BEGIN or END transaction marker for `<prefix>.transaction`.
 *
 * @example
 * transactionMarkerParts(settings, 'BEGIN', '571:53195829', 1486500577125n, null)
 */
export function transactionMarkerParts(
  s: EnvelopeSettings,
  status: 'BEGIN' | 'END',
  id: string,
  tsMs: bigint,
  counts: TransactionCounts | null,
): { key: string; value: string } {
  return {
    key: wrap(s, MARKER_KEY_SCHEMA, { id }),
    value: wrap(s, MARKER_VALUE_SCHEMA, transactionMarkerPayload(status, id, tsMs, counts)),
  };
}
