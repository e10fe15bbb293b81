/**
 * Turns a decoded message value (JSON payload or Avro record) into a typed result: change event, heartbeat,
 * transaction marker or unwrapped (ExtractNewRecordState) row. Shared by every wire format.
 */
import { decodeBase64 } from './base64.js';
import { CdcError, fail, withPath } from './errors.js';
import {
  normalizeSource,
  readBigInt,
  readNumber,
  readString,
  readSnapshot,
  type ExactInt,
} from './source-block.js';
import type {
  ChangeEvent,
  DecodedEvent,
  KafkaHeaders,
  KafkaOffset,
  OpCode,
  Operation,
  Row,
  SourceBlock,
  TransactionBlock,
  TransactionMarker,
  WireFormat,
} from './types.js';
import { isObject } from './internal/object-fields.js';

const OPS: Record<string, Operation> = {
  c: 'create',
  u: 'update',
  d: 'delete',
  r: 'read',
  t: 'truncate',
  m: 'message',
};

/**
 * How the wire format exposes rows and numbers to the envelope code.
 *
 * @example
 * const hooks: EnvelopeHooks = { row: (v) => v as Row, exact: (v) => v, unavailable: () => 0 };
 */
export interface EnvelopeHooks {
  /** Decodes a row (`before`/`after`, or a whole unwrapped record). */
  row(value: unknown, field: 'before' | 'after' | 'value'): Row | null;
  exact: ExactInt;
  /** Number of unchanged-TOAST placeholders seen so far in this message. */
  unavailable(): number;
}

/**
 * Record-level facts the envelope code needs.
 *
 * @example
 * assembleValue(payload, meta, hooks);
 */
export interface EnvelopeMeta {
  topic: string;
  partition: number | undefined;
  offset: KafkaOffset | undefined;
  headers: KafkaHeaders | undefined;
  key: Row | null;
  format: WireFormat;
  /** Treat values as ExtractNewRecordState output even without `__op`/`__deleted`. */
  unwrapped: boolean;
  heartbeatTopicPrefix: string;
  fieldPrefix: string;
}

/**
 * Splits `<prefix>.<schema>.<table>` into schema and table (`''` when the topic has fewer parts).
 *
 * @example
 * tableFromTopic('ecommerce-cdc.public.orders') // { schema: 'public', table: 'orders' }
 */
export function tableFromTopic(topic: string): { schema: string; table: string } {
  const parts = topic.split('.');
  if (parts.length < 3) return { schema: '', table: '' };
  return { schema: parts[parts.length - 2], table: parts[parts.length - 1] };
}

function transactionBlock(v: unknown, exact: ExactInt): TransactionBlock | null {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) return fail('INVALID_ENVELOPE', '"transaction" must be an object', ['transaction']);
  return withPath('transaction', () => ({
    id: readString(v['id'], 'id', ''),
    total_order: readNumber(exact(v['total_order'], 'total_order'), 'total_order') ?? 0,
    data_collection_order:
      readNumber(exact(v['data_collection_order'], 'data_collection_order'), 'data_collection_order') ?? 0,
  }));
}

function messageBlock(v: unknown): { prefix: string; content: Uint8Array } {
  if (!isObject(v)) return fail('INVALID_ENVELOPE', 'op "m" needs a "message" block', ['message']);
  const prefix = readString(v['prefix'], 'prefix', '');
  const c = v['content'];
  let content: Uint8Array;
  if (c instanceof Uint8Array) content = c;
  else if (typeof c === 'string') {
    try {
      content = decodeBase64(c);
    } catch (e) {
      return fail('SCHEMA_MISMATCH', `invalid base64 in message.content: ${(e as Error).message}`, [
        'message',
        'content',
      ]);
    }
  } else if (c === null || c === undefined) content = new Uint8Array(0);
  else return fail('INVALID_ENVELOPE', 'message.content must be bytes', ['message', 'content']);
  return { prefix, content };
}

function changeEvent(p: Record<string, unknown>, meta: EnvelopeMeta, hooks: EnvelopeHooks): ChangeEvent {
  const opRaw = p['op'];
  if (typeof opRaw !== 'string') return fail('INVALID_ENVELOPE', '"op" must be a string', ['op']);
  const op = OPS[opRaw];
  if (op === undefined) return fail('UNKNOWN_OP', `unknown op ${JSON.stringify(opRaw)}`, ['op']);
  const source = normalizeSource(p['source'], hooks.exact);
  const before = rowOrNull(p['before'], 'before', hooks);
  const after = rowOrNull(p['after'], 'after', hooks);
  if ((opRaw === 'c' || opRaw === 'r' || opRaw === 'u') && after === null) {
    fail('INVALID_ENVELOPE', `op "${opRaw}" needs a non-null "after"`, ['after']);
  }
  if (opRaw === 'd' && after !== null) fail('INVALID_ENVELOPE', 'op "d" must have a null "after"', ['after']);
  const fromTopic = source.table === '' ? tableFromTopic(meta.topic) : null;
  return {
    kind: 'change',
    op,
    opCode: opRaw as OpCode,
    opInferred: false,
    format: meta.format,
    unwrapped: false,
    schema: fromTopic ? fromTopic.schema : source.schema,
    table: fromTopic ? fromTopic.table : source.table,
    key: meta.key,
    before,
    after,
    beforeMissing: before === null && (opRaw === 'u' || opRaw === 'd'),
    hasUnavailable: hooks.unavailable() > 0,
    source,
    transaction: transactionBlock(p['transaction'], hooks.exact),
    ts_ms: readNumber(p['ts_ms'], 'ts_ms'),
    ts_us: readNumber(p['ts_us'], 'ts_us'),
    ts_ns: readBigInt(hooks.exact(p['ts_ns'], 'ts_ns'), 'ts_ns'),
    message: opRaw === 'm' ? messageBlock(p['message']) : null,
    topic: meta.topic,
    partition: meta.partition,
    offset: meta.offset,
    headers: meta.headers,
  };
}

function rowOrNull(v: unknown, field: 'before' | 'after', hooks: EnvelopeHooks): Row | null {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) return fail('INVALID_ENVELOPE', `"${field}" must be an object or null`, [field]);
  try {
    return hooks.row(v, field);
  } catch (e) {
    if (e instanceof CdcError) e.path.unshift(field);
    throw e;
  }
}

const SOURCE_FIELDS = [
  'version',
  'connector',
  'name',
  'db',
  'schema',
  'table',
  'snapshot',
  'sequence',
  'txId',
  'lsn',
  'xmin',
  'origin',
  'origin_lsn',
] as const;

function unwrappedEvent(p: Record<string, unknown>, meta: EnvelopeMeta, hooks: EnvelopeHooks): ChangeEvent {
  const decoded = withPath('value', () => hooks.row(p, 'value'));
  if (decoded === null) return fail('INVALID_ENVELOPE', 'unwrapped record is null');
  const pre = meta.fieldPrefix;
  const metaKeys = new Set<string>();
  const take = (name: string): unknown => {
    const k = pre + name;
    if (!(k in decoded)) return undefined;
    metaKeys.add(k);
    return decoded[k];
  };
  const opRaw = take('op');
  const deletedRaw = take('deleted');
  const deleted = deletedRaw === 'true' || deletedRaw === true;
  let opCode: OpCode;
  let inferred = false;
  if (opRaw === undefined || opRaw === null) {
    opCode = deleted ? 'd' : 'u';
    inferred = true;
  } else if (typeof opRaw === 'string' && OPS[opRaw] !== undefined) opCode = opRaw as OpCode;
  else return fail('UNKNOWN_OP', `unknown ${pre}op ${JSON.stringify(opRaw)}`, [pre + 'op']);
  if (deleted) opCode = 'd';
  const src = (f: string): unknown => {
    const a = take('source_' + f);
    const b = take(f);
    return a !== undefined ? a : b;
  };
  const values: Record<string, unknown> = {};
  for (const f of SOURCE_FIELDS) values[f] = src(f);
  const tsMs = take('ts_ms');
  const tsUs = take('ts_us');
  const tsNs = take('ts_ns');
  const sTsMs = take('source_ts_ms');
  const sTsUs = take('source_ts_us');
  const sTsNs = take('source_ts_ns');
  for (const k of Object.keys(decoded)) if (k.startsWith(pre + 'source_')) metaKeys.add(k);
  const row: Row = {};
  for (const k of Object.keys(decoded)) if (!metaKeys.has(k)) row[k] = decoded[k];
  const fromTopic = tableFromTopic(meta.topic);
  const source: SourceBlock = withPath('source', () => ({
    version: readString(values['version'], 'version', ''),
    connector: readString(values['connector'], 'connector', ''),
    name: readString(values['name'], 'name', ''),
    db: readString(values['db'], 'db', ''),
    schema: readString(values['schema'], 'schema', '') || fromTopic.schema,
    table: readString(values['table'], 'table', '') || fromTopic.table,
    ts_ms: readNumber(sTsMs, 'ts_ms'),
    ts_us: readNumber(sTsUs, 'ts_us'),
    ts_ns: readBigInt(hooks.exact(sTsNs, pre + 'source_ts_ns'), 'ts_ns'),
    snapshot: readSnapshot(values['snapshot']),
    sequence: readString(values['sequence'], 'sequence', null),
    txId: readBigInt(values['txId'], 'txId'),
    lsn: readBigInt(values['lsn'], 'lsn'),
    xmin: readBigInt(values['xmin'], 'xmin'),
    origin: readString(values['origin'], 'origin', null),
    origin_lsn: readBigInt(values['origin_lsn'], 'origin_lsn'),
  }));
  const isDelete = opCode === 'd';
  const hasRow = opCode !== 't' && opCode !== 'm';
  return {
    kind: 'change',
    op: OPS[opCode],
    opCode,
    opInferred: inferred,
    format: meta.format,
    unwrapped: true,
    schema: source.schema,
    table: source.table,
    key: meta.key,
    before: hasRow && isDelete ? row : null,
    after: hasRow && !isDelete ? row : null,
    beforeMissing: opCode === 'u',
    hasUnavailable: hooks.unavailable() > 0,
    source,
    transaction: null,
    ts_ms: readNumber(tsMs, pre + 'ts_ms'),
    ts_us: readNumber(tsUs, pre + 'ts_us'),
    ts_ns: readBigInt(hooks.exact(tsNs, pre + 'ts_ns'), pre + 'ts_ns'),
    message: null,
    topic: meta.topic,
    partition: meta.partition,
    offset: meta.offset,
    headers: meta.headers,
  };
}

function transactionMarker(
  p: Record<string, unknown>,
  meta: EnvelopeMeta,
  exact: ExactInt,
): TransactionMarker {
  const id = p['id'] as string;
  const m = /^(\d+):(\d+)$/.exec(id);
  const dc = p['data_collections'];
  let collections: TransactionMarker['data_collections'] = null;
  if (Array.isArray(dc)) {
    collections = dc.map((c, i) => {
      if (!isObject(c))
        return fail('INVALID_ENVELOPE', 'data_collections entries must be objects', ['data_collections', i]);
      return {
        data_collection: readString(c['data_collection'], 'data_collection', ''),
        event_count: readNumber(c['event_count'], 'event_count') ?? 0,
      };
    });
  } else if (dc !== null && dc !== undefined)
    fail('INVALID_ENVELOPE', '"data_collections" must be an array', ['data_collections']);
  return {
    kind: 'transaction',
    status: p['status'] as 'BEGIN' | 'END',
    id,
    txId: m ? BigInt(m[1]) : null,
    lsn: m ? BigInt(m[2]) : null,
    ts_ms: readNumber(exact(p['ts_ms'], 'ts_ms'), 'ts_ms'),
    event_count: readNumber(p['event_count'], 'event_count'),
    data_collections: collections,
    topic: meta.topic,
    partition: meta.partition,
    offset: meta.offset,
    headers: meta.headers,
  };
}

/**
 * Classifies and assembles a decoded message value.
 *
 * @remarks Recognised shapes, in order: an object with `op` (Debezium envelope); `{status: BEGIN|END, id}`
 * (transaction marker); a heartbeat (topic starts with the heartbeat prefix, or the value is exactly `{ts_ms}`);
 * an unwrapped row (`meta.unwrapped`, or a `__op` / `__deleted` field). Anything else is `INVALID_ENVELOPE`.
 *
 * @example
 * assembleValue({ op: 'c', after: { id: 1 }, source: { connector: 'postgresql', lsn: 34466480 } }, meta, hooks).kind // 'change'
 */
export function assembleValue(payload: unknown, meta: EnvelopeMeta, hooks: EnvelopeHooks): DecodedEvent {
  if (!isObject(payload)) {
    return fail(
      'INVALID_ENVELOPE',
      `expected an object value, got ${payload === null ? 'null' : Array.isArray(payload) ? 'array' : typeof payload}`,
    );
  }
  if ('op' in payload && !meta.unwrapped) return changeEvent(payload, meta, hooks);
  const status = payload['status'];
  if ((status === 'BEGIN' || status === 'END') && typeof payload['id'] === 'string') {
    return transactionMarker(payload, meta, hooks.exact);
  }
  const pre = meta.fieldPrefix;
  if (meta.unwrapped || pre + 'op' in payload || pre + 'deleted' in payload)
    return unwrappedEvent(payload, meta, hooks);
  const keys = Object.keys(payload);
  if (meta.topic.startsWith(meta.heartbeatTopicPrefix) || (keys.length === 1 && keys[0] === 'ts_ms')) {
    const ts = readNumber(payload['ts_ms'], 'ts_ms');
    if (ts === null) return fail('INVALID_ENVELOPE', 'heartbeat without "ts_ms"', ['ts_ms']);
    const server = meta.key?.['serverName'];
    return {
      kind: 'heartbeat',
      serverName: typeof server === 'string' ? server : null,
      ts_ms: ts,
      topic: meta.topic,
      partition: meta.partition,
      offset: meta.offset,
      headers: meta.headers,
    };
  }
  if ('before' in payload || 'after' in payload || 'source' in payload) {
    return fail('INVALID_ENVELOPE', 'envelope without "op"', ['op']);
  }
  return fail(
    'INVALID_ENVELOPE',
    'not a Debezium envelope, heartbeat, transaction marker or unwrapped record (missing payload/op?)',
  );
}
