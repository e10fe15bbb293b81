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

/** Per-message decoding context. */
export interface JsonContext {
  /** Source text of the JSON being decoded (fast path), used to recover exact literals. */
  text: string;
  /** `true` when the values come from the exact parser (no recovery needed). */
  exact: boolean;
  placeholder: PlaceholderForms;
  maxDepth: number;
  /** Count of unchanged-TOAST placeholders seen. */
  unavailable: number;
}

/** Thrown (never escapes the decoder) to request an exact re-parse. */
export const NEED_EXACT = { needExact: true } as const;

/** Largest integer a double holds exactly. */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const NUMBER_AT = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function literalsFor(text: string, key: string, approx: number): string | undefined {
  if (/["\\\u0000-\u001f]/.test(key)) return undefined;
  const needle = '"' + key + '"';
  let found: string | undefined;
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) break;
    from = at + 1;
    let bs = 0;
    while (text.charCodeAt(at - 1 - bs) === 92) bs++;
    if (bs % 2 === 1) continue;
    let i = at + needle.length;
    while (text.charCodeAt(i) <= 32) i++;
    if (text.charCodeAt(i) !== 58) continue;
    i++;
    while (text.charCodeAt(i) <= 32 && i < text.length) i++;
    NUMBER_AT.lastIndex = i;
    const m = NUMBER_AT.exec(text);
    if (!m || Number(m[0]) !== approx) continue;
    if (found === undefined) found = m[0];
    else if (found !== m[0]) return undefined;
  }
  return found;
}

/**
 * The exact literal text of a number read with `JSON.parse`, found by its key. Throws {@link NEED_EXACT} when it
 * cannot be recovered unambiguously.
 */
export function recoverLiteral(ctx: JsonContext, key: string | number, approx: number): string {
  if (ctx.exact) return String(approx);
  const lit = typeof key === 'string' ? literalsFor(ctx.text, key, approx) : undefined;
  if (lit === undefined) throw NEED_EXACT;
  return lit;
}

/**
 * Exact value of a number read by `JSON.parse` that may be imprecise (|v| > 2^53): bigint for integer literals,
 * number or LosslessNumber otherwise.
 */
export function exactNumber(ctx: JsonContext, key: string | number, v: number): number | bigint | LosslessNumber {
  if (ctx.exact || !(v > MAX_SAFE || v < -MAX_SAFE)) return v;
  return numberFromLiteral(recoverLiteral(ctx, key, v));
}

/** Checks the nesting limit. */
export function checkDepth(ctx: JsonContext, depth: number): void {
  if (depth > ctx.maxDepth) fail('NESTING_TOO_DEEP', `value nested deeper than ${ctx.maxDepth} levels`);
}
