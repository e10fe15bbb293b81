/**
 * Decoding of a single field under a Connect schema (the `cdc field` CLI and the field conformance vectors).
 */
import { compileConnectSchema, type ConnectSchema } from './connect-schema.js';
import { toCdcError } from './errors.js';
import { createJsonContext } from './internal/json-context.js';
import type { LogicalValue } from './types.js';
import { placeholderForms } from './unavailable.js';

/**
 * Options of {@link decodeConnectField}.
 *
 * @example
 * decodeConnectField(schema, value, { unavailablePlaceholder: '__toast__' });
 */
export interface DecodeConnectFieldOptions {
  /** `unavailable.value.placeholder` of the connector (default `__debezium_unavailable_value`). */
  unavailablePlaceholder?: string;
}

/**
 * Decodes one JSON payload value under its Connect schema into its logical value. Pass an exact value: a
 * `bigint` for an int64 beyond 2^53 (what `JSON.parse` would round); the `cdc field` CLI parses its `--value`
 * text exactly. Throws {@link CdcError} (`INVALID_SCHEMA`, `UNSUPPORTED_TYPE`, `SCHEMA_MISMATCH`, …) on bad
 * input.
 *
 * @example
 * decodeConnectField({ type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' } }, 'AJw=')
 * // '1.56'
 * toCanonicalJson(decodeConnectField({ type: 'string' }, '__debezium_unavailable_value')) // '{"$unavailable":true}'
 */
export function decodeConnectField(
  schema: ConnectSchema,
  value: unknown,
  options: DecodeConnectFieldOptions = {},
): LogicalValue {
  const ctx = createJsonContext(placeholderForms(options.unavailablePlaceholder), 1000, true);
  try {
    return compileConnectSchema(schema)(value, schema.field ?? '', ctx);
  } catch (e) {
    throw toCdcError(e);
  }
}
