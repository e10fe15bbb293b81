/**
 * Formatting of Debezium / Kafka Connect temporal values to the canonical ISO forms (trimmed fractions).
 * Pure integer arithmetic: no `Date`, no time zones.
 */

/**
 * JDBC `PGStatement.DATE_POSITIVE_INFINITY`: what Debezium sends for TIMESTAMP 'infinity'.
 *
 * @example
 * value === TIMESTAMP_POSITIVE_INFINITY // TIMESTAMP 'infinity'
 */
export const TIMESTAMP_POSITIVE_INFINITY = 9223372036825200000n;
/**
 * JDBC `PGStatement.DATE_NEGATIVE_INFINITY`: what Debezium sends for TIMESTAMP '-infinity'.
 *
 * @example
 * value === TIMESTAMP_NEGATIVE_INFINITY // TIMESTAMP '-infinity'
 */
export const TIMESTAMP_NEGATIVE_INFINITY = -9223372036832400000n;

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function formatYear(y: number): string {
  if (y >= 0 && y <= 9999) return String(y).padStart(4, '0');
  return (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(4, '0');
}

/**
 * Converts days since 1970-01-01 to `YYYY-MM-DD` (proleptic Gregorian; years beyond 9999 get a `+` sign).
 *
 * @example
 * formatEpochDay(17109) // '2016-11-04'
 */
export function formatEpochDay(days: number): string {
  // Howard Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return formatYear(y) + '-' + pad2(m) + '-' + pad2(d);
}

function fraction(sub: number, digits: number): string {
  if (sub === 0) return '';
  let d = digits;
  while (sub % 10 === 0) {
    sub /= 10;
    d--;
  }
  const s = String(sub);
  return s.length < d ? '.' + '0'.repeat(d - s.length) + s : '.' + s;
}

/** Units per second for a precision: 3 → ms, 6 → µs, 9 → ns. */
const UNITS: Record<3 | 6 | 9, number> = { 3: 1e3, 6: 1e6, 9: 1e9 };
const UNITS_BIG: Record<3 | 6 | 9, bigint> = { 3: 1000n, 6: 1000000n, 9: 1000000000n };

function split(value: number | bigint, digits: 3 | 6 | 9): [seconds: number, sub: number] {
  if (typeof value === 'bigint') {
    const u = UNITS_BIG[digits];
    let s = value / u;
    let r = value % u;
    if (r < 0n) {
      s -= 1n;
      r += u;
    }
    return [Number(s), Number(r)];
  }
  const u = UNITS[digits];
  const s = Math.floor(value / u);
  return [s, value - s * u];
}

/**
 * Formats a time of day given in ms / µs / ns since midnight as `HH:MM:SS[.fraction]` (trimmed; `24:00:00` allowed).
 *
 * @example
 * formatTimeOfDay(49890123, 3) // '13:51:30.123'
 */
export function formatTimeOfDay(value: number | bigint, digits: 3 | 6 | 9): string {
  const [secs, sub] = split(value, digits);
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  return pad2(h) + ':' + pad2(m) + ':' + pad2(s) + fraction(sub, digits);
}

/**
 * Formats an epoch value (ms / µs / ns) as `YYYY-MM-DDTHH:MM:SS[.fraction]`, plus `Z` when `zulu`. The JDBC infinity
 * sentinels become `'infinity'` / `'-infinity'`.
 *
 * @example
 * formatEpochTimestamp(1478267490123456, 6) // '2016-11-04T13:51:30.123456'
 * formatEpochTimestamp(4000000000, 3, true)  // '1970-02-16T07:06:40Z'
 */
export function formatEpochTimestamp(value: number | bigint, digits: 3 | 6 | 9, zulu = false): string {
  if (typeof value === 'bigint') {
    if (value === TIMESTAMP_POSITIVE_INFINITY) return 'infinity';
    if (value === TIMESTAMP_NEGATIVE_INFINITY) return '-infinity';
  }
  const [secs, sub] = split(value, digits);
  const days = Math.floor(secs / 86400);
  const sod = secs - days * 86400;
  const h = Math.floor(sod / 3600);
  const m = Math.floor((sod % 3600) / 60);
  const s = sod % 60;
  return (
    formatEpochDay(days) +
    'T' +
    pad2(h) +
    ':' +
    pad2(m) +
    ':' +
    pad2(s) +
    fraction(sub, digits) +
    (zulu ? 'Z' : '')
  );
}

/**
 * Formats a `MicroDuration` (µs) as an ISO-8601 duration with hours, minutes and seconds only (zero parts
 * omitted, `PT0S` for zero, a leading `-` for negative durations).
 *
 * @example
 * formatMicroDuration(5400500000) // 'PT1H30M0.5S'
 * formatMicroDuration(7200000000) // 'PT2H'
 */
export function formatMicroDuration(value: number | bigint): string {
  const negative = value < 0;
  const abs = typeof value === 'bigint' ? (negative ? -value : value) : Math.abs(value);
  const [secs, sub] = split(abs, 6);
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  let out = 'PT';
  if (h) out += h + 'H';
  if (m) out += m + 'M';
  if (s || sub) out += s + fraction(sub, 6) + 'S';
  if (out === 'PT') out = 'PT0S';
  return negative ? '-' + out : out;
}
