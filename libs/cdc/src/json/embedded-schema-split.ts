/**
 * The embedded-schema fast path of JsonConverter messages (`schemas.enable=true`): a compact
 * `{"schema":…,"payload":…}` message is split at `,"payload":`, and its schema half is looked up in a cache of
 * compiled schemas, so that the big schema half is parsed and compiled once per distinct schema. The last schema of
 * each topic is remembered, so that a message repeating it costs one comparison, on the text or on the raw bytes.
 */
import { Buffer } from 'node:buffer';
import { compileConnectSchema, type ConnectSchema, type JsonFieldDecoder } from '../connect-schema.js';
import { fail } from '../errors.js';
import { parseLosslessJson } from '../lossless-json.js';

/**
 * A compiled embedded schema: decoders for the payload's row-carrying fields.
 *
 * @example
 * const compiled = compileEnvelopeSchema({ type: 'struct', fields: [{ field: 'after', type: 'struct', fields: [] }] });
 * compiled.after !== undefined // true
 */
export interface CompiledEnvelopeSchema {
  /** Decoder of the whole payload when it is a row struct (unwrapped records, keys). */
  whole: JsonFieldDecoder;
  before: JsonFieldDecoder | undefined;
  after: JsonFieldDecoder | undefined;
}

/**
 * A split compact message: the compiled schema and the payload half, as text or as bytes.
 *
 * @example
 * const half: SplitMessage<string> = { compiled, payload: '{"op":"c",…}' };
 */
export interface SplitMessage<P> {
  compiled: CompiledEnvelopeSchema;
  payload: P;
}

/** The last embedded schema seen on a topic: its text, compiled form and (once needed) UTF-8 bytes. */
interface SchemaHint {
  text: string;
  compiled: CompiledEnvelopeSchema;
  bytes: Buffer | undefined;
}

const PREFIX = '{"schema":';
const SPLIT = ',"payload":';
const PREFIX_BYTES = Buffer.from(PREFIX, 'utf8');
const SPLIT_BYTES = Buffer.from(SPLIT, 'utf8');
const CLOSE_BRACE = 125;

/** `true` when `raw` holds the few bytes `expected` at `offset` (a loop: cheaper than a native call for ~10 bytes). */
function smallBytesAt(raw: Uint8Array, offset: number, expected: Uint8Array): boolean {
  if (offset + expected.length > raw.length) return false;
  for (let i = 0; i < expected.length; i++) if (raw[offset + i] !== expected[i]) return false;
  return true;
}

/**
 * Compiles a Connect schema (a parsed `schema` object) into the decoders of a message's row-carrying fields. Throws
 * {@link CdcError} `INVALID_SCHEMA` when it is not an object.
 *
 * @example
 * compileEnvelopeSchema(parsed['schema']).after?.(payload.after, 'after', ctx)
 */
export function compileEnvelopeSchema(schema: unknown): CompiledEnvelopeSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    return fail('INVALID_SCHEMA', 'embedded "schema" must be an object', ['schema']);
  const s = schema as ConnectSchema;
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
 * Splits compact `{"schema":…,"payload":…}` messages and caches their compiled schemas (at most `cacheSize`
 * distinct schemas, and one remembered schema per topic for values and for keys). One instance per decoder.
 *
 * @example
 * const splitter = new EmbeddedSchemaSplitter(256);
 * splitter.split('{"schema":{"type":"int32"},"payload":7}', 'topic', false)?.payload // '7'
 */
export class EmbeddedSchemaSplitter {
  private readonly cache = new Map<number, { text: string; compiled: CompiledEnvelopeSchema }[]>();
  private cached = 0;
  /** Last schema seen per topic (values and keys separately): checked first, so the split costs one comparison. */
  private readonly hints = new Map<string, SchemaHint>();
  private readonly keyHints = new Map<string, SchemaHint>();

  constructor(private readonly cacheSize: number) {}

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
    if (this.cached >= this.cacheSize) {
      this.cache.clear();
      this.cached = 0;
    }
    const list = this.cache.get(schemaText.length) ?? [];
    list.push({ text: schemaText, compiled });
    this.cache.set(schemaText.length, list);
    this.cached++;
    return compiled;
  }

  /**
   * Splits a compact message text and remembers its schema for the topic. `undefined` when the fast path does not
   * apply (not compact, or the schema half is not valid JSON): the caller then parses the whole text. Throws
   * {@link CdcError} when the schema half is JSON but not a valid schema.
   */
  split(text: string, topic: string, isKey: boolean): SplitMessage<string> | undefined {
    if (!text.startsWith(PREFIX)) return undefined;
    const hints = isKey ? this.keyHints : this.hints;
    let end = text.length - 1;
    while (end > 0 && text.charCodeAt(end) <= 32) end--;
    if (text.charCodeAt(end) !== CLOSE_BRACE) return undefined;
    const hint = hints.get(topic);
    if (hint !== undefined) {
      const at = PREFIX.length + hint.text.length;
      // `slice` + `===` is a memcmp; `startsWith` at an offset compares char by char.
      if (
        at + SPLIT.length <= end &&
        text.startsWith(SPLIT, at) &&
        text.slice(PREFIX.length, at) === hint.text
      ) {
        return { compiled: hint.compiled, payload: text.slice(at + SPLIT.length, end) };
      }
    }
    const at = text.indexOf(SPLIT, PREFIX.length);
    if (at < 0 || at >= end) return undefined;
    const schemaText = text.slice(PREFIX.length, at);
    const compiled = this.lookup(schemaText);
    if (!compiled) return undefined;
    if (hints.size >= this.cacheSize) hints.clear();
    hints.set(topic, { text: schemaText, compiled, bytes: undefined });
    return { compiled, payload: text.slice(at + SPLIT.length, end) };
  }

  /**
   * {@link split} on the raw bytes, for a message whose schema half is byte-for-byte the topic's last schema: the
   * schema bytes are compared natively and never decoded to a string. Returns the compiled schema and the payload
   * half as a view of `raw`; `undefined` when that does not apply (the caller then decodes the whole text).
   */
  splitBytes(raw: Uint8Array, topic: string, isKey: boolean): SplitMessage<Uint8Array> | undefined {
    const hint = (isKey ? this.keyHints : this.hints).get(topic);
    if (hint === undefined) return undefined;
    const schema = (hint.bytes ??= Buffer.from(hint.text, 'utf8'));
    const at = PREFIX_BYTES.length + schema.length;
    let end = raw.length - 1;
    while (end > 0 && (raw[end] as number) <= 32) end--;
    if (raw[end] !== CLOSE_BRACE || at + SPLIT_BYTES.length > end) return undefined;
    if (
      !smallBytesAt(raw, 0, PREFIX_BYTES) ||
      !smallBytesAt(raw, at, SPLIT_BYTES) ||
      schema.compare(raw, PREFIX_BYTES.length, at) !== 0
    )
      return undefined;
    return { compiled: hint.compiled, payload: raw.subarray(at + SPLIT_BYTES.length, end) };
  }
}
