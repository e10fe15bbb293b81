/**
 * JSON text with exact int64s: bigints are written as bare integer literals (like Kafka Connect's JsonConverter
 * writes Java longs), so LSNs, `ts_ns` and bigint columns survive.
 */
import { setField } from '../../internal/object-fields.js';

/**
 * A value that {@link stringifyJson} can write.
 *
 * @example
 * const v: JsonOut = { lsn: 34466480n, op: 'c' };
 */
export type JsonOut =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly JsonOut[]
  | { readonly [key: string]: JsonOut | undefined };

/**
 * Writes compact JSON; bigints become bare integers, `undefined` members are omitted, non-finite numbers become null.
 *
 * @example
 * stringifyJson({ ts_ns: 1733906311190000000n }) // '{"ts_ns":1733906311190000000}'
 */
export function stringifyJson(value: JsonOut): string {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return '[' + (value as readonly JsonOut[]).map(stringifyJson).join(',') + ']';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, JsonOut | undefined>)) {
    if (v !== undefined) parts.push(JSON.stringify(k) + ':' + stringifyJson(v));
  }
  return '{' + parts.join(',') + '}';
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The value the decoder reads back from {@link stringifyJson}'s text, without the text: integers within ±(2^53 − 1)
 * become numbers (larger ones stay bigints, as the decoder recovers their digits), `-0` becomes `0`, non-finite
 * numbers `null`, and `undefined` members disappear. The in-process events go through it so that they equal
 * decoding the envelope.
 *
 * @example
 * parsedJson({ id: 7n, big: 9007199254740993n, at: undefined }) // { id: 7, big: 9007199254740993n }
 */
export function parsedJson(value: JsonOut): JsonOut {
  switch (typeof value) {
    case 'bigint':
      return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null;
    case 'string':
    case 'boolean':
      return value;
    default:
      break;
  }
  if (value === null) return null;
  if (Array.isArray(value)) return (value as readonly JsonOut[]).map(parsedJson);
  const o = value as Record<string, JsonOut | undefined>;
  const out: Record<string, JsonOut> = {};
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v !== undefined) setField(out, k, parsedJson(v));
  }
  return out;
}
