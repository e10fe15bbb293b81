/**
 * What the jobs started together in one process (`jobs run revenue top-products fraud`) share: one pg pool, one
 * logger, one metrics server. Each job asks for a value by key; the first one opens it, the others get the same.
 *
 * @example
 * const host = createJobHost();
 * const answer = await host.shared('answer', async () => ({ value: 42, close: async () => undefined }));
 * await host.close();
 */
export interface JobHost {
  /** The value opened under `key` (by `open`, the first time; later callers' `open` is not called). */
  shared<T>(key: string, open: () => Promise<{ readonly value: T; close(): Promise<void> }>): Promise<T>;
  /** Closes every shared value, the last opened first. */
  close(): Promise<void>;
}

/**
 * A {@link JobHost}. A failed `open` is not kept: the next caller tries again.
 *
 * @example
 * const host = createJobHost();
 * await host.close();
 */
export function createJobHost(): JobHost {
  const values = new Map<string, Promise<{ readonly value: unknown; close(): Promise<void> }>>();
  return {
    async shared<T>(key: string, open: () => Promise<{ readonly value: T; close(): Promise<void> }>) {
      let opened = values.get(key);
      if (opened === undefined) {
        opened = open();
        values.set(key, opened);
        opened.catch(() => values.delete(key));
      }
      return (await opened).value as T;
    },
    async close() {
      const all = [...values.values()].reverse();
      values.clear();
      for (const opened of all) await (await opened.catch(() => null))?.close();
    },
  };
}
