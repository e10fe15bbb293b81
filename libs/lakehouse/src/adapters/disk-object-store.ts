import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { LakehouseError } from '../errors.js';
import type { ObjectStore } from '../object-store.js';

const safe = (root: string, key: string): string => {
  if (key === '' || key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '.'))
    throw new LakehouseError(
      'STORE_FAILED',
      `object key ${JSON.stringify(key)} is not a plain relative path`,
    );
  return join(root, ...key.split('/'));
};

async function* walk(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (!entry.name.startsWith('.tmp-')) yield path;
  }
}

/**
 * The {@link ObjectStore} on a local folder (the lake of `npm start`, or any disk DuckDB reads): key `a/b/c.parquet`
 * is the file `<root>/a/b/c.parquet`. A `put` writes a temporary file beside the target and renames it, so a
 * reader never sees half an object and a crash leaves no partial file under its name (only a `.tmp-*` file, which
 * `list` skips). Keys with `..`, `.` or a leading `/` are refused.
 *
 * @example
 * const store = diskObjectStore('.ecom/lake');
 * await store.put('data_postgres/orders/_manifest.json', new TextEncoder().encode('{}'));
 * await store.list('data_postgres/'); // ['data_postgres/orders/_manifest.json']
 */
export function diskObjectStore(root: string): ObjectStore {
  let sequence = 0;
  return {
    async put(key, body) {
      const path = safe(root, key);
      await mkdir(dirname(path), { recursive: true });
      const tmp = join(dirname(path), `.tmp-${process.pid}-${sequence++}`);
      await writeFile(tmp, body);
      await rename(tmp, path);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(safe(root, key)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async list(prefix) {
      const keys: string[] = [];
      const base = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      for await (const path of walk(base === '' ? root : safe(root, base))) {
        const key = relative(root, path).split(sep).join('/');
        if (key.startsWith(prefix)) keys.push(key);
      }
      return keys.sort();
    },
    async delete(key) {
      await rm(safe(root, key), { force: true });
    },
  };
}
