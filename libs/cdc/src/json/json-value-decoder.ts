/**
 * JSON messages (JsonConverter with or without schemas, unwrapped or not).
 *
 * Fast paths: compact `{"schema":…,"payload":…}` messages are split at `,"payload":` and the schema text is looked
 * up in a cache of compiled schemas (so the big schema half is parsed once); all parsing is `JSON.parse` with
 * exact literals recovered by key when needed; the exact parser is the fallback.
 */
import { Buffer } from 'node:buffer';
import { compileConnectSchema, type ConnectSchema, type JsonFieldDecoder } from '../connect-schema.js';
import { assembleValue, tableFromTopic, type EnvelopeHooks, type EnvelopeMeta } from '../envelope.js';
import { fail } from '../errors.js';
import {
  createJsonContext,
  exactNumber,
  MAX_SAFE,
  NEED_EXACT,
  type JsonContext,
} from '../internal/json-context.js';
import { parseLosslessJson } from '../lossless-json.js';
import type { CompiledTypeMap } from '../type-map.js';
import type { DecodedEvent, Row } from '../types.js';
import type { PlaceholderForms } from '../unavailable.js';
import { parseFlatObject } from './parse-flat-object.js';
import { utf8Text } from './utf8-text.js';
import { decodeSchemalessRow } from './schemaless-row.js';

/** A compiled embedded schema: decoders for the payload's row-carrying fields. */
interface CompiledEnvelopeSchema {
  /** Decoder of the whole payload when it is a row struct (unwrapped records, keys). */
  whole: JsonFieldDecoder;
  before: JsonFieldDecoder | undefined;
  after: JsonFieldDecoder | undefined;
}

/**
 * Settings shared by all messages.
 *
 * @example
 * new JsonValueDecoder({ placeholder: placeholderForms(), maxDepth: 64, typeMap: undefined, schemaCacheSize: 256 });
 */
export interface JsonDecoderSettings {
  placeholder: PlaceholderForms;
  maxDepth: number;
  typeMap: CompiledTypeMap | undefined;
  schemaCacheSize: number;
}

const PREFIX = '{"schema":';
const SPLIT = ',"payload":';
const PREFIX_BYTES = Buffer.from(PREFIX, 'utf8');
const SPLIT_BYTES = Buffer.from(SPLIT, 'utf8');

/** A split compact message: the compiled schema and the payload half's text. */
interface Split {
  compiled: CompiledEnvelopeSchema;
  payloadText: string;
}

/** The last embedded schema seen on a topic: its text, compiled form and (once needed) UTF-8 bytes. */
interface SchemaHint {
  text: string;
  compiled: CompiledEnvelopeSchema;
  bytes: Buffer | undefined;
}

/** `true` when `raw` holds the few bytes `expected` at `offset` (a loop: cheaper than a native call for ~10 bytes). */
function smallBytesAt(raw: Uint8Array, offset: number, expected: Uint8Array): boolean {
  if (offset + expected.length > raw.length) return false;
  for (let i = 0; i < expected.length; i++) if (raw[offset + i] !== expected[i]) return false;
  return true;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compileEnvelopeSchema(schema: unknown): CompiledEnvelopeSchema {
  if (!isObject(schema)) return fail('INVALID_SCHEMA', 'embedded "schema" must be an object', ['schema']);
  const s = schema as unknown as ConnectSchema;
  const whole = compileConnectSchema(s, ['schema']);
  let before: JsonFieldDecoder | undefined;
  let after: JsonFieldDecoder | undefined;
  if (s.type === 'struct' && Array.isArray(s.fields)) {
    for (const f of s.fields) {
      if (f.field === 'before') before = compileConnectSchema(f, ['schema', 'before']);
      else if (f.field === 'after') after = compileConnectSchema(f, ['schema', 'after']);
    }
  }
  return { whole, before, after };
}

/**
 * Decodes JSON message values and keys. One instance per decoder (holds the schema cache).
 *
 * @example
 * const json = new JsonValueDecoder(settings); json.decodeValue(text, meta).kind // 'change'
 */
export class JsonValueDecoder {
  private readonly cache = new Map<number, { text: string; compiled: CompiledEnvelopeSchema }[]>();
  private cached = 0;
  private readonly ctx: JsonContext;

  constructor(private readonly settings: JsonDecoderSettings) {
    this.ctx = createJsonContext(settings.placeholder, settings.maxDepth);
  }

  private lookup(schemaText: string): CompiledEnvelopeSchema | undefined {
    const bucket = this.cache.get(schemaText.length);
    if (bucket) for (const e of bucket) if (e.text === schemaText) return e.compiled;
    let parsed: unknown;
    try {
      parsed = parseLosslessJson(schemaText, { maxDepth: 256 });
    } catch {
      return undefined;
    }
    const compiled = compileEnvelopeSchema(parsed);
    if (this.cached >= this.settings.schemaCacheSize) {
      this.cache.clear();
      this.cached = 0;
    }
    const list = this.cache.get(schemaText.length) ?? [];
    list.push({ text: schemaText, compiled });
    this.cache.set(schemaText.length, list);
    this.cached++;
    return compiled;
  }

  /** Last schema seen per topic (values and keys separately): checked first, so the split costs one comparison. */
  private readonly hints = new Map<string, SchemaHint>();
  private readonly keyHints = new Map<string, SchemaHint>();

  /** Splits a compact JsonConverter message; `undefined` when the fast path does not apply. */
  private split(text: string, topic: string, isKey: boolean): Split | undefined {
    if (!text.startsWith(PREFIX)) return undefined;
    const hints = isKey ? this.keyHints : this.hints;
    let end = text.length - 1;
    while (end > 0 && text.charCodeAt(end) <= 32) end--;
    if (text.charCodeAt(end) !== 125) return undefined;
    const hint = hints.get(topic);
    if (hint !== undefined) {
      const at = PREFIX.length + hint.text.length;
      // `slice` + `===` is a memcmp; `startsWith` at an offset compares char by char.
      if (
        at + SPLIT.length <= end &&
        text.startsWith(SPLIT, at) &&
        text.slice(PREFIX.length, at) === hint.text
      ) {
        return { compiled: hint.compiled, payloadText: text.slice(at + SPLIT.length, end) };
      }
    }
    const at = text.indexOf(SPLIT, PREFIX.length);
    if (at < 0 || at >= end) return undefined;
    const schemaText = text.slice(PREFIX.length, at);
    const compiled = this.lookup(schemaText);
    if (!compiled) return undefined;
    if (hints.size >= this.settings.schemaCacheSize) hints.clear();
    hints.set(topic, { text: schemaText, compiled, bytes: undefined });
    return { compiled, payloadText: text.slice(at + SPLIT.length, end) };
  }

  /**
   * {@link split} on the raw bytes, for a message whose schema half is byte-for-byte the topic's last schema: the
   * schema bytes are compared natively and never decoded to a string, and only the payload half is UTF-8 decoded.
   * `undefined` when that does not apply (the caller then decodes the whole text).
   */
  private splitBytes(raw: Uint8Array, topic: string): Split | undefined {
    const hint = this.hints.get(topic);
    if (hint === undefined) return undefined;
    const schema = (hint.bytes ??= Buffer.from(hint.text, 'utf8'));
    const at = PREFIX_BYTES.length + schema.length;
    let end = raw.length - 1;
    while (end > 0 && (raw[end] as number) <= 32) end--;
    if (raw[end] !== 125 || at + SPLIT_BYTES.length > end) return undefined;
    if (
      !smallBytesAt(raw, 0, PREFIX_BYTES) ||
      !smallBytesAt(raw, at, SPLIT_BYTES) ||
      schema.compare(raw, PREFIX_BYTES.length, at) !== 0
    )
      return undefined;
    // Invalid UTF-8 in the payload half throws MALFORMED_JSON, as decoding the whole text would.
    return { compiled: hint.compiled, payloadText: utf8Text(raw.subarray(at + SPLIT_BYTES.length, end)) };
  }

  /**
   * The fast path of a compact `{"schema":…,"payload":…}` message, once split ({@link split}, {@link splitBytes}):
   * `JSON.parse` the payload half and decode it with the compiled schema. `undefined` when the path does not apply (then the caller parses the whole text),
   * `'exact'` when a number needs the exact parser ({@link NEED_EXACT}).
   */
  private viaSplit<T>(
    fast: Split | undefined,
    decode: (payload: unknown, compiled: CompiledEnvelopeSchema) => T,
  ): { value: T } | 'exact' | undefined {
    if (!fast) return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(fast.payloadText);
    } catch {
      return undefined;
    }
    this.ctx.text = fast.payloadText;
    try {
      return { value: decode(payload, fast.compiled) };
    } catch (e) {
      if (e !== NEED_EXACT) throw e;
      return 'exact';
    }
  }

  /** Envelope hooks; state is per message (`schema`, `payload`, `topic`), no closures are created per message. */
  private readonly hookState = {
    schema: null as CompiledEnvelopeSchema | null,
    payload: {} as Record<string, unknown>,
    topic: '',
  };

  private readonly hooks: EnvelopeHooks = {
    row: (v, field) => this.row(v, field),
    exact: (v, key) =>
      typeof v === 'number' && (v > MAX_SAFE || v < -MAX_SAFE) ? exactNumber(this.ctx, key, v) : v,
    unavailable: () => this.ctx.unavailable,
  };

  private row(v: unknown, field: 'before' | 'after' | 'value'): Row | null {
    const { schema, payload, topic } = this.hookState;
    if (schema) {
      const dec = field === 'before' ? schema.before : field === 'after' ? schema.after : schema.whole;
      if (!dec) return fail('INVALID_SCHEMA', `embedded schema has no "${field}" field`);
      return dec(v, field, this.ctx) as Row | null;
    }
    return decodeSchemalessRow(v as Record<string, unknown>, this.tableTypes(payload, topic), this.ctx);
  }

  private tableTypes(
    p: Record<string, unknown>,
    topic: string,
  ): ReadonlyMap<string, JsonFieldDecoder> | undefined {
    const tm = this.settings.typeMap;
    if (!tm) return undefined;
    const src = p['source'];
    if (isObject(src) && typeof src['table'] === 'string' && src['table'] !== '') {
      return tm.lookup(typeof src['schema'] === 'string' ? src['schema'] : '', src['table']);
    }
    const fromTopic = tableFromTopic(topic);
    const t = p['__table'];
    if (typeof t === 'string')
      return tm.lookup(typeof p['__schema'] === 'string' ? p['__schema'] : fromTopic.schema, t);
    return tm.lookup(fromTopic.schema, fromTopic.table);
  }

  private run(payload: unknown, schema: CompiledEnvelopeSchema | null, meta: EnvelopeMeta): DecodedEvent {
    this.ctx.unavailable = 0;
    meta.format = schema ? 'json-schema' : 'json';
    const st = this.hookState;
    st.schema = schema;
    st.payload = isObject(payload) ? payload : {};
    st.topic = meta.topic;
    return assembleValue(payload, meta, this.hooks);
  }

  /**
   * Decodes a message value given as UTF-8 bytes: messages that repeat their topic's schema skip decoding the schema
   * half ({@link splitBytes}); anything else goes through {@link decodeValue} on the whole text. Throws
   * {@link CdcError}.
   */
  decodeValueBytes(raw: Uint8Array, meta: EnvelopeMeta): DecodedEvent {
    this.ctx.exact = false;
    const fast = this.viaSplit(this.splitBytes(raw, meta.topic), (payload, compiled) =>
      this.run(payload, compiled, meta),
    );
    if (fast === 'exact') return this.exactRun(utf8Text(raw), meta);
    if (fast) return fast.value;
    return this.decodeValue(utf8Text(raw), meta);
  }

  /**
   * Decodes a message value. Throws {@link CdcError}.
   */
  decodeValue(text: string, meta: EnvelopeMeta): DecodedEvent {
    const ctx = this.ctx;
    ctx.exact = false;
    const fast = this.viaSplit(this.split(text, meta.topic, false), (payload, compiled) =>
      this.run(payload, compiled, meta),
    );
    if (fast === 'exact') return this.exactRun(text, meta);
    if (fast) return fast.value;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return fail('MALFORMED_JSON', (e as Error).message);
    }
    ctx.text = text;
    try {
      return this.dispatch(value, meta);
    } catch (e) {
      if (e !== NEED_EXACT) throw e;
    }
    return this.exactRun(text, meta);
  }

  private exactRun(text: string, meta: EnvelopeMeta): DecodedEvent {
    const value = parseLosslessJson(text, { maxDepth: this.settings.maxDepth + 8 });
    this.ctx.exact = true;
    this.ctx.text = text;
    return this.dispatch(value, meta);
  }

  private dispatch(value: unknown, meta: EnvelopeMeta): DecodedEvent {
    if (isObject(value) && 'schema' in value) {
      if (!('payload' in value))
        return fail('INVALID_ENVELOPE', 'message has "schema" but no "payload"', ['payload']);
      const payload = value['payload'];
      if (payload === null)
        return fail('INVALID_ENVELOPE', '"payload" is null (a tombstone has a null Kafka value instead)', [
          'payload',
        ]);
      const schema = value['schema'] === null ? null : this.schemaOf(value);
      return this.run(payload, schema, meta);
    }
    return this.run(value, null, meta);
  }

  private schemaOf(value: Record<string, unknown>): CompiledEnvelopeSchema {
    // Embedded schemas are compiled from the exact parse so that int64 defaults keep every digit.
    const schema = this.ctx.exact
      ? value['schema']
      : (parseLosslessJson(this.ctx.text) as Record<string, unknown>)['schema'];
    return compileEnvelopeSchema(schema);
  }

  /**
   * Decodes a JSON key given as UTF-8 bytes: a compact flat key such as `{"id":100001}` is read straight from the
   * bytes ({@link parseFlatObject}); anything else goes through {@link decodeKey} on the whole text. Throws
   * {@link CdcError}.
   */
  decodeKeyBytes(
    raw: Uint8Array,
    types: ReadonlyMap<string, JsonFieldDecoder> | undefined,
    topic: string,
  ): Row | null {
    const flat = parseFlatObject(raw);
    if (flat !== undefined && !('schema' in flat)) {
      const ctx = this.ctx;
      ctx.exact = false;
      ctx.unavailable = 0;
      ctx.text = '';
      try {
        return decodeSchemalessRow(flat, types, ctx);
      } catch (e) {
        // A typed column wants the exact literal text: take the text path.
        if (e !== NEED_EXACT) throw e;
      }
    }
    return this.decodeKey(utf8Text(raw), types, topic);
  }

  /**
   * Decodes a JSON key (`{schema,payload}` or a plain object) to a row. Throws {@link CdcError}.
   */
  decodeKey(text: string, types: ReadonlyMap<string, JsonFieldDecoder> | undefined, topic = ''): Row | null {
    const ctx = this.ctx;
    ctx.exact = false;
    ctx.unavailable = 0;
    const fast = this.viaSplit(this.split(text, topic, true), (payload, compiled) =>
      payload === null ? null : this.structKey(compiled.whole(payload, 'payload', ctx)),
    );
    if (fast !== undefined && fast !== 'exact') return fast.value;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return fail('MALFORMED_JSON', (e as Error).message);
    }
    ctx.text = text;
    try {
      return this.keyRow(value, types);
    } catch (e) {
      if (e !== NEED_EXACT) throw e;
    }
    ctx.exact = true;
    return this.keyRow(parseLosslessJson(text, { maxDepth: this.settings.maxDepth + 8 }), types);
  }

  private structKey(decoded: unknown): Row {
    if (!isObject(decoded)) return fail('INVALID_ENVELOPE', 'key must be a struct');
    return decoded as Row;
  }

  private keyRow(value: unknown, types: ReadonlyMap<string, JsonFieldDecoder> | undefined): Row | null {
    if (value === null) return null;
    if (isObject(value) && 'schema' in value && 'payload' in value) {
      const payload = value['payload'];
      if (payload === null) return null;
      if (value['schema'] === null) return this.keyRow(payload, types);
      const schema = this.ctx.exact
        ? value['schema']
        : (parseLosslessJson(this.ctx.text) as Record<string, unknown>)['schema'];
      return this.structKey(
        compileConnectSchema(schema as ConnectSchema, ['schema'])(payload, 'payload', this.ctx),
      );
    }
    if (!isObject(value)) return fail('INVALID_ENVELOPE', 'key must be a JSON object');
    return decodeSchemalessRow(value, types, this.ctx);
  }
}
