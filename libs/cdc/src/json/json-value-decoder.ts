/**
 * JSON messages (JsonConverter with or without schemas, unwrapped or not).
 *
 * Fast paths: compact `{"schema":…,"payload":…}` messages are split by {@link EmbeddedSchemaSplitter} (so the big
 * schema half is parsed once); all parsing is `JSON.parse` with
 * exact literals recovered by key when needed; the exact parser is the fallback.
 */
import { compileConnectSchema, type ConnectSchema, type JsonFieldDecoder } from '../connect-schema.js';
import {
  compileEnvelopeSchema,
  EmbeddedSchemaSplitter,
  type CompiledEnvelopeSchema,
  type SplitMessage,
} from './embedded-schema-split.js';
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
import { isObject } from '../internal/object-fields.js';

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

/**
 * Decodes JSON message values and keys. One instance per decoder (holds the schema cache).
 *
 * @example
 * const json = new JsonValueDecoder(settings); json.decodeValue(text, meta).kind // 'change'
 */
export class JsonValueDecoder {
  private readonly ctx: JsonContext;

  private readonly splitter: EmbeddedSchemaSplitter;

  constructor(private readonly settings: JsonDecoderSettings) {
    this.ctx = createJsonContext(settings.placeholder, settings.maxDepth);
    this.splitter = new EmbeddedSchemaSplitter(settings.schemaCacheSize);
  }

  /** {@link EmbeddedSchemaSplitter.splitBytes} for a value, with its payload half decoded to text. */
  private splitValueBytes(raw: Uint8Array, topic: string): SplitMessage<string> | undefined {
    const half = this.splitter.splitBytes(raw, topic, false);
    // Invalid UTF-8 in the payload half throws MALFORMED_JSON, as decoding the whole text would.
    return half && { compiled: half.compiled, payload: utf8Text(half.payload) };
  }

  /**
   * The fast path of a compact `{"schema":…,"payload":…}` message, once split ({@link EmbeddedSchemaSplitter}):
   * `JSON.parse` the payload half and decode it with the compiled schema. `undefined` when the path does not apply (then the caller parses the whole text),
   * `'exact'` when a number needs the exact parser ({@link NEED_EXACT}).
   */
  private viaSplit<T>(
    fast: SplitMessage<string> | undefined,
    decode: (payload: unknown, compiled: CompiledEnvelopeSchema) => T,
  ): { value: T } | 'exact' | undefined {
    if (!fast) return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(fast.payload);
    } catch {
      return undefined;
    }
    this.ctx.text = fast.payload;
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
   * half ({@link EmbeddedSchemaSplitter.splitBytes}); anything else goes through {@link decodeValue} on the whole text. Throws
   * {@link CdcError}.
   */
  decodeValueBytes(raw: Uint8Array, meta: EnvelopeMeta): DecodedEvent {
    this.ctx.exact = false;
    const fast = this.viaSplit(this.splitValueBytes(raw, meta.topic), (payload, compiled) =>
      this.run(payload, compiled, meta),
    );
    if (fast === undefined) return this.decodeValue(utf8Text(raw), meta);
    if (fast !== 'exact') return fast.value;
    return this.parsed(utf8Text(raw), true, (value) => this.dispatch(value, meta));
  }

  /**
   * Decodes a message value. Throws {@link CdcError}.
   */
  decodeValue(text: string, meta: EnvelopeMeta): DecodedEvent {
    this.ctx.exact = false;
    const fast = this.viaSplit(this.splitter.split(text, meta.topic, false), (payload, compiled) =>
      this.run(payload, compiled, meta),
    );
    if (fast !== undefined && fast !== 'exact') return fast.value;
    return this.parsed(text, fast === 'exact', (value) => this.dispatch(value, meta));
  }

  /**
   * The whole-text path: `JSON.parse` the text (MALFORMED_JSON when it is not JSON) and `decode` it; when a number
   * needs its exact literal ({@link NEED_EXACT}), or when `exactNow`, decode the exact parse instead.
   */
  private parsed<T>(text: string, exactNow: boolean, decode: (value: unknown) => T): T {
    const ctx = this.ctx;
    if (!exactNow) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        return fail('MALFORMED_JSON', (e as Error).message);
      }
      ctx.text = text;
      try {
        return decode(value);
      } catch (e) {
        if (e !== NEED_EXACT) throw e;
      }
    }
    const value = parseLosslessJson(text, { maxDepth: this.settings.maxDepth + 8 });
    ctx.exact = true;
    ctx.text = text;
    return decode(value);
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
   * Decodes a JSON key given as UTF-8 bytes: a compact flat key such as `{"id":100001}`, bare or as the payload of a
   * key that repeats its topic's schema ({@link EmbeddedSchemaSplitter.splitBytes}), is read straight from the bytes ({@link parseFlatObject});
   * anything else goes through {@link decodeKey} on the whole text. Throws {@link CdcError}.
   */
  decodeKeyBytes(
    raw: Uint8Array,
    types: ReadonlyMap<string, JsonFieldDecoder> | undefined,
    topic: string,
  ): Row | null {
    const ctx = this.ctx;
    const withSchema = this.splitter.splitBytes(raw, topic, true);
    const flat = parseFlatObject(withSchema ? withSchema.payload : raw);
    if (flat !== undefined && (withSchema || !('schema' in flat))) {
      ctx.exact = false;
      ctx.unavailable = 0;
      ctx.text = '';
      try {
        return withSchema
          ? this.structKey(withSchema.compiled.whole(flat, 'payload', ctx))
          : decodeSchemalessRow(flat, types, ctx);
      } catch (e) {
        // A column wants the exact literal text: take the text path.
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
    const fast = this.viaSplit(this.splitter.split(text, topic, true), (payload, compiled) =>
      payload === null ? null : this.structKey(compiled.whole(payload, 'payload', ctx)),
    );
    if (fast !== undefined && fast !== 'exact') return fast.value;
    return this.parsed(text, fast === 'exact', (value) => this.keyRow(value, types));
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
