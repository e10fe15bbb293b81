/**
 * Object templates for decoded structs/records: cloning a template (`{ ...template }`) gives every value of one
 * schema the same hidden class, and the field stores then hit existing properties.
 */

/**
 * A null-valued object with the given keys, or `undefined` when a key needs special handling (`__proto__`,
 * duplicates).
 *
 * @example
 * recordTemplate(['id', 'name']) // { id: null, name: null }
 */
export function recordTemplate(names: readonly string[]): Record<string, unknown> | undefined {
  if (names.includes('__proto__') || new Set(names).size !== names.length) return undefined;
  const o: Record<string, unknown> = {};
  for (const k of names) o[k] = null;
  return o;
}
