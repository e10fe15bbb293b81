/**
 * A fast path for the commonest Kafka key: a compact, flat JSON object of primary-key columns such as `{"id":100001}`
 * or `{"customer_id":7,"product_id":12}`. For such a short text `JSON.parse` costs several times more than a direct
 * scan.
 */

const MAX_SAFE_DIGITS = 15;

/**
 * Parses a compact flat JSON object whose values are small integers (at most 15 digits), escape-free strings,
 * `true`, `false` or `null`. Returns `undefined` for anything else (whitespace, nesting, escapes, fractions, long
 * integers, `__proto__`, invalid JSON), so that the caller falls back to `JSON.parse`. Whenever it returns an object,
 * that object equals what `JSON.parse` returns.
 *
 * @example
 * parseFlatObject('{"id":100001}')           // { id: 100001 }
 * parseFlatObject('{"id":1,"sku":"A-1"}')    // { id: 1, sku: 'A-1' }
 * parseFlatObject('{"price":1.5}')           // undefined (use JSON.parse)
 */
export function parseFlatObject(text: string): Record<string, unknown> | undefined {
  const n = text.length;
  if (n < 2 || text.charCodeAt(0) !== 123 || text.charCodeAt(n - 1) !== 125) return undefined;
  const out: Record<string, unknown> = {};
  if (n === 2) return out;
  let i = 1;
  for (;;) {
    // Key: an escape-free string.
    if (text.charCodeAt(i) !== 34) return undefined;
    const keyStart = ++i;
    i = stringEnd(text, i);
    if (i < 0) return undefined;
    const key = knownKey(text, keyStart, i);
    if (key === '__proto__') return undefined;
    if (text.charCodeAt(++i) !== 58) return undefined;
    // Value.
    const c = text.charCodeAt(++i);
    if (c === 34) {
      const start = i + 1;
      i = stringEnd(text, start);
      if (i < 0) return undefined;
      out[key] = text.slice(start, i);
      i++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      if (c === 45) i++;
      const first = i;
      let value = 0;
      let d = text.charCodeAt(i);
      while (d >= 48 && d <= 57) {
        value = value * 10 + (d - 48);
        d = text.charCodeAt(++i);
      }
      const digits = i - first;
      // No digits, a leading zero, or too many digits for a double to hold exactly: let JSON.parse decide.
      if (digits === 0 || digits > MAX_SAFE_DIGITS || (digits > 1 && text.charCodeAt(first) === 48))
        return undefined;
      out[key] = c === 45 ? -value : value;
    } else if (text.startsWith('null', i)) {
      out[key] = null;
      i += 4;
    } else if (text.startsWith('true', i)) {
      out[key] = true;
      i += 4;
    } else if (text.startsWith('false', i)) {
      out[key] = false;
      i += 5;
    } else return undefined;
    const sep = text.charCodeAt(i);
    if (sep === 125) return i === n - 1 ? out : undefined;
    if (sep !== 44) return undefined;
    i++;
  }
}

/**
 * Key names seen recently. Reusing the same (internalized) string instead of a fresh slice lets V8 skip the string
 * table lookup and keeps the stores monomorphic: keys repeat across the messages of a topic.
 */
const recentKeys: string[] = [];
const MAX_RECENT_KEYS = 32;

function knownKey(text: string, start: number, end: number): string {
  const length = end - start;
  for (let k = 0; k < recentKeys.length; k++) {
    const candidate = recentKeys[k] as string;
    if (candidate.length === length && text.startsWith(candidate, start)) return candidate;
  }
  const key = text.slice(start, end);
  if (recentKeys.length >= MAX_RECENT_KEYS) recentKeys.length = 0;
  recentKeys.push(key);
  return key;
}

/** Index of the closing quote of an escape-free string starting at `i`, or -1 (escape, control character, end). */
function stringEnd(text: string, i: number): number {
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i;
    if (c === 92 || c < 32) return -1;
  }
  return -1;
}
