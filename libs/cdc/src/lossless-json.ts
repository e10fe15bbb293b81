/**
 * Exact JSON parsing: integers beyond ±(2^53 − 1) become `bigint`, other numbers whose text a double cannot
 * hold exactly become {@link LosslessNumber}; everything else is what `JSON.parse` returns.
 *
 * The decoder's hot path uses `JSON.parse` and recovers only the few long literals by key (see
 * `internal/literal-recovery.ts`); this parser is the exact fallback (internal: the CLI and specs use it).
 */
import { CdcError } from './errors.js';
import { LosslessNumber } from './lossless-number.js';
import { setField } from './internal/object-fields.js';

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Result of a lossless parse.
 *
 * @example
 * const v: LosslessJsonValue = parseLosslessJson('[1, 9007199254740993]'); // [1, 9007199254740993n]
 */
export type LosslessJsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | LosslessNumber
  | LosslessJsonValue[]
  | { [key: string]: LosslessJsonValue };

/**
 * Whether `text` is `-?digits` (a JSON integer literal).
 *
 * @example
 * isIntegerLiteral('-12') // true; isIntegerLiteral('1.0') // false
 */
export function isIntegerLiteral(text: string): boolean {
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === text.length) return false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function normalize(text: string): { neg: boolean; digits: string; point: number } {
  let s = text;
  const neg = s[0] === '-';
  if (neg) s = s.slice(1);
  let exp = 0;
  const e = s.search(/[eE]/);
  if (e >= 0) {
    exp = Number(s.slice(e + 1));
    s = s.slice(0, e);
  }
  const dot = s.indexOf('.');
  let intLen = dot < 0 ? s.length : dot;
  let digits = dot < 0 ? s : s.slice(0, dot) + s.slice(dot + 1);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  intLen -= lead;
  digits = digits.replace(/0+$/, '');
  return { neg, digits, point: digits === '' ? 0 : intLen + exp };
}

/** Whether the double `n` is exactly the decimal value written in `text`. */
function roundTrips(text: string, n: number): boolean {
  if (!Number.isFinite(n)) return false;
  const a = normalize(text);
  const b = normalize(String(n));
  return a.digits === b.digits && a.point === b.point && (a.neg === b.neg || a.digits === '');
}

/**
 * Converts one JSON number literal to its exact JS value.
 *
 * @example
 * numberFromLiteral('1723115239782690000') // 1723115239782690000n
 * numberFromLiteral('1.56')                // 1.56
 * numberFromLiteral('1.23456789123456789') // LosslessNumber { text: '1.23456789123456789' }
 */
export function numberFromLiteral(text: string): number | bigint | LosslessNumber {
  if (isIntegerLiteral(text)) {
    const digits = text.charCodeAt(0) === 45 ? text.length - 1 : text.length;
    if (digits < 16) return Number(text);
    const big = BigInt(text);
    return big <= MAX_SAFE_BIG && big >= -MAX_SAFE_BIG ? Number(big) : big;
  }
  const n = Number(text);
  if (text.length < 16 || roundTrips(text, n)) return n;
  return new LosslessNumber(text);
}

/**
 * Options of {@link parseLosslessJson}.
 *
 * @example
 * parseLosslessJson(text, { maxDepth: 64 });
 */
export interface LosslessJsonOptions {
  /** Maximum nesting of arrays/objects (default 1000); deeper input fails with `NESTING_TOO_DEEP`. */
  maxDepth?: number;
}

const NUMBER_AT = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parses JSON text exactly. Throws {@link CdcError} `MALFORMED_JSON` (with the character offset) or
 * `NESTING_TOO_DEEP`.
 *
 * @example
 * parseLosslessJson('{"ts_ns":1723115239782690000}') // { ts_ns: 1723115239782690000n }
 */
export function parseLosslessJson(text: string, options: LosslessJsonOptions = {}): LosslessJsonValue {
  const maxDepth = options.maxDepth ?? 1000;
  let i = 0;
  const n = text.length;

  const bad = (what: string): never => {
    throw new CdcError('MALFORMED_JSON', `${what} at position ${i}`);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const str = (): string => {
    const start = ++i;
    // Fast path: no escapes.
    for (;;) {
      if (i >= n) bad('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return text.slice(start, i - 1);
      }
      if (c === 92) break;
      if (c < 32) bad('control character in string');
      i++;
    }
    // Slow path: let JSON.parse decode the escapes of the whole literal.
    for (;;) {
      if (i >= n) bad('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) break;
      else if (c < 32) bad('control character in string');
      else i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start - 1, i)) as string;
    } catch {
      return bad('invalid escape in string');
    }
  };
  const value = (depth: number): LosslessJsonValue => {
    ws();
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (depth >= maxDepth)
        throw new CdcError('NESTING_TOO_DEEP', `JSON nesting deeper than ${maxDepth} at position ${i}`);
      i++;
      ws();
      if (c === 91) {
        const arr: LosslessJsonValue[] = [];
        if (text.charCodeAt(i) === 93) {
          i++;
          return arr;
        }
        for (;;) {
          arr.push(value(depth + 1));
          ws();
          const d = text.charCodeAt(i++);
          if (d === 93) return arr;
          if (d !== 44) {
            i--;
            bad("expected ',' or ']'");
          }
        }
      }
      const obj: { [key: string]: LosslessJsonValue } = {};
      if (text.charCodeAt(i) === 125) {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text.charCodeAt(i) !== 34) bad('expected a string key');
        const k = str();
        ws();
        if (text.charCodeAt(i++) !== 58) {
          i--;
          bad("expected ':'");
        }
        const v = value(depth + 1);
        setField(obj, k, v);
        ws();
        const d = text.charCodeAt(i++);
        if (d === 125) return obj;
        if (d !== 44) {
          i--;
          bad("expected ',' or '}'");
        }
      }
    }
    if (c === 34) return str();
    if (c === 116 && text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (c === 102 && text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (c === 110 && text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUMBER_AT.lastIndex = i;
    const m = NUMBER_AT.exec(text);
    if (!m) return bad(i >= n ? 'unexpected end of JSON' : `unexpected character ${JSON.stringify(text[i])}`);
    i += m[0].length;
    return numberFromLiteral(m[0]);
  };

  const result = value(0);
  ws();
  if (i < n) bad('unexpected data after JSON value');
  return result;
}
