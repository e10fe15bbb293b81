/**
 * JSON text with exact int64s: bigints are written as bare integer literals (like Kafka Connect's JsonConverter
 * writes Java longs), so LSNs, `ts_ns` and bigint columns survive.
 */

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
