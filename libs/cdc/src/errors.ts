/**
 * Typed errors of the decoder. Decoding never throws on data: failures come back as {@link DecodeError}
 * values. {@link CdcError} is the one throwable class of the library (used by helpers such as
 * {@link toCanonicalJson} and by the CLI); the decoder converts it into a `DecodeError`.
 */

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
 * if (result.kind === 'error' && result.code === 'UNKNOWN_SCHEMA_ID') retryLater();
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
 * The throwable error of `@ecom/cdc`: a `code`, the `path` of the failing field, a `retriable` flag and an optional `cause`.
 *
 * @example
 * try { toCanonicalJson(deeplyNested) } catch (e) { if (e instanceof CdcError) console.log(e.code) } // 'NESTING_TOO_DEEP'
 */
export class CdcError extends Error {
  override readonly name = 'CdcError';
  readonly code: DecodeErrorCode;
  readonly path: PathSegment[];
  readonly retriable: boolean;

  constructor(
    code: DecodeErrorCode,
    message: string,
    options: { path?: PathSegment[]; cause?: unknown; retriable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path ?? [];
    this.retriable = options.retriable ?? false;
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
 * const v = withPath('after', () => decodeRow(payload.after));
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
