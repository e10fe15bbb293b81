import { toEpochMicros } from '@ecom/domain';
import { LakehouseError } from './errors.js';
import type { LakeColumn, LakeType } from './lake-schema.js';

/**
 * A value as the Parquet writers store it: `number` for int32 and date (days), `bigint` for int64, decimals (the
 * unscaled integer) and timestamps (epoch microseconds), `boolean`, `string`, or `null`.
 */
export type LakeValue = number | bigint | boolean | string | null;

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const INTEGER_TEXT = /^[+-]?\d{1,19}$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DAY_MS = 86_400_000;

function invalid(column: LakeColumn, value: unknown, why: string): LakehouseError {
  const shown =
    typeof value === 'bigint'
      ? `${value}n`
      : typeof value === 'string'
        ? JSON.stringify(value)
        : String(value);
  return new LakehouseError('INVALID_VALUE', `column ${column.name}: ${shown} ${why}`);
}

/**
 * The unscaled integer of an exact decimal string at `scale` (`'129.9'` at scale 2 → `12990n`), checked against the
 * precision. Never goes through a float; more fraction digits than the scale are refused, not rounded.
 *
 * @throws {@link LakehouseError} `INVALID_VALUE` for anything but a decimal string that fits.
 *
 * @example
 * unscaledDecimal('9999999999.99', { precision: 14, scale: 2 }); // 999999999999n
 * unscaledDecimal('0.01', { precision: 14, scale: 2 }); // 1n
 */
export function unscaledDecimal(
  text: string,
  type: { precision: number; scale: number },
  name = 'decimal',
): bigint {
  const m = typeof text === 'string' ? DECIMAL_TEXT.exec(text) : null;
  const column: LakeColumn = { name, type: { kind: 'decimal', ...type }, nullable: true };
  if (!m)
    throw invalid(column, text, 'is not an exact decimal string (numbers are refused: floats are not exact)');
  const [, sign, whole, fraction = ''] = m as unknown as [string, string, string, string | undefined];
  if (fraction.length > type.scale)
    throw invalid(column, text, `has more than ${type.scale} fraction digits`);
  const digits = (whole.replace(/^0+(?=\d)/, '') + fraction.padEnd(type.scale, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > type.precision)
    throw invalid(column, text, `does not fit DECIMAL(${type.precision},${type.scale})`);
  const unscaled = BigInt(digits);
  return sign === '-' ? -unscaled : unscaled;
}

/**
 * The exact decimal string of an unscaled integer (`12990n` at scale 2 → `'129.90'`), the inverse of
 * {@link unscaledDecimal}, formatted as PostgreSQL prints NUMERIC(p,s).
 *
 * @example
 * decimalText(999999999999n, 2); // '9999999999.99'
 * decimalText(-5n, 2); // '-0.05'
 */
export function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

function toTimestampMicros(column: LakeColumn, value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (value instanceof Date || typeof value === 'string') {
    try {
      return BigInt(toEpochMicros(value));
    } catch (cause) {
      throw new LakehouseError('INVALID_VALUE', `column ${column.name}: ${(cause as Error).message}`, {
        cause,
      });
    }
  }
  throw invalid(
    column,
    value,
    'is not a timestamp (a Date, an ISO-8601 string with an offset, or epoch µs as bigint)',
  );
}

function toDateDays(column: LakeColumn, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return Math.floor(value.getTime() / DAY_MS);
  const m = typeof value === 'string' ? DATE_TEXT.exec(value) : null;
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(ms).toISOString().slice(0, 10) === value) return ms / DAY_MS;
  }
  throw invalid(column, value, 'is not a date (YYYY-MM-DD, a Date, or days since 1970-01-01)');
}

function toInt64(column: LakeColumn, value: unknown): bigint {
  let v: bigint | undefined;
  if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
  else if (typeof value === 'string' && INTEGER_TEXT.test(value)) v = BigInt(value);
  if (v === undefined || v < INT64_MIN || v > INT64_MAX)
    throw invalid(column, value, 'is not a 64-bit integer');
  return v;
}

function toText(column: LakeColumn, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) return JSON.stringify(value);
  throw invalid(column, value, 'is not text (a string, or a JSON object or array stored as its text)');
}

/**
 * Converts one domain value (as node-postgres, the CDC decoder or @ecom/domain parse it) to what the lake stores
 * for `column`. `null` and `undefined` become `null`, refused for a non-nullable column.
 *
 * @throws {@link LakehouseError} `INVALID_VALUE` naming the column and the value.
 *
 * @example
 * const price = { name: 'price', type: { kind: 'decimal', precision: 14, scale: 2 }, nullable: false } as const;
 * toLakeValue(price, '15000000.00'); // 1500000000n
 * toLakeValue({ name: 'at', type: { kind: 'timestamp_us' }, nullable: false }, '2026-11-25T07:30:00.123456Z');
 * // 1795591800123456n
 */
export function toLakeValue(column: LakeColumn, value: unknown): LakeValue {
  if (value === null || value === undefined) {
    if (!column.nullable) throw invalid(column, value, 'is null in a NOT NULL column');
    return null;
  }
  const type: LakeType = column.type;
  switch (type.kind) {
    case 'int32':
      if (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX)
        return value;
      throw invalid(column, value, 'is not a 32-bit integer');
    case 'int64':
      return toInt64(column, value);
    case 'decimal':
      return unscaledDecimal(value as string, type, column.name);
    case 'timestamp_us':
      return toTimestampMicros(column, value);
    case 'date':
      return toDateDays(column, value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw invalid(column, value, 'is not a boolean');
    case 'string':
      return toText(column, value);
  }
}
