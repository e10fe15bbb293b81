/**
 * Per-message state of the JSON decoders and the "recover the exact literal" machinery of the fast path.
 *
 * The fast path parses with `JSON.parse`. A number that may have lost precision (an integer beyond 2^53, or any
 * number where the schema wants an exact decimal) is looked up again in the source text by its key. When that is
 * ambiguous (array elements, escaped keys, two different literals with the same key and the same double) the
 * decoder throws {@link NEED_EXACT} and the message is decoded again from `parseLosslessJson`.
 */
import { fail } from '../errors.js';
import { numberFromLiteral } from '../lossless-json.js';
import type { LosslessNumber } from '../lossless-number.js';
import type { PlaceholderForms } from '../unavailable.js';
import { lastUint64Double, MAX_UINT64_DIGITS, uint64FromDigits } from './uint64-from-digits.js';

/**
 * Creates a context (all fields initialised so that every context has the same hidden class).
 *
 * @example
 * const ctx = createJsonContext(placeholderForms(), 64);
 */
export function createJsonContext(
  placeholder: PlaceholderForms,
  maxDepth: number,
  exact = false,
): JsonContext {
  return { text: '', exact, placeholder, maxDepth, unavailable: 0, found: [], foundIn: '' };
}

/**
 * Per-message decoding context.
 *
 * @example
 * const ctx: JsonContext = createJsonContext(placeholderForms(), 64);
 */
export interface JsonContext {
  /** Source text of the JSON being decoded (fast path), used to recover exact literals. */
  text: string;
  /** `true` when the values come from the exact parser (no recovery needed). */
  exact: boolean;
  placeholder: PlaceholderForms;
  maxDepth: number;
  /** Count of unchanged-TOAST placeholders seen. */
  unavailable: number;
  /** Keys and literals scanned in `foundIn` (a cache for the current text): [key0, list0, key1, list1, …]. */
  found: (string | (bigint | string | number)[])[];
  foundIn: string;
}

/**
 * Thrown (never escapes the decoder) to request an exact re-parse.
 *
 * @example
 * try { exactNumber(ctx, 'v', 2 ** 60) } catch (e) { if (e === NEED_EXACT) reparseExactly(); }
 */
export const NEED_EXACT = { needExact: true } as const;

/**
 * Largest integer a double holds exactly.
 *
 * @example
 * v > MAX_SAFE // may have lost precision
 */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

interface Needle {
  /** Searched text: the key from its last '_' (a rare character in JSON) plus the closing quote. */
  text: string;
  /** Characters of the key before the needle. */
  cut: number;
  /** `key.slice(0, cut)`. */
  prefix: string;
}

const needles = new Map<string, Needle | null>();

function needleFor(key: string): Needle | null {
  let needle = needles.get(key);
  if (needle !== undefined) return needle;
  needle = { text: '', cut: 0, prefix: '' };
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92) needle = null;
  }
  if (needle) {
    const cut = Math.max(0, key.lastIndexOf('_'));
    needle.cut = cut;
    needle.prefix = key.slice(0, cut);
    needle.text = key.slice(cut) + '"';
  }
  if (needles.size < 4096) needles.set(key, needle);
  return needle;
}

/**
 * Every number literal written as the value of `key` in `text`, in order, as pairs [exact, double]: long integers as
 * bigint, others as text.
 */
function scanLiterals(text: string, nd: Needle): (bigint | string | number)[] {
  const out: (bigint | string | number)[] = [];
  const n = text.length;
  let from = 0;
  for (;;) {
    const hit = text.indexOf(nd.text, from);
    if (hit < 0) return out;
    from = hit + 1;
    const at = hit - nd.cut - 1;
    if (at < 0 || text.charCodeAt(at) !== 34) continue;
    if (nd.cut > 0 && !text.startsWith(nd.prefix, at + 1)) continue;
    let bs = 0;
    while (text.charCodeAt(at - 1 - bs) === 92) bs++;
    if (bs % 2 === 1) continue;
    let i = hit + nd.text.length;
    while (text.charCodeAt(i) <= 32) i++;
    if (text.charCodeAt(i) !== 58) continue;
    i++;
    while (text.charCodeAt(i) <= 32) i++;
    let j = i;
    let integer = true;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c >= 48 && c <= 57) continue;
      if (c === 45 && j === i) continue;
      if (c === 46 || c === 101 || c === 69 || c === 43 || c === 45) integer = false;
      else break;
    }
    if (j === i) continue;
    const negative = text.charCodeAt(i) === 45;
    const digits = negative ? j - i - 1 : j - i;
    if (integer && digits > 15 && digits <= MAX_UINT64_DIGITS) {
      const big = uint64FromDigits(text, negative ? i + 1 : i, j);
      const approx = lastUint64Double();
      out.push(negative ? -big : big, negative ? -approx : approx);
      continue;
    }
    const lit = text.slice(i, j);
    const value = integer && digits > 15 ? BigInt(lit) : lit;
    out.push(value, Number(value));
  }
}

function literalsFor(ctx: JsonContext, key: string, approx: number): bigint | string | undefined {
  const nd = needleFor(key);
  if (nd === null) return undefined;
  const cache = ctx.found;
  if (ctx.foundIn !== ctx.text) {
    cache.length = 0;
    ctx.foundIn = ctx.text;
  }
  let found: (bigint | string | number)[] | undefined;
  for (let i = 0; i < cache.length; i += 2) {
    if (cache[i] === key) {
      found = cache[i + 1] as (bigint | string | number)[];
      break;
    }
  }
  if (found === undefined) {
    found = scanLiterals(ctx.text, nd);
    cache.push(key, found);
  }
  let lit: bigint | string | undefined;
  for (let i = 0; i < found.length; i += 2) {
    if (found[i + 1] !== approx) continue;
    const f = found[i] as bigint | string;
    if (lit === undefined) lit = f;
    else if (lit !== f) return undefined;
  }
  return lit;
}

/**
 * The exact literal text of a number read with `JSON.parse`, found by its key. Throws {@link NEED_EXACT} when it
 * cannot be recovered unambiguously.
 *
 * @example
 * ctx.text = '{"price":1.23456789123456789}'; recoverLiteral(ctx, 'price', 1.2345678912345679) // '1.23456789123456789'
 */
export function recoverLiteral(ctx: JsonContext, key: string | number, approx: number): string {
  if (ctx.exact) return String(approx);
  const lit = typeof key === 'string' ? literalsFor(ctx, key, approx) : undefined;
  if (lit === undefined) throw NEED_EXACT;
  return String(lit);
}

/**
 * Exact value of a number read by `JSON.parse` that may be imprecise (|v| > 2^53): bigint for integer literals,
 * number or LosslessNumber otherwise.
 *
 * @example
 * ctx.text = '{"ts_ns":1723115239782690000}'; exactNumber(ctx, 'ts_ns', 1723115239782690000) // 1723115239782690000n
 */
export function exactNumber(
  ctx: JsonContext,
  key: string | number,
  v: number,
): number | bigint | LosslessNumber {
  if (ctx.exact || !(v > MAX_SAFE || v < -MAX_SAFE)) return v;
  const lit = typeof key === 'string' ? literalsFor(ctx, key, v) : undefined;
  if (lit === undefined) throw NEED_EXACT;
  // A literal whose double lies beyond 2^53 lies beyond 2^53 itself: a bigint literal is returned as is.
  if (typeof lit === 'bigint') return lit;
  return numberFromLiteral(lit);
}

/**
 * Checks the nesting limit.
 *
 * @example
 * checkDepth(ctx, depth + 1);
 */
export function checkDepth(ctx: JsonContext, depth: number): void {
  if (depth > ctx.maxDepth) fail('NESTING_TOO_DEEP', `value nested deeper than ${ctx.maxDepth} levels`);
}
