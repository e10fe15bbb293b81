/**
 * The decoder: Kafka record in, typed result out. Never throws on data.
 */
import {
  compileAvroReader,
  type AvroContext,
  type AvroReader,
  type AvroSchema,
} from './avro/compile-avro-reader.js';
import { Tap } from './avro/tap.js';
import type { JsonFieldDecoder } from './connect-schema.js';
import { assembleValue, tableFromTopic, type EnvelopeHooks, type EnvelopeMeta } from './envelope.js';
import { err, ok } from '@ecom/domain';
import { CdcError, DecodeError, fail, toCdcError } from './errors.js';
import { JsonValueDecoder } from './json/json-value-decoder.js';
import { utf8Text } from './json/utf8-text.js';
import { readConfluentFrame, type SchemaRegistry } from './schema-registry.js';
import { compileTypeMap, type CompiledTypeMap, type TypeMap } from './type-map.js';
import type { DecodeResult, DecodedEvent, KafkaRecordLike, RawBytes, Row } from './types.js';
import { placeholderForms } from './unavailable.js';

/**
 * Options of {@link createDecoder}.
 *
 * @example
 * createDecoder({ maxBytes: 1 << 20, unwrapped: (topic) => topic.endsWith('.flat') });
 */
export interface DecoderOptions {
  /** Schema registry for Avro values/keys in the Confluent wire format. */
  registry?: SchemaRegistry;
  /** Column types for schemaless JSON (see {@link TypeMap}). */
  typeMap?: TypeMap;
  /**
   * Treat values as ExtractNewRecordState output (for all topics, or per topic). Without it, values carrying
   * `__op` or `__deleted` are recognised automatically.
   */
  unwrapped?: boolean | ((topic: string) => boolean);
  /** Prefix of fields added by ExtractNewRecordState (`add.fields.prefix`, default `'__'`). */
  fieldPrefix?: string;
  /** `unavailable.value.placeholder` of the connector (default `'__debezium_unavailable_value'`). */
  unavailablePlaceholder?: string;
  /** Largest key or value accepted, in bytes (UTF-16 code units for strings). Default 8 MiB. */
  maxBytes?: number;
  /** Deepest nesting of arrays/objects inside a column value. Default 64. */
  maxDepth?: number;
  /** Heartbeat topic prefix (`topic.heartbeat.prefix`). Default `'__debezium-heartbeat'`. */
  heartbeatTopicPrefix?: string;
  /** Decode Kafka keys (default `true`). */
  decodeKeys?: boolean;
  /** Distinct embedded JSON schemas kept compiled (default 256). */
  schemaCacheSize?: number;
}

/**
 * Decodes Kafka records. Create one per consumer with {@link createDecoder} (it caches compiled schemas). Every
 * result is `{ ok: true, value: DecodedEvent }` or `{ ok: false, error: DecodeError }`.
 *
 * @example
 * const r = await decoder.decode(record);
 * if (!r.ok) console.error(r.error.code, r.error.path);
 */
export interface Decoder {
  /** Decodes a record, fetching unknown Avro schema ids from the registry first. Never rejects. */
  decode(record: KafkaRecordLike): Promise<DecodeResult>;
  /**
   * Decodes a record synchronously (the hot path). JSON always works; Avro needs the schema id to be cached
   * already or a registry that answers synchronously — otherwise the result is a retriable `UNKNOWN_SCHEMA_ID`
   * error while the schema loads in the background.
   */
  decodeSync(record: KafkaRecordLike): DecodeResult;
  /** Loads and compiles Avro schema ids ahead of time. Resolves to the ids that failed. */
  preload(schemaIds: Iterable<number>): Promise<number[]>;
}

const OPEN_BRACE = 0x7b;

type Body =
  { kind: 'text'; text: string } | { kind: 'avro'; schemaId: number; bytes: Uint8Array; offset: number };

class DebeziumDecoder implements Decoder {
  private readonly json: JsonValueDecoder;
  private readonly typeMap: CompiledTypeMap | undefined;
  private readonly avro = new Map<number, AvroReader>();
  private readonly loading = new Map<number, Promise<void>>();
  private readonly avroCtx: AvroContext;
  private readonly avroHooks: EnvelopeHooks = {
    row: (v) => v as Row,
    exact: (v) => v,
    unavailable: () => this.avroCtx.unavailable,
  };
  private readonly maxBytes: number;
  private readonly unwrapped: (topic: string) => boolean;
  private readonly fieldPrefix: string;
  private readonly heartbeatPrefix: string;
  private readonly decodeKeys: boolean;

  constructor(private readonly options: DecoderOptions) {
    const placeholder = placeholderForms(options.unavailablePlaceholder);
    this.typeMap = options.typeMap ? compileTypeMap(options.typeMap) : undefined;
    this.json = new JsonValueDecoder({
      placeholder,
      maxDepth: options.maxDepth ?? 64,
      typeMap: this.typeMap,
      schemaCacheSize: options.schemaCacheSize ?? 256,
    });
    this.avroCtx = { placeholder, unavailable: 0 };
    this.maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
    const u = options.unwrapped;
    this.unwrapped = typeof u === 'function' ? u : () => u === true;
    this.fieldPrefix = options.fieldPrefix ?? '__';
    this.heartbeatPrefix = options.heartbeatTopicPrefix ?? '__debezium-heartbeat';
    this.decodeKeys = options.decodeKeys ?? true;
  }

  async decode(record: KafkaRecordLike): Promise<DecodeResult> {
    const ids: [number, 'key' | 'value'][] = [];
    const v = record.value instanceof Uint8Array ? readConfluentFrame(record.value) : undefined;
    if (v) ids.push([v.schemaId, 'value']);
    const k =
      this.decodeKeys && record.key instanceof Uint8Array ? readConfluentFrame(record.key) : undefined;
    if (k) ids.push([k.schemaId, 'key']);
    for (const [id, part] of ids) {
      if (this.avro.has(id)) continue;
      try {
        await this.load(id);
      } catch (e) {
        return err(this.error(e, record, part));
      }
    }
    return this.decodeSync(record);
  }

  async preload(schemaIds: Iterable<number>): Promise<number[]> {
    const failed: number[] = [];
    for (const id of schemaIds) {
      try {
        await this.load(id);
      } catch {
        failed.push(id);
      }
    }
    return failed;
  }

  private load(id: number): Promise<void> {
    if (this.avro.has(id)) return Promise.resolve();
    const pending = this.loading.get(id);
    if (pending) return pending;
    const p = (async () => {
      const registry = this.options.registry;
      if (!registry) fail('UNKNOWN_SCHEMA_ID', `Avro schema id ${id}: no schema registry configured`);
      let schema: AvroSchema | undefined | null;
      try {
        schema = await registry.getSchema(id);
      } catch (e) {
        throw new CdcError(
          'SCHEMA_REGISTRY_UNAVAILABLE',
          `schema registry failed for id ${id}: ${(e as Error)?.message ?? String(e)}`,
          { cause: e, retriable: true },
        );
      }
      this.install(id, schema);
    })().finally(() => this.loading.delete(id));
    this.loading.set(id, p);
    return p;
  }

  private install(id: number, schema: AvroSchema | undefined | null): AvroReader {
    if (schema === undefined || schema === null)
      return fail('UNKNOWN_SCHEMA_ID', `unknown Avro schema id ${id}`);
    let s: AvroSchema = schema;
    if (typeof schema === 'string' && /^\s*[[{"]/.test(schema)) {
      try {
        s = JSON.parse(schema) as AvroSchema;
      } catch (e) {
        return fail('INVALID_SCHEMA', `schema ${id} is not valid JSON: ${(e as Error).message}`);
      }
    }
    const reader = compileAvroReader(s);
    this.avro.set(id, reader);
    return reader;
  }

  private readerSync(id: number): AvroReader {
    const cached = this.avro.get(id);
    if (cached) return cached;
    const registry = this.options.registry;
    if (!registry) return fail('UNKNOWN_SCHEMA_ID', `Avro schema id ${id}: no schema registry configured`);
    if (!this.loading.has(id)) {
      let answer: ReturnType<SchemaRegistry['getSchema']>;
      try {
        answer = registry.getSchema(id);
      } catch (e) {
        throw new CdcError('SCHEMA_REGISTRY_UNAVAILABLE', `schema registry failed for id ${id}`, {
          cause: e,
          retriable: true,
        });
      }
      if (!(answer instanceof Promise)) return this.install(id, answer);
      const p = answer.then((s) => void this.install(id, s)).finally(() => this.loading.delete(id));
      p.catch(() => undefined);
      this.loading.set(id, p);
    }
    throw new CdcError('UNKNOWN_SCHEMA_ID', `Avro schema id ${id} is still loading; use decode() (async)`, {
      retriable: true,
    });
  }

  private body(raw: Uint8Array | string): Body {
    if (typeof raw === 'string') {
      if (raw.length > this.maxBytes)
        fail('VALUE_TOO_LARGE', `${raw.length} characters exceed maxBytes ${this.maxBytes}`);
      return { kind: 'text', text: raw };
    }
    if (raw.length > this.maxBytes)
      fail('VALUE_TOO_LARGE', `${raw.length} bytes exceed maxBytes ${this.maxBytes}`);
    const b0 = raw[0];
    if (b0 === 0) {
      const frame = readConfluentFrame(raw);
      if (!frame) return fail('SCHEMA_MISMATCH', 'Confluent frame is shorter than 5 bytes');
      return { kind: 'avro', schemaId: frame.schemaId, bytes: raw, offset: frame.offset };
    }
    if (b0 < 0x20 && b0 !== 9 && b0 !== 10 && b0 !== 13) {
      return fail(
        'UNKNOWN_MAGIC_BYTE',
        `unknown magic byte 0x${b0.toString(16).padStart(2, '0')} (expected JSON text or Confluent magic byte 0)`,
      );
    }
    return { kind: 'text', text: utf8Text(raw) };
  }

  private avroValue(b: Extract<Body, { kind: 'avro' }>): unknown {
    const reader = this.readerSync(b.schemaId);
    const tap = new Tap(b.bytes, b.offset);
    this.avroCtx.unavailable = 0;
    const v = reader(tap, this.avroCtx);
    if (tap.pos !== tap.end)
      fail('SCHEMA_MISMATCH', `${tap.end - tap.pos} trailing bytes after the Avro value`);
    return v;
  }

  /** Reused for every record (decoding is synchronous and nothing keeps a reference to it). */
  private readonly metaState: EnvelopeMeta = {
    topic: '',
    partition: undefined,
    offset: undefined,
    headers: undefined,
    key: null,
    format: 'json',
    unwrapped: false,
    heartbeatTopicPrefix: '',
    fieldPrefix: '',
  };

  private meta(record: KafkaRecordLike, topic: string): EnvelopeMeta {
    const m = this.metaState;
    m.topic = topic;
    m.partition = record.partition;
    m.offset = record.offset;
    m.headers = record.headers;
    m.key = null;
    m.format = 'json';
    m.unwrapped = this.unwrapped(topic);
    m.heartbeatTopicPrefix = this.heartbeatPrefix;
    m.fieldPrefix = this.fieldPrefix;
    return m;
  }

  private key(raw: RawBytes | undefined, schema: string, table: string, topic: string): Row | null {
    if (!this.decodeKeys || raw === null || raw === undefined || raw.length === 0) return null;
    if (raw instanceof Uint8Array && raw[0] === OPEN_BRACE && raw.length <= this.maxBytes) {
      const types = this.typeMap?.lookup(schema, table);
      return this.json.decodeKeyBytes(raw, types, topic);
    }
    const b = this.body(raw);
    if (b.kind === 'avro') {
      const v = this.avroValue(b);
      if (v === null) return null;
      if (typeof v !== 'object' || Array.isArray(v))
        return fail('INVALID_ENVELOPE', 'Avro key must be a record');
      return v as Row;
    }
    const types: ReadonlyMap<string, JsonFieldDecoder> | undefined = this.typeMap?.lookup(schema, table);
    return this.json.decodeKey(b.text, types, topic);
  }

  decodeSync(record: KafkaRecordLike): DecodeResult {
    let part: 'key' | 'value' = 'value';
    try {
      const topic = record.topic ?? '';
      const raw = record.value;
      if (raw === null || raw === undefined || raw.length === 0) {
        const t = tableFromTopic(topic);
        part = 'key';
        return ok({
          kind: 'tombstone',
          key: this.key(record.key, t.schema, t.table, topic),
          schema: t.schema,
          table: t.table,
          topic,
          partition: record.partition,
          offset: record.offset,
          headers: record.headers,
        });
      }
      const meta = this.meta(record, topic);
      let event: DecodedEvent;
      if (raw instanceof Uint8Array && raw[0] === OPEN_BRACE && raw.length <= this.maxBytes) {
        // JSON bytes: a message repeating its topic's embedded schema is split without decoding the schema half.
        event = this.json.decodeValueBytes(raw, meta);
      } else {
        const b = this.body(raw);
        if (b.kind === 'avro') {
          meta.format = 'avro';
          const value = this.avroValue(b);
          event = assembleValue(value, meta, this.avroHooks);
        } else {
          event = this.json.decodeValue(b.text, meta);
        }
      }
      part = 'key';
      if (event.kind === 'change') {
        event.key = this.key(record.key, event.schema, event.table, topic);
      } else if (event.kind === 'heartbeat' && event.serverName === null) {
        const key = this.key(record.key, '', '', topic);
        const s = key?.['serverName'];
        event.serverName = typeof s === 'string' ? s : null;
      }
      return ok(event);
    } catch (e) {
      return err(this.error(e, record, part));
    }
  }

  private error(e: unknown, record: KafkaRecordLike, part: 'key' | 'value'): DecodeError {
    const cdc = toCdcError(e);
    return new DecodeError(cdc.code, cdc.message, {
      part,
      path: cdc.path,
      retriable: cdc.retriable,
      cause: cdc.cause,
      raw: { key: record.key ?? null, value: record.value ?? null },
      topic: record.topic ?? '',
      partition: record.partition,
      offset: record.offset,
      headers: record.headers,
    });
  }
}

/**
 * Creates a decoder. Throws {@link CdcError} `INVALID_SCHEMA` only for a bad `typeMap`.
 *
 * @example
 * const decoder = createDecoder({ typeMap: typeMapFromShopTables() }); // exact shop decimals in schemaless JSON
 * const result = decoder.decodeSync({ topic: 'ecommerce-cdc.public.orders', key: null, value: message.value });
 * if (result.ok && result.value.kind === 'change') console.log(result.value.op, result.value.after?.total_price); // 'create' '129.90'
 */
export function createDecoder(options: DecoderOptions = {}): Decoder {
  return new DebeziumDecoder(options);
}
