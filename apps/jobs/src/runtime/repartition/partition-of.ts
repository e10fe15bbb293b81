/**
 * Which partition of a keyed repartition topic a key goes to: FNV-1a (32 bit) over the key's UTF-16 code units,
 * modulo the partition count. Every instance computes the same partition for the same key and count, so the count
 * is read from the topic itself, never configured per instance.
 */

/**
 * The partition of `key` among `partitions`.
 *
 * @example
 * partitionOf('order/42', 1); // 0
 * partitionOf('order/42', 3) === partitionOf('order/42', 3); // true
 */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
