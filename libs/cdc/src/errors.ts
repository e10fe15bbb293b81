/**
 * Typed errors of the decoder. Decoding never throws on data: failures come back as `{ ok: false, error }`
 * results whose error is a {@link DecodeError}. {@link CdcError} is the throwable class of the library (used by
 * helpers such as {@link toCanonicalJson} and by the CLI); the decoder turns it into a `DecodeError`. Both are
 * `EcomError`s of `@ecom/domain`.
 */
import { EcomError } from '@ecom/domain';
import type { KafkaHeaders, KafkaOffset, RawBytes } from './types.js';

/**
 * Every way decoding can fail.
 *
 * - `MALFORMED_JSON`: the value (or key) is not valid JSON / not valid UTF-8.
 * - `UNKNOWN_MAGIC_BYTE`: a binary value whose first byte is neither JSON text nor the Confluent magic byte 0.
 * - `UNKNOWN_SCHEMA_ID`: the schema registry does not know the id in the Confluent frame (or no registry is configured).
 * - `SCHEMA_REGISTRY_UNAVAILABLE`: the registry port threw (retriable).
 * - `INVALID_SCHEMA`: an embedded Connect schema or an Avro schema is malformed.
 * - `SCHEMA_MISMATCH`: a value does not match its schema (wrong JSON type, bad base64, truncated Avro, …).
 * - `UNSUPPORTED_TYPE`: a schema uses a type this decoder does not know.
 * - `INVALID_ENVELOPE`: the message is not a Debezium envelope / heartbeat / transaction marker / unwrapped row.
 * - `UNKNOWN_OP`: the envelope `op` is not one of c, u, d, r, t, m.
 * - `VALUE_TOO_LARGE`: the key or value exceeds `maxBytes`.
 * - `NESTING_TOO_DEEP`: nested arrays/objects exceed `maxDepth`.
 * - `DOMAIN_VALIDATION`: `toDomainRecord` rejected a row.
 * - `INTERNAL_ERROR`: a bug in the decoder (reported, never thrown).
 *
 * @example
 * const r = decoder.decodeSync(record);
 * if (!r.ok && r.error.code === 'UNKNOWN_SCHEMA_ID') retryLater();
 */
export type DecodeErrorCode =
  | 'MALFORMED_JSON'
  | 'UNKNOWN_MAGIC_BYTE'
  | 'UNKNOWN_SCHEMA_ID'
  | 'SCHEMA_REGISTRY_UNAVAILABLE'
  | 'INVALID_SCHEMA'
  | 'SCHEMA_MISMATCH'
  | 'UNSUPPORTED_TYPE'
  | 'INVALID_ENVELOPE'
  | 'UNKNOWN_OP'
  | 'VALUE_TOO_LARGE'
  | 'NESTING_TOO_DEEP'
  | 'DOMAIN_VALIDATION'
  | 'INTERNAL_ERROR';

/**
 * Every {@link DecodeErrorCode}, for exhaustive checks.
 *
 * @example
 * DECODE_ERROR_CODES.includes('MALFORMED_JSON') // true
 */
export const DECODE_ERROR_CODES: readonly DecodeErrorCode[] = [
  'MALFORMED_JSON',
  'UNKNOWN_MAGIC_BYTE',
  'UNKNOWN_SCHEMA_ID',
  'SCHEMA_REGISTRY_UNAVAILABLE',
  'INVALID_SCHEMA',
  'SCHEMA_MISMATCH',
  'UNSUPPORTED_TYPE',
  'INVALID_ENVELOPE',
  'UNKNOWN_OP',
  'VALUE_TOO_LARGE',
  'NESTING_TOO_DEEP',
  'DOMAIN_VALIDATION',
  'INTERNAL_ERROR',
];

/**
 * A segment of the path to the failing field: object keys and array indexes.
 *
 * @example
 * const path: PathSegment[] = ['after', 'tags', 0];
 */
export type PathSegment = string | number;

/**
 * The throwable error of `@ecom/cdc`, an `EcomError`: a `code`, the `path` of the failing field, a `retriable`
 * flag and an optional `cause`.
 *
 * @example
 * try {
 *   toCanonicalJson({ a: { b: 1 } }, { maxDepth: 1 });
 * } catch (e) {
 *   if (e instanceof CdcError) console.log(e.code, e.retriable); // 'NESTING_TOO_DEEP' false
 * }
 */
export class CdcError extends EcomError<DecodeErrorCode> {
  override readonly name: string = 'CdcError';
  readonly path: PathSegment[];

  constructor(
    code: DecodeErrorCode,
    message: string,
    options: { path?: PathSegment[]; cause?: unknown; retriable?: boolean } = {},
  ) {
    super(code, message, { cause: options.cause, retriable: options.retriable });
    this.path = options.path ?? [];
  }
}

/**
 * Where a {@link DecodeError} comes from: the failing part, the record's position and its original bytes.
 *
 * @example
 * const init: DecodeErrorInit = {
 *   part: 'value',
 *   raw: { key: null, value: bytes },
 *   topic: 'ecommerce-cdc.public.orders',
 *   partition: 0,
 *   offset: '42',
 *   headers: undefined,
 * };
 * const error = new DecodeError('MALFORMED_JSON', 'unexpected end of JSON input', init);
 */
export interface DecodeErrorInit {
  /** Which part failed: the key, or the value (the envelope as a whole). */
  part: 'key' | 'value';
  path?: PathSegment[];
  retriable?: boolean;
  cause?: unknown;
  /** The original key and value exactly as received (not copied). */
  raw: { readonly key: RawBytes; readonly value: RawBytes };
  topic: string;
  partition: number | undefined;
  offset: KafkaOffset | undefined;
  headers: KafkaHeaders | undefined;
}

/**
 * A record the decoder (or `toDomainRecord`) refused: the `error` of a failed decode result. It is a
 * {@link CdcError} that also knows the failing `part`, the record's `topic`/`partition`/`offset`/`headers`, and
 * keeps the original bytes in `raw` for dead-lettering. Only bad records create one.
 *
 * @example
 * const r = decoder.decodeSync(record);
 * if (!r.ok) await deadLetter.send(r.error); // r.error.code, r.error.path, r.error.raw.value
 */
export class DecodeError extends CdcError {
  override readonly name = 'DecodeError';
  readonly part: 'key' | 'value';
  override readonly raw: { readonly key: RawBytes; readonly value: RawBytes };
  readonly topic: string;
  readonly partition: number | undefined;
  readonly offset: KafkaOffset | undefined;
  readonly headers: KafkaHeaders | undefined;

  constructor(code: DecodeErrorCode, message: string, init: DecodeErrorInit) {
    super(code, message, { path: init.path, cause: init.cause, retriable: init.retriable });
    this.part = init.part;
    this.raw = init.raw;
    this.topic = init.topic;
    this.partition = init.partition;
    this.offset = init.offset;
    this.headers = init.headers;
  }
}

/**
 * Throws a {@link CdcError}. Internal helper used by the decoders.
 *
 * @example
 * if (typeof v !== 'string') fail('SCHEMA_MISMATCH', 'expected a string');
 */
export function fail(
  code: DecodeErrorCode,
  message: string,
  path: PathSegment[] = [],
  cause?: unknown,
): never {
  throw new CdcError(code, message, { path, cause });
}

/**
 * Runs `fn` and, if it throws a {@link CdcError}, prefixes `segment` to the error path. Used by structural decoders.
 *
 * @example
 * const v = withPath('after', () => decodeSchemalessRow(payload.after as Record<string, unknown>, undefined, ctx));
 */
export function withPath<T>(segment: PathSegment, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CdcError) e.path.unshift(segment);
    throw e;
  }
}

/**
 * Normalises anything thrown into a {@link CdcError} (unknown throwables become `INTERNAL_ERROR`, stack overflows
 * become `NESTING_TOO_DEEP`).
 *
 * @example
 * const err = toCdcError(new RangeError('Maximum call stack size exceeded')); // code 'NESTING_TOO_DEEP'
 */
export function toCdcError(e: unknown): CdcError {
  if (e instanceof CdcError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new CdcError('NESTING_TOO_DEEP', 'value is nested too deeply', { cause: e });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new CdcError('INTERNAL_ERROR', `internal decoder error: ${message}`, { cause: e });
}
