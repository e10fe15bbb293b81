/**
 * A fast path for the commonest Kafka key: a compact, flat JSON object of primary-key columns such as `{"id":100001}`
 * or `{"customer_id":7,"product_id":12}`, read straight from the record's bytes. For such a short value, UTF-8
 * decoding plus `JSON.parse` cost several times more than a direct scan.
 */

const MAX_SAFE_DIGITS = 15;
const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const OPEN = 123;
const CLOSE = 125;

/**
 * Parses compact, ASCII-only, flat JSON object bytes whose values are small integers (at most 15 digits), escape-free
 * strings, `true`, `false` or `null`. Returns `undefined` for anything else (whitespace, nesting, escapes, non-ASCII
 * bytes, fractions, long integers, `__proto__`, invalid JSON), so that the caller falls back to UTF-8 decoding and
 * `JSON.parse`. Whenever it returns an object, that object equals what `JSON.parse` returns for the same bytes.
 *
 * @example
 * parseFlatObject(Buffer.from('{"id":100001}'))        // { id: 100001 }
 * parseFlatObject(Buffer.from('{"id":1,"sku":"A-1"}')) // { id: 1, sku: 'A-1' }
 * parseFlatObject(Buffer.from('{"price":1.5}'))        // undefined (use JSON.parse)
 */
export function parseFlatObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  const n = bytes.length;
  if (n < 2 || bytes[0] !== OPEN || bytes[n - 1] !== CLOSE) return undefined;
  const out: Record<string, unknown> = {};
  if (n === 2) return out;
  let i = 1;
  for (;;) {
    // Key: an escape-free ASCII string.
    if (bytes[i] !== QUOTE) return undefined;
    const keyStart = ++i;
    i = stringEnd(bytes, i);
    if (i < 0) return undefined;
    const key = knownKey(bytes, keyStart, i);
    if (key === '__proto__') return undefined;
    if (bytes[++i] !== COLON) return undefined;
    // Value.
    const c = bytes[++i] as number;
    if (c === QUOTE) {
      const start = i + 1;
      i = stringEnd(bytes, start);
      if (i < 0) return undefined;
      out[key] = ascii(bytes, start, i);
      i++;
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      if (c === MINUS) i++;
      const first = i;
      let value = 0;
      let d = bytes[i] as number;
      while (d >= ZERO && d <= NINE) {
        value = value * 10 + (d - ZERO);
        d = bytes[++i] as number;
      }
      const digits = i - first;
      // No digits, a leading zero, or too many digits for a double to hold exactly: let JSON.parse decide.
      if (digits === 0 || digits > MAX_SAFE_DIGITS || (digits > 1 && bytes[first] === ZERO)) return undefined;
      out[key] = c === MINUS ? -value : value;
    } else if (literalAt(bytes, i, 'null')) {
      out[key] = null;
      i += 4;
    } else if (literalAt(bytes, i, 'true')) {
      out[key] = true;
      i += 4;
    } else if (literalAt(bytes, i, 'false')) {
      out[key] = false;
      i += 5;
    } else return undefined;
    const sep = bytes[i];
    if (sep === CLOSE) return i === n - 1 ? out : undefined;
    if (sep !== COMMA) return undefined;
    i++;
  }
}

/**
 * Key names seen recently. Reusing the same (internalized) string instead of building a new one lets V8 skip the
 * string table lookup and keeps the stores monomorphic: keys repeat across the messages of a topic.
 */
const recentKeys: string[] = [];
const MAX_RECENT_KEYS = 32;

function knownKey(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  next: for (let k = 0; k < recentKeys.length; k++) {
    const candidate = recentKeys[k] as string;
    if (candidate.length !== length) continue;
    for (let j = 0; j < length; j++) if (candidate.charCodeAt(j) !== bytes[start + j]) continue next;
    return candidate;
  }
  const key = ascii(bytes, start, end);
  if (recentKeys.length >= MAX_RECENT_KEYS) recentKeys.length = 0;
  recentKeys.push(key);
  return key;
}

/** The ASCII bytes `[start, end)` as a string. */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let j = start; j < end; j++) s += String.fromCharCode(bytes[j] as number);
  return s;
}

/** `true` when the ASCII `word` is written at `i`. */
function literalAt(bytes: Uint8Array, i: number, word: string): boolean {
  if (i + word.length > bytes.length) return false;
  for (let j = 0; j < word.length; j++) if (bytes[i + j] !== word.charCodeAt(j)) return false;
  return true;
}

/**
 * Index of the closing quote of an escape-free ASCII string starting at `i`, or -1 (escape, control character,
 * non-ASCII byte, end).
 */
function stringEnd(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  for (; i < n; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) return i;
    if (c === 92 || c < 32 || c > 126) return -1;
  }
  return -1;
}
