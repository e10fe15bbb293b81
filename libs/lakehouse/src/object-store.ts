/**
 * The port through which the lakehouse reads and writes objects. Any S3 endpoint fits behind it (the
 * adapter uses the `minio` client); tests may use an in-memory implementation.
 *
 * @example
 * class MemoryStore implements ObjectStore {
 *   private readonly objects = new Map<string, Uint8Array>();
 *   async put(key: string, body: Uint8Array) { this.objects.set(key, body); }
 *   async get(key: string) { return this.objects.get(key) ?? null; }
 *   async list(prefix: string) { return [...this.objects.keys()].filter((k) => k.startsWith(prefix)); }
 *   async delete(key: string) { this.objects.delete(key); }
 * }
 */
export interface ObjectStore {
  /** Writes (or overwrites) one object. */
  put(key: string, body: Uint8Array, options?: { contentType?: string }): Promise<void>;
  /** Reads one object, or `null` when it does not exist. */
  get(key: string): Promise<Uint8Array | null>;
  /** Lists every key under a prefix. */
  list(prefix: string): Promise<string[]>;
  /** Deletes one object; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}
