/**
 * Kafka Connect / Debezium semantic types ("name" of a Connect schema, `connect.name` in Avro) and Avro logical
 * types, mapped to converters from the decoded primitive to the logical value. Shared by the JSON and Avro decoders.
 */
import { fail } from './errors.js';
import { decimalFromBytes, formatDecimal, unscaledFromBytes } from './decimal.js';
import { formatEpochDay, formatEpochTimestamp, formatMicroDuration, formatTimeOfDay } from './temporal.js';
import type { LogicalValue } from './types.js';

/**
 * Converts an already type-checked primitive (number, bigint, Uint8Array, decoded struct) to a logical value.
 *
 * @example
 * const toDate = semanticConverter('io.debezium.time.Date') as (d: number) => string; toDate(0) // '1970-01-01'
 */
export type SemanticConverter = (value: never) => LogicalValue;

/**
 * Connect semantic names handled specially (all others pass through as their primitive type).
 *
 * @example
 * schema.name === SEMANTIC.DECIMAL
 */
export const SEMANTIC = {
  DECIMAL: 'org.apache.kafka.connect.data.Decimal',
  VARIABLE_SCALE_DECIMAL: 'io.debezium.data.VariableScaleDecimal',
  CONNECT_DATE: 'org.apache.kafka.connect.data.Date',
  CONNECT_TIME: 'org.apache.kafka.connect.data.Time',
  CONNECT_TIMESTAMP: 'org.apache.kafka.connect.data.Timestamp',
  DATE: 'io.debezium.time.Date',
  TIME: 'io.debezium.time.Time',
  MICRO_TIME: 'io.debezium.time.MicroTime',
  NANO_TIME: 'io.debezium.time.NanoTime',
  TIMESTAMP: 'io.debezium.time.Timestamp',
  MICRO_TIMESTAMP: 'io.debezium.time.MicroTimestamp',
  NANO_TIMESTAMP: 'io.debezium.time.NanoTimestamp',
  ZONED_TIMESTAMP: 'io.debezium.time.ZonedTimestamp',
  ZONED_TIME: 'io.debezium.time.ZonedTime',
  MICRO_DURATION: 'io.debezium.time.MicroDuration',
  INTERVAL: 'io.debezium.time.Interval',
  UUID: 'io.debezium.data.Uuid',
  JSON: 'io.debezium.data.Json',
  ENUM: 'io.debezium.data.Enum',
  ENUM_SET: 'io.debezium.data.EnumSet',
  BITS: 'io.debezium.data.Bits',
} as const;

/**
 * Reads the Decimal `scale` parameter.
 *
 * @example
 * decimalScale({ scale: '2' }) // 2
 */
export function decimalScale(params: Record<string, unknown> | undefined): number {
  const raw = params?.['scale'];
  const scale =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(scale))
    fail('INVALID_SCHEMA', `Decimal schema needs an integer "scale" parameter, got ${JSON.stringify(raw)}`);
  return scale;
}

/**
 * Returns the converter for a semantic name, or `undefined` when values pass through unchanged.
 *
 * @example
 * semanticConverter('io.debezium.time.Date')!(17109 as never) // '2016-11-04'
 */
export function semanticConverter(
  name: string | undefined,
  params?: Record<string, unknown>,
): SemanticConverter | undefined {
  switch (name) {
    case SEMANTIC.DECIMAL: {
      const scale = decimalScale(params);
      return ((b: Uint8Array) => decimalFromBytes(b, scale)) as SemanticConverter;
    }
    case SEMANTIC.VARIABLE_SCALE_DECIMAL:
      return ((s: { scale: unknown; value: unknown }) => {
        if (typeof s.scale !== 'number' || !(s.value instanceof Uint8Array)) {
          fail('SCHEMA_MISMATCH', 'VariableScaleDecimal needs {scale: int32, value: bytes}');
        }
        return formatDecimal(unscaledFromBytes(s.value), s.scale);
      }) as SemanticConverter;
    case SEMANTIC.CONNECT_DATE:
    case SEMANTIC.DATE:
      return ((d: number) => formatEpochDay(d)) as SemanticConverter;
    case SEMANTIC.CONNECT_TIME:
    case SEMANTIC.TIME:
      return ((v: number) => formatTimeOfDay(v, 3)) as SemanticConverter;
    case SEMANTIC.MICRO_TIME:
      return ((v: number | bigint) => formatTimeOfDay(v, 6)) as SemanticConverter;
    case SEMANTIC.NANO_TIME:
      return ((v: number | bigint) => formatTimeOfDay(v, 9)) as SemanticConverter;
    case SEMANTIC.CONNECT_TIMESTAMP:
      return ((v: number | bigint) => formatEpochTimestamp(v, 3, true)) as SemanticConverter;
    case SEMANTIC.TIMESTAMP:
      return ((v: number | bigint) => formatEpochTimestamp(v, 3)) as SemanticConverter;
    case SEMANTIC.MICRO_TIMESTAMP:
      return ((v: number | bigint) => formatEpochTimestamp(v, 6)) as SemanticConverter;
    case SEMANTIC.NANO_TIMESTAMP:
      return ((v: number | bigint) => formatEpochTimestamp(v, 9)) as SemanticConverter;
    case SEMANTIC.MICRO_DURATION:
      return ((v: number | bigint) => formatMicroDuration(v)) as SemanticConverter;
    default:
      return undefined;
  }
}

/**
 * Returns the converter for an Avro `logicalType` (used when no `connect.name` is present), or `undefined`.
 * Avro `timestamp-*` are instants (canonical form ends with `Z`); `local-timestamp-*` are not.
 *
 * @example
 * avroLogicalConverter('date', {})!(17109 as never) // '2016-11-04'
 */
export function avroLogicalConverter(
  logicalType: string | undefined,
  attrs: Record<string, unknown>,
): SemanticConverter | undefined {
  switch (logicalType) {
    case 'decimal': {
      const scale = attrs['scale'] === undefined ? 0 : Number(attrs['scale']);
      if (!Number.isInteger(scale)) fail('INVALID_SCHEMA', 'Avro decimal needs an integer scale');
      return ((b: Uint8Array) => decimalFromBytes(b, scale)) as SemanticConverter;
    }
    case 'date':
      return ((d: number) => formatEpochDay(d)) as SemanticConverter;
    case 'time-millis':
      return ((v: number) => formatTimeOfDay(v, 3)) as SemanticConverter;
    case 'time-micros':
      return ((v: number | bigint) => formatTimeOfDay(v, 6)) as SemanticConverter;
    case 'timestamp-millis':
      return ((v: number | bigint) => formatEpochTimestamp(v, 3, true)) as SemanticConverter;
    case 'timestamp-micros':
      return ((v: number | bigint) => formatEpochTimestamp(v, 6, true)) as SemanticConverter;
    case 'timestamp-nanos':
      return ((v: number | bigint) => formatEpochTimestamp(v, 9, true)) as SemanticConverter;
    case 'local-timestamp-millis':
      return ((v: number | bigint) => formatEpochTimestamp(v, 3)) as SemanticConverter;
    case 'local-timestamp-micros':
      return ((v: number | bigint) => formatEpochTimestamp(v, 6)) as SemanticConverter;
    case 'local-timestamp-nanos':
      return ((v: number | bigint) => formatEpochTimestamp(v, 9)) as SemanticConverter;
    default:
      return undefined;
  }
}
