/**
 * The project's canonical JSON (contract shared by the `cdc` CLI, golden fixtures and the differential tests).
 */
import { encodeBase64 } from './base64.js';
import { CdcError } from './errors.js';
import { LosslessNumber } from './lossless-number.js';
import { UNAVAILABLE } from './unavailable.js';

/**
 * Options of {@link toCanonicalJson}.
 *
 * @example
 * toCanonicalJson(value, { maxDepth: 64 });
 */
export interface CanonicalJsonOptions {
  /** Maximum nesting (default 1000); deeper values (or cycles) throw `CdcError` `NESTING_TOO_DEEP`. */
  maxDepth?: number;
}

function num(n: number): string {
  if (Number.isNaN(n)) return '"NaN"';
  if (n === Infinity) return '"infinity"';
  if (n === -Infinity) return '"-infinity"';
  return Object.is(n, -0) ? '0' : String(n);
}

/**
 * Serialises a decoded value or event to canonical JSON: object keys sorted (UTF-16 order), no whitespace,
 * bigints and {@link LosslessNumber}s as decimal strings, bytes as base64, {@link UNAVAILABLE} as
 * `{"$unavailable":true}`, NaN/±Infinity as `"NaN"`/`"infinity"`/`"-infinity"`, `undefined` members omitted.
 * Decimals, dates and times are already canonical strings in decoded values (see the README).
 *
 * @example
 * toCanonicalJson({ b: 1n << 60n, a: UNAVAILABLE, c: new Uint8Array([0, 156]) })
 * // '{"a":{"$unavailable":true},"b":"1152921504606846976","c":"AJw="}'
 */
export function toCanonicalJson(value: unknown, options: CanonicalJsonOptions = {}): string {
  const maxDepth = options.maxDepth ?? 1000;
  const write = (v: unknown, depth: number): string => {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return num(v);
      case 'bigint':
        return '"' + v.toString() + '"';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'symbol':
        return v === UNAVAILABLE ? '{"$unavailable":true}' : 'null';
      case 'object': {
        if (v === null) return 'null';
        if (depth >= maxDepth)
          throw new CdcError('NESTING_TOO_DEEP', `value nested deeper than ${maxDepth} levels`);
        if (v instanceof Uint8Array) return '"' + encodeBase64(v) + '"';
        if (v instanceof LosslessNumber) return JSON.stringify(v.text);
        if (v instanceof Date) return JSON.stringify(v.toISOString());
        if (Array.isArray(v)) {
          let out = '[';
          for (let i = 0; i < v.length; i++) {
            if (i) out += ',';
            const item = v[i];
            out += item === undefined || typeof item === 'function' ? 'null' : write(item, depth + 1);
          }
          return out + ']';
        }
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o).sort();
        let out = '{';
        let first = true;
        for (const k of keys) {
          const item = o[k];
          if (item === undefined || typeof item === 'function') continue;
          if (!first) out += ',';
          first = false;
          out += JSON.stringify(k) + ':' + write(item, depth + 1);
        }
        return out + '}';
      }
      default:
        return 'null';
    }
  };
  return write(value, 0);
}
