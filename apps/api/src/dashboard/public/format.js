// Display formatting of the API's exact decimal strings, without going through floating point.

/** '125980000.00' → '125,980,000.00' (any length, sign kept); anything else is returned as it is. */
export function formatDecimal(decimal) {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(String(decimal));
  if (m === null) return String(decimal);
  return `${m[1] === '-' ? '−' : ''}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** A signed change: '+1,000.00', '−5.00', or '—' for null. */
export function formatChange(decimal) {
  if (decimal === null || decimal === undefined) return '—';
  const text = String(decimal);
  return text.startsWith('-') ? formatDecimal(text) : `+${formatDecimal(text)}`;
}

/** 'HH:MM' (UTC) of an epoch-ms time. */
export function formatMinute(ms) {
  return new Date(ms).toISOString().slice(11, 16);
}

/** 'YYYY-MM-DD HH:MM:SS' (UTC) of an ISO-8601 time. */
export function formatTime(iso) {
  return String(iso).replace('T', ' ').slice(0, 19);
}

/** Bytes as B / kB / MB (display only). */
export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '—';
  const n = Number(bytes);
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Seconds as '12 s', '3 min 4 s', '2 h 5 min'. */
export function formatSeconds(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
