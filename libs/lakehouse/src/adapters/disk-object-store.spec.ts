// The lake on a local folder: put / get / list / delete, atomic renames, no partial files listed, no escapes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskObjectStore } from './disk-object-store.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('diskObjectStore', () => {
  it('stores, lists by prefix, reads, overwrites and deletes objects', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lake-disk-'));
    const store = diskObjectStore(root);
    await store.put('data_postgres/orders/snapshot=1/part-0.parquet', bytes('a'));
    await store.put('data_postgres/orders/_manifest.json', bytes('{}'));
    await store.put('data_postgres/customers/_manifest.json', bytes('{}'));
    await store.put('data_postgres/orders/_manifest.json', bytes('{"v":2}'));
    writeFileSync(join(root, 'data_postgres/orders/.tmp-1-9'), 'half'); // a crash mid-put
    expect(await store.list('data_postgres/orders/')).toEqual([
      'data_postgres/orders/_manifest.json',
      'data_postgres/orders/snapshot=1/part-0.parquet',
    ]);
    expect(await store.list('data_postgres/')).toHaveLength(3);
    expect(await store.list('nothing/')).toEqual([]);
    expect(
      new TextDecoder().decode((await store.get('data_postgres/orders/_manifest.json')) ?? undefined),
    ).toBe('{"v":2}');
    expect(await store.get('data_postgres/none')).toBeNull();
    await store.delete('data_postgres/orders/_manifest.json');
    await store.delete('data_postgres/orders/_manifest.json');
    expect(await store.get('data_postgres/orders/_manifest.json')).toBeNull();
  });

  it('refuses keys that leave the folder', async () => {
    const store = diskObjectStore(mkdtempSync(join(tmpdir(), 'lake-disk-')));
    await expect(store.put('../x', bytes('x'))).rejects.toThrow('not a plain relative path');
    await expect(store.get('/etc/passwd')).rejects.toThrow('not a plain relative path');
  });
});
