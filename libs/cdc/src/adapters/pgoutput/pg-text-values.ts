/**
 * Parsers for PostgreSQL's text output (DateStyle ISO, IntervalStyle iso_8601, any TimeZone) into the integers and
 * strings Debezium writes. Pure functions; each throws `UNSUPPORTED_VALUE` on text it cannot read.
 */
import { PgoutputSourceError } from './errors.js';

const bad = (what: string, text: string): never => {
  throw new PgoutputSourceError('UNSUPPORTED_VALUE', `cannot read ${what} from ${JSON.stringify(text)}`);
};

/**
 * `TIMESTAMP 'infinity'` as Debezium writes it (the JDBC `PGStatement.DATE_POSITIVE_INFINITY` sentinel, µs/ms alike).
 *
 * @example
 * epochMicrosFromText('infinity') === PG_TIMESTAMP_POSITIVE_INFINITY // true
 */
export const PG_TIMESTAMP_POSITIVE_INFINITY = 9223372036825200000n;
/**
 * `TIMESTAMP '-infinity'` as Debezium writes it.
 *
 * @example
 * epochMicrosFromText('-infinity') === PG_TIMESTAMP_NEGATIVE_INFINITY // true
 */
export const PG_TIMESTAMP_NEGATIVE_INFINITY = -9223372036832400000n;

/**
 * A decimal text (`'-12.5'`, `'$1,234.50'` for money) → unscaled integer at `scale` (extra digits are rejected,
 * missing ones padded).
 *
 * @example
 * unscaledDecimal('129.9', 2) // 12990n
 */
export function unscaledDecimal(text: string, scale: number): bigint {
  const cleaned = text.replace(/[$,\s]/g, '');
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return bad('a decimal', text);
  const frac = m[3] ?? '';
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale)))
    return bad(`a decimal with scale ${scale}`, text);
  const digits = (m[2] || '0') + frac.slice(0, scale).padEnd(scale, '0');
  const v = BigInt(digits);
  return m[1] === '-' ? -v : v;
}

/**
 * The scale of a decimal text (digits after the point).
 *
 * @example
 * decimalScale('10.11110') // 5
 */
export function decimalScale(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Big-endian two's complement bytes of minimal length (Java `BigInteger.toByteArray`).
 *
 * @example
 * twosComplementBytes(156n) // Uint8Array [0x00, 0x9c]
 */
export function twosComplementBytes(v: bigint): Uint8Array {
  const out: number[] = [];
  let x = v;
  for (;;) {
    const byte = Number(x & 0xffn);
    out.push(byte);
    x >>= 8n;
    const signBit = (byte & 0x80) !== 0;
    if ((x === 0n && !signBit) || (x === -1n && signBit)) break;
  }
  return Uint8Array.from(out.reverse());
}

const DATE_RE = /^(\d{4,})-(\d{2})-(\d{2})( BC)?$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (astronomical year): Howard Hinnant's days_from_civil, exact
 * over PostgreSQL's whole date range (a JS `Date` ends at year 275760). */
function epochDay(year: number, mo: number, d: number): number {
  const y = mo <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * `'2024-02-29'` → days since 1970-01-01.
 *
 * @example
 * epochDayFromText('1970-01-02') // 1
 */
export function epochDayFromText(text: string): number {
  const m = DATE_RE.exec(text);
  if (!m) return bad('a date', text);
  const year = m[4] ? 1 - Number(m[1]) : Number(m[1]);
  return epochDay(year, Number(m[2]), Number(m[3]));
}

/**
 * `'13:51:30.123456'` (optionally with an offset) → microseconds of the day, plus the offset in seconds.
 *
 * @example
 * timeOfDayMicros('00:00:01.5') // { micros: 1500000n, offsetSeconds: null }
 */
export function timeOfDayMicros(text: string): { micros: bigint; offsetSeconds: number | null } {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/.exec(text);
  if (!m) return bad('a time', text);
  const micros =
    ((BigInt(m[1]!) * 60n + BigInt(m[2]!)) * 60n + BigInt(m[3]!)) * 1_000_000n +
    BigInt((m[4] ?? '').padEnd(6, '0'));
  return { micros, offsetSeconds: m[5] === undefined ? null : offsetSeconds(m[5]) };
}

function offsetSeconds(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(/:/g, '');
  const h = Number(digits.slice(0, 2));
  const mi = Number(digits.slice(2, 4) || '0');
  const s = Number(digits.slice(4, 6) || '0');
  return sign * (h * 3600 + mi * 60 + s);
}

/**
 * `'2024-01-01 10:00:00.123456[+02]'` → microseconds since the epoch. Without an offset the wall-clock time is read
 * as UTC (Debezium's rule for TIMESTAMP); with one it is an instant. `infinity`/`-infinity` give the sentinels.
 *
 * @example
 * epochMicrosFromText('1970-01-01 00:00:01') // 1000000n
 */
export function epochMicrosFromText(text: string): bigint {
  if (text === 'infinity') return PG_TIMESTAMP_POSITIVE_INFINITY;
  if (text === '-infinity') return PG_TIMESTAMP_NEGATIVE_INFINITY;
  const bc = text.endsWith(' BC');
  const body = bc ? text.slice(0, -3) : text;
  const sp = body.indexOf(' ');
  if (sp < 0) return bad('a timestamp', text);
  const datePart = body.slice(0, sp) + (bc ? ' BC' : '');
  const { micros, offsetSeconds: off } = timeOfDayMicros(body.slice(sp + 1));
  return BigInt(epochDayFromText(datePart)) * 86_400_000_000n + micros - BigInt(off ?? 0) * 1_000_000n;
}

function pad(n: number | bigint, width: number): string {
  return String(n).padStart(width, '0');
}

function fraction(micros: bigint): string {
  if (micros === 0n) return '';
  return '.' + pad(micros, 6).replace(/0+$/, '');
}

/**
 * Microseconds since the epoch → ISO-8601 UTC instant (Debezium's ZonedTimestamp form). With `fractionDigits` the
 * fraction has exactly that many digits (Debezium pads to the column precision); without, it is trimmed.
 *
 * @example
 * isoInstantFromMicros(1500000n) // '1970-01-01T00:00:01.5Z'
 * isoInstantFromMicros(1500000n, 6) // '1970-01-01T00:00:01.500000Z'
 */
export function isoInstantFromMicros(us: bigint, fractionDigits?: number): string {
  const dayMicros = 86_400_000_000n;
  let day = us / dayMicros;
  let rem = us % dayMicros;
  if (rem < 0n) {
    rem += dayMicros;
    day -= 1n;
  }
  const d = new Date(Number(day) * 86_400_000);
  const y = d.getUTCFullYear();
  const year = y > 9999 ? '+' + y : y < 0 ? '-' + pad(-y, 6) : pad(y, 4);
  return `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${isoTimeFromMicros(rem, fractionDigits)}Z`;
}

/**
 * Microseconds of the day → `'HH:MM:SS[.ffffff]'`: the fraction trimmed, or exactly `fractionDigits` digits.
 *
 * @example
 * isoTimeFromMicros(3723000000n) // '01:02:03'
 */
export function isoTimeFromMicros(micros: bigint, fractionDigits?: number): string {
  const s = micros / 1_000_000n;
  const frac =
    fractionDigits === undefined
      ? fraction(micros % 1_000_000n)
      : fractionDigits <= 0
        ? ''
        : '.' + pad(micros % 1_000_000n, 6).slice(0, Math.min(fractionDigits, 6));
  return `${pad(s / 3600n, 2)}:${pad((s / 60n) % 60n, 2)}:${pad(s % 60n, 2)}${frac}`;
}

/**
 * Drops trailing zeros of a decimal's fraction (Debezium writes VariableScaleDecimal with the minimal scale).
 *
 * @example
 * stripFractionZeros('-1234.000100') // '-1234.0001'
 */
export function stripFractionZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** µs per month in Debezium's MicroDuration (365.25 / 12 days). */
const MONTH_MICROS = 2_629_800_000_000n;

/**
 * An ISO-8601 interval (`IntervalStyle iso_8601`, e.g. `'P1Y2M3DT4H5M6.78S'`, `'PT-1H'`) → microseconds, with a month
 * of 365.25/12 days as Debezium's MicroDuration.
 *
 * @example
 * intervalMicrosFromIso('P1DT1S') // 86401000000n
 */
export function intervalMicrosFromIso(text: string): bigint {
  const m =
    /^P(?:(-?\d+)Y)?(?:(-?\d+)M)?(?:(-?\d+)W)?(?:(-?\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$/.exec(
      text,
    );
  if (!m || text === 'P' || text.endsWith('T'))
    return bad('an ISO-8601 interval (set IntervalStyle to iso_8601)', text);
  const n = (s: string | undefined) => BigInt(s ?? '0');
  let us = (n(m[1]) * 12n + n(m[2])) * MONTH_MICROS;
  us += (n(m[3]) * 7n + n(m[4])) * 86_400_000_000n;
  us += (n(m[5]) * 3600n + n(m[6]) * 60n) * 1_000_000n;
  if (m[7] !== undefined) {
    const neg = m[7].startsWith('-');
    const [whole, frac = ''] = m[7].replace('-', '').split('.');
    const v = BigInt(whole!) * 1_000_000n + BigInt(frac.slice(0, 6).padEnd(6, '0'));
    us += neg ? -v : v;
  }
  return us;
}

/**
 * A one-dimensional array literal (`'{1,2,NULL,"a b"}'`) → element texts (`null` for NULL).
 *
 * @example
 * parseArrayLiteral('{a,"b,c",NULL}') // ['a', 'b,c', null]
 */
export function parseArrayLiteral(text: string): (string | null)[] {
  let s = text;
  if (s.startsWith('[')) s = s.slice(s.indexOf('=') + 1); // explicit bounds '[0:1]={…}'
  if (!s.startsWith('{') || !s.endsWith('}')) return bad('an array', text);
  const out: (string | null)[] = [];
  const body = s.slice(1, -1);
  if (body === '') return out;
  let i = 0;
  while (i <= body.length) {
    if (body[i] === '{') return bad('a one-dimensional array', text);
    if (body[i] === '"') {
      let v = '';
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++;
        v += body[i] ?? '';
        i++;
      }
      out.push(v);
      i += 2; // closing quote and comma
    } else {
      const end = body.indexOf(',', i);
      const raw = body.slice(i, end < 0 ? body.length : end);
      out.push(raw === 'NULL' ? null : raw);
      i = end < 0 ? body.length + 1 : end + 1;
    }
  }
  return out;
}

/**
 * bytea hex output (`'\\x deadbeef'`) → bytes.
 *
 * @example
 * byteaFromText('\\x0aff') // Uint8Array [10, 255]
 */
export function byteaFromText(text: string): Uint8Array {
  if (!text.startsWith('\\x') || (text.length - 2) % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text.slice(2))) {
    return bad('bytea in hex format (bytea_output = hex)', text);
  }
  return Uint8Array.from(Buffer.from(text.slice(2), 'hex'));
}
