/**
 * Two small helpers for the plain objects the decoders build from untrusted input.
 */

/**
 * `true` for a non-null, non-array object.
 *
 * @example
 * isObject({ a: 1 }) // true
 * isObject([1])      // false
 */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Sets `o[k] = v` as an own, enumerable property, also for the key `__proto__` (which a plain assignment would turn
 * into a prototype change), as `JSON.parse` does.
 *
 * @example
 * const o = {}; setField(o, '__proto__', 1); Object.keys(o) // ['__proto__']
 */
export function setField(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}
