/**
 * Per-column conversion from PostgreSQL's text output to the Connect schema and JSON value Debezium emits
 * (default settings: decimal.handling.mode=precise, time.precision.mode=adaptive, interval.handling.mode=numeric,
 * binary.handling.mode=bytes), plus the unchanged-TOAST placeholder in the shape Debezium uses for that type.
 */
import { encodeBase64 } from '../../base64.js';
import type { ConnectSchema } from '../../connect-schema.js';
import { SEMANTIC } from '../../semantic-types.js';
import { pgTypeToConnectSchema } from '../../type-map.js';
import { DEFAULT_UNAVAILABLE_UUID } from '../../unavailable.js';
import { PgoutputSourceError } from './errors.js';
import type { JsonOut } from './json-text.js';
import {
  byteaFromText,
  decimalScale,
  epochDayFromText,
  epochMicrosFromText,
  intervalMicrosFromIso,
  isoInstantFromMicros,
  isoTimeFromMicros,
  parseArrayLiteral,
  PG_TIMESTAMP_NEGATIVE_INFINITY,
  PG_TIMESTAMP_POSITIVE_INFINITY,
  stripFractionZeros,
  timeOfDayMicros,
  twosComplementBytes,
  unscaledDecimal,
} from './pg-text-values.js';

/**
 * How one column is written: its Connect schema (without `field`), the text → JSON conversion and the
 * unchanged-TOAST placeholder value.
 *
 * @example
 * const c = columnCodec('numeric(12,2)'); c.fromText('1.56') // 'AJw='
 */
export interface ColumnCodec {
  schema: ConnectSchema;
  fromText(text: string): JsonOut;
  unavailable: JsonOut;
}

/**
 * Options of {@link columnCodec}.
 *
 * @example
 * columnCodec('text', { placeholder: '__unavailable' })
 */
export interface ColumnCodecOptions {
  /** `unavailable.value.placeholder`, default `'__debezium_unavailable_value'`. */
  placeholder?: string;
}

const micros = (v: bigint, divisor: bigint): bigint =>
  v === PG_TIMESTAMP_POSITIVE_INFINITY || v === PG_TIMESTAMP_NEGATIVE_INFINITY ? v : v / divisor;

function integerText(t: string): string {
  if (!/^-?\d+$/.test(t))
    throw new PgoutputSourceError('UNSUPPORTED_VALUE', `cannot read an integer from ${JSON.stringify(t)}`);
  return t;
}

function scalarFromText(schema: ConnectSchema, fractionDigits: number): (text: string) => JsonOut {
  switch (schema.name) {
    case SEMANTIC.DECIMAL: {
      const scale = Number(schema.parameters?.['scale'] ?? '0');
      return (t) => (t === 'NaN' ? null : encodeBase64(twosComplementBytes(unscaledDecimal(t, scale))));
    }
    case SEMANTIC.VARIABLE_SCALE_DECIMAL:
      return (t) => {
        if (t === 'NaN' || t === 'Infinity' || t === '-Infinity') return null;
        const minimal = stripFractionZeros(t);
        const scale = decimalScale(minimal);
        return { scale, value: encodeBase64(twosComplementBytes(unscaledDecimal(minimal, scale))) };
      };
    case SEMANTIC.DATE:
      return (t) => epochDayFromText(t);
    case SEMANTIC.TIME:
      return (t) => Number(timeOfDayMicros(t).micros / 1000n);
    case SEMANTIC.MICRO_TIME:
      return (t) => timeOfDayMicros(t).micros;
    case SEMANTIC.TIMESTAMP:
      return (t) => micros(epochMicrosFromText(t), 1000n);
    case SEMANTIC.MICRO_TIMESTAMP:
      return (t) => epochMicrosFromText(t);
    case SEMANTIC.ZONED_TIMESTAMP:
      return (t) =>
        t === 'infinity' || t === '-infinity'
          ? t
          : isoInstantFromMicros(epochMicrosFromText(t), fractionDigits);
    case SEMANTIC.ZONED_TIME:
      return (t) => {
        const { micros: us, offsetSeconds } = timeOfDayMicros(t);
        const day = 86_400_000_000n;
        const utc = (((us - BigInt(offsetSeconds ?? 0) * 1_000_000n) % day) + day) % day;
        return isoTimeFromMicros(utc) + 'Z';
      };
    case SEMANTIC.MICRO_DURATION:
      return (t) => intervalMicrosFromIso(t);
    case SEMANTIC.BITS:
      return (t) => {
        // Debezium: java.util.BitSet of the bit string (rightmost bit = bit 0) → little-endian bytes.
        const v = t === '' ? 0n : BigInt('0b' + t);
        const bytes = v === 0n ? [] : Array.from(twosComplementBytes(v)).reverse();
        while (bytes.length > 0 && bytes[bytes.length - 1] === 0) bytes.pop();
        return encodeBase64(Uint8Array.from(bytes));
      };
    default:
      break;
  }
  switch (schema.type) {
    case 'int8':
    case 'int16':
    case 'int32':
      return (t) => Number(integerText(t));
    case 'int64':
      return (t) => BigInt(integerText(t));
    case 'float':
    case 'double':
      return (t) => (t === 'NaN' || t === 'Infinity' || t === '-Infinity' ? t : Number(t));
    case 'boolean':
      return (t) => t === 't' || t === 'true' || t === '1';
    case 'bytes':
      return (t) => encodeBase64(byteaFromText(t));
    default:
      return (t) => t;
  }
}

function unavailableFor(schema: ConnectSchema, placeholder: string): JsonOut {
  if (schema.type === 'array') {
    const item = schema.items;
    if (item?.type === 'string') return [placeholder];
    if (item && ['int8', 'int16', 'int32', 'int64'].includes(item.type))
      return Array.from(placeholder, (c) => c.charCodeAt(0));
    return [placeholder];
  }
  if (schema.name === SEMANTIC.UUID) return DEFAULT_UNAVAILABLE_UUID;
  if (schema.name === SEMANTIC.JSON) return JSON.stringify({ [placeholder]: placeholder });
  if (schema.type === 'bytes') return encodeBase64(new TextEncoder().encode(placeholder));
  return placeholder;
}

/**
 * Builds the codec of a column from its `format_type()` name (`'numeric(12,2)'`, `'timestamp(6) without time
 * zone'`, `'text[]'`). Types {@link pgTypeToConnectSchema} does not know (enums, domains over text, geometric types)
 * are written as strings.
 *
 * @example
 * columnCodec('timestamp without time zone').fromText('2024-01-01 00:00:00.5') // 1704067200500000n
 */
export function columnCodec(pgType: string, options: ColumnCodecOptions = {}): ColumnCodec {
  const placeholder = options.placeholder ?? '__debezium_unavailable_value';
  let schema: ConnectSchema;
  try {
    schema = pgTypeToConnectSchema(pgType);
  } catch {
    schema = pgType.endsWith('[]')
      ? { type: 'array', optional: true, items: { type: 'string', optional: true } }
      : { type: 'string', optional: true };
  }
  // ZonedTimestamp fractions have the column's precision (timestamptz(p); 6 without a typmod).
  const p = /^timestamp(?:tz)?\s*\((\d)\)/.exec(pgType.trim().toLowerCase());
  const fractionDigits = p ? Number(p[1]) : 6;
  let fromText: (text: string) => JsonOut;
  if (schema.type === 'array') {
    const item = scalarFromText(schema.items ?? { type: 'string' }, fractionDigits);
    fromText = (t) => parseArrayLiteral(t).map((e) => (e === null ? null : item(e)));
  } else {
    fromText = scalarFromText(schema, fractionDigits);
  }
  return { schema, fromText, unavailable: unavailableFor(schema, placeholder) };
}
