/**
 * Time at the edges: the platform's hot paths carry event time as epoch milliseconds (`number`); these helpers
 * convert from and to what sources and sinks carry (ISO-8601 instants, `Date`s) and, where a source has them,
 * epoch microseconds. Every refusal is a {@link DomainError} `invalid_time`.
 */
import { DomainError } from './errors.js';

/** The `Date` range: ±100,000,000 days around the epoch. */
const MAX_EPOCH_MS = 8.64e15;

/** `YYYY-MM-DD`, `T` or a space, `HH:MM:SS`, an optional fraction of 1–9 digits, then `Z` or an offset. */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

function invalid(value: unknown, why: string): DomainError {
  const shown =
    value instanceof Date
      ? 'Invalid Date'
      : typeof value === 'string'
        ? JSON.stringify(value)
        : String(value);
  return new DomainError('invalid_time', `Invalid time ${shown}: ${why}`, { details: { value }, raw: value });
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses an ISO instant into whole epoch seconds plus the fraction digits (padded to 9). */
function parseInstant(text: string): { seconds: number; nanos: string } {
  const m = INSTANT.exec(text);
  if (!m) {
    const noOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
    throw invalid(
      text,
      noOffset ? 'no offset, so the instant is ambiguous (add Z or ±HH:MM)' : 'not an ISO-8601 instant',
    );
  }
  const [, ys, mos, ds, hs, mins, ss, frac = '', zulu, sign, ohs, oms = '00'] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mins);
  const second = Number(ss);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    throw invalid(text, 'no such date');
  if (hour > 23 || minute > 59 || second > 59) throw invalid(text, 'no such time of day');
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const oh = Number(ohs);
    const om = Number(oms);
    if (oh > 23 || om > 59) throw invalid(text, 'offset out of range');
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const seconds =
    daysFromCivil(year, month, day) * 86_400 + hour * 3600 + (minute - offsetMinutes) * 60 + second;
  return { seconds, nanos: frac.padEnd(9, '0') };
}

/**
 * Epoch milliseconds of an instant: a `Date`, an ISO-8601 string with `Z` or an offset (`T` or a space between
 * date and time, any fraction of 1–9 digits, truncated to the millisecond towards the past), or a number that
 * already is epoch milliseconds (an integer in the `Date` range).
 *
 * @throws {@link DomainError} `invalid_time` for a string without an offset (ambiguous), an impossible date or
 * time (`2025-02-30`), an invalid `Date`, or a number that is not an integer in range.
 *
 * @example
 * ```ts
 * toEpochMillis('2025-01-31T17:00:00.123456+07:00'); // 1738317600123
 * toEpochMillis(new Date(0)); // 0
 * toEpochMillis('2025-01-31T17:00:00'); // throws DomainError { code: 'invalid_time' }: no offset
 * ```
 */
export function toEpochMillis(value: Date | string | number): number {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string') {
    const { seconds, nanos } = parseInstant(value);
    ms = seconds * 1000 + Number(nanos.slice(0, 3));
  } else throw invalid(value, 'expected a Date, an ISO-8601 string or epoch milliseconds');
  if (!Number.isInteger(ms) || Math.abs(ms) > MAX_EPOCH_MS)
    throw invalid(value, 'not an integer number of milliseconds in the Date range');
  return ms;
}

/**
 * The ISO-8601 UTC string of epoch milliseconds (`YYYY-MM-DDTHH:MM:SS.mmmZ`, as `Date#toISOString`).
 *
 * @throws {@link DomainError} `invalid_time` for a number that is not an integer in the `Date` range.
 *
 * @example
 * ```ts
 * fromEpochMillis(1738317600123); // '2025-01-31T10:00:00.123Z'
 * ```
 */
export function fromEpochMillis(ms: number): string {
  if (!Number.isInteger(ms) || Math.abs(ms) > MAX_EPOCH_MS)
    throw invalid(ms, 'not an integer number of milliseconds in the Date range');
  return new Date(ms).toISOString();
}

/**
 * Epoch microseconds of an instant, for sources that carry them (Debezium `ZonedTimestamp` strings with six
 * fraction digits, `source.ts_us`): an ISO-8601 string as for {@link toEpochMillis} (digits beyond the
 * microsecond truncated towards the past) or a `Date` (millisecond precision).
 *
 * @remarks The result is a `number`, like the decoder's `ts_us`: exact for |µs| ≤ 2^53 − 1, i.e. for instants
 * between the years 1685 and 2255. Outside that range it throws instead of rounding; use epoch milliseconds
 * ({@link toEpochMillis}) there.
 *
 * @throws {@link DomainError} `invalid_time` as {@link toEpochMillis}, and outside the exact range.
 *
 * @example
 * ```ts
 * toEpochMicros('2025-01-31T10:00:00.123456Z'); // 1738317600123456
 * toEpochMicros(new Date(1)); // 1000
 * ```
 */
export function toEpochMicros(value: Date | string): number {
  let us: number;
  if (value instanceof Date) us = toEpochMillis(value) * 1000;
  else if (typeof value === 'string') {
    const { seconds, nanos } = parseInstant(value);
    us = seconds * 1_000_000 + Number(nanos.slice(0, 6));
  } else throw invalid(value, 'expected a Date or an ISO-8601 string');
  if (!Number.isSafeInteger(us))
    throw invalid(value, 'beyond the exact range of epoch microseconds (years 1685–2255)');
  return us;
}

/**
 * The ISO-8601 UTC string of epoch microseconds, with six fraction digits (`YYYY-MM-DDTHH:MM:SS.ffffffZ`).
 *
 * @throws {@link DomainError} `invalid_time` for a number that is not a safe integer in the `Date` range.
 *
 * @example
 * ```ts
 * fromEpochMicros(1738317600123456); // '2025-01-31T10:00:00.123456Z'
 * ```
 */
export function fromEpochMicros(us: number): string {
  if (!Number.isSafeInteger(us)) throw invalid(us, 'not a safe integer number of microseconds');
  const ms = Math.floor(us / 1000);
  const iso = fromEpochMillis(ms);
  return iso.slice(0, -1) + String(us - ms * 1000).padStart(3, '0') + 'Z';
}
