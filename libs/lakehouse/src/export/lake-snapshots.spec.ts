import { LakehouseError } from '../errors.js';
import type { ObjectStore } from '../object-store.js';
import { registerLakeTables } from '../register/register-lake-tables.js';
import { manifestKey, newSnapshotId, parseManifest, snapshotTimeMs } from '../snapshots.js';
import { lakePartitionKey, lakePartitionValue } from '../table-layout.js';
import type { TrinoQueryPort } from '../trino-port.js';
import { exportTableSnapshot } from './export-table-snapshot.js';

class MemoryStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  failAfterPuts = Infinity;
  async put(key: string, body: Uint8Array) {
    if (this.failAfterPuts-- <= 0) throw new Error('disk full');
    this.objects.set(key, body);
  }
  async get(key: string) {
    return this.objects.get(key) ?? null;
  }
  async list(prefix: string) {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
  async delete(key: string) {
    this.objects.delete(key);
  }
}

/** A Trino that counts what the manifests say and remembers every statement. */
function fakeTrino(store: MemoryStore, rowsOf: (sql: string) => number): TrinoQueryPort & { sql: string[] } {
  const sql: string[] = [];
  return {
    sql,
    async query(statement) {
      sql.push(statement);
      if (statement.startsWith('SELECT count(*)')) return [[rowsOf(statement)]];
      void store;
      return [];
    },
  };
}

const order = (id: number, at: string) => ({
  order_id: id,
  customer_id: 1,
  order_date: at,
  total_price: '10.00',
  status: 'paid',
  created_at: at,
  updated_at: at,
});

async function* batches<T>(...groups: T[][]) {
  for (const g of groups) yield g;
}

const ID1 = newSnapshotId(Date.UTC(2026, 11, 1), 1);
const ID2 = newSnapshotId(Date.UTC(2026, 11, 2), 2);

describe('snapshot ids and partitions', () => {
  it('ids sort by time and give their time back', () => {
    expect(ID1).toBe('s20261201000000000_0001');
    expect(snapshotTimeMs(ID2)).toBe(Date.UTC(2026, 11, 2));
    expect(ID1 < ID2).toBe(true);
    expect(() => snapshotTimeMs('s1')).toThrow(LakehouseError);
  });

  it('orders by UTC month, customer events by UTC day, others unpartitioned', () => {
    expect(lakePartitionValue(lakePartitionKey('orders')!, { order_date: '2026-12-01T06:00:00+07:00' })).toBe(
      '2026-11',
    );
    expect(
      lakePartitionValue(lakePartitionKey('customer_events')!, {
        event_time: new Date(Date.UTC(2026, 0, 2)),
      }),
    ).toBe('2026-01-02');
    expect(lakePartitionKey('products')).toBeNull();
    expect(() => lakePartitionValue(lakePartitionKey('orders')!, { order_date: null })).toThrow(/order_date/);
  });
});

describe('exportTableSnapshot', () => {
  it('writes bounded files per partition, the manifest last', async () => {
    const store = new MemoryStore();
    const rows = [
      order(1, '2026-10-05T00:00:00Z'),
      order(2, '2026-11-05T00:00:00Z'),
      order(3, '2026-10-06T00:00:00Z'),
      order(4, '2026-10-07T00:00:00Z'),
      order(5, '2026-11-07T00:00:00Z'),
    ];
    const { manifest } = await exportTableSnapshot({
      table: 'orders',
      batches: batches(rows.slice(0, 2), rows.slice(2)),
      store,
      prefix: 'data_postgres',
      snapshotId: ID1,
      fileRows: 2,
      maxBufferedRows: 3,
    });
    expect(manifest.rows).toBe(5);
    expect(manifest.partitionColumn).toBe('order_month');
    expect(manifest.files.reduce((n, f) => n + f.rows, 0)).toBe(5);
    expect(manifest.files.every((f) => f.rows <= 2)).toBe(true);
    expect(manifest.files.map((f) => f.key)).toContain(
      `data_postgres/orders/snapshot=${ID1}/order_month=2026-10/part-00000.parquet`,
    );
    expect([...store.objects.keys()].at(-1)).toBe(
      manifestKey({ prefix: 'data_postgres', table: 'orders', snapshotId: ID1 }),
    );
    const key = manifestKey({ prefix: 'data_postgres', table: 'orders', snapshotId: ID1 });
    expect(parseManifest(key, store.objects.get(key)!)).toEqual(manifest);
  });

  it('a failed upload leaves no manifest, and register keeps the committed snapshot', async () => {
    const store = new MemoryStore();
    const base = { table: 'orders' as const, store, prefix: 'p', fileRows: 1 };
    await exportTableSnapshot({
      ...base,
      batches: batches([order(1, '2026-10-05T00:00:00Z')]),
      snapshotId: ID1,
    });
    store.failAfterPuts = 1;
    await expect(
      exportTableSnapshot({
        ...base,
        batches: batches([order(1, '2026-10-05T00:00:00Z'), order(2, '2026-10-06T00:00:00Z')]),
        snapshotId: ID2,
      }),
    ).rejects.toMatchObject({ code: 'STORE_FAILED', message: expect.stringContaining(`snapshot=${ID2}`) });
    const trino = fakeTrino(store, () => 1);
    const [done] = await registerLakeTables({
      trino,
      store,
      bucket: 'b',
      prefix: 'p',
      target: { catalog: 'lake', schema: 'shop' },
      tables: ['orders'],
      graceMs: 0,
      now: () => Date.UTC(2026, 11, 3),
    });
    expect(done?.snapshotId).toBe(ID1);
    // The unfinished snapshot is newer than the current one: it may be an export still running, so it stays.
    expect(done?.removedSnapshots).toEqual([]);
    expect(trino.sql.at(-1)).toContain(`CREATE OR REPLACE VIEW "lake"."shop"."orders"`);
  });

  it('refuses a bad value naming row and column, before anything is committed', async () => {
    const store = new MemoryStore();
    await expect(
      exportTableSnapshot({
        table: 'orders',
        batches: batches([{ ...order(1, '2026-10-05T00:00:00Z'), total_price: 1.5 }]),
        store,
        prefix: 'p',
        snapshotId: ID1,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_VALUE', message: expect.stringContaining('total_price') });
    expect(store.objects.size).toBe(0);
  });
});

describe('registerLakeTables', () => {
  const at = (day: number) => Date.UTC(2026, 11, day);
  async function lake() {
    const store = new MemoryStore();
    for (const [id, day] of [
      [newSnapshotId(at(1), 1), 1],
      [newSnapshotId(at(2), 2), 2],
      [newSnapshotId(at(3), 3), 3],
    ] as const) {
      await exportTableSnapshot({
        table: 'carts',
        batches: batches([
          {
            cart_id: day,
            customer_id: 1,
            product_id: 1,
            quantity: 1,
            added_at: new Date(at(day)),
            updated_at: new Date(at(day)),
          },
        ]),
        store,
        prefix: 'p',
        snapshotId: id,
        now: () => at(day),
      });
    }
    await store.put('p/carts/legacy-pandas.parquet', new Uint8Array([1]));
    return store;
  }
  const input = (store: MemoryStore, trino: TrinoQueryPort, graceMs: number, clear = false) => ({
    trino,
    store,
    bucket: 'b',
    prefix: 'p',
    target: { catalog: 'lake', schema: 'shop' },
    tables: ['carts'] as const,
    graceMs,
    clear,
    now: () => at(3) + 3_600_000,
  });

  it('keeps snapshots superseded within the grace period, removes older ones', async () => {
    const store = await lake();
    const trino = fakeTrino(store, () => 1);
    const [done] = await registerLakeTables(input(store, trino, 86_400_000));
    expect(done?.snapshotId).toBe(newSnapshotId(at(3), 3));
    // Snapshot 1 was superseded at day 2 (more than the grace ago), snapshot 2 at day 3 (within it).
    expect(done?.removedSnapshots).toEqual([newSnapshotId(at(1), 1)]);
    expect(trino.sql).toContain(`DROP TABLE IF EXISTS "lake"."shop"."carts__${newSnapshotId(at(1), 1)}"`);
    expect(await store.list('p/carts/')).toContain('p/carts/legacy-pandas.parquet');
  });

  it('--clear-bucket leaves only the current snapshot', async () => {
    const store = await lake();
    const [done] = await registerLakeTables(
      input(
        store,
        fakeTrino(store, () => 1),
        86_400_000 * 30,
        true,
      ),
    );
    const id = newSnapshotId(at(3), 3);
    expect(done?.removedSnapshots).toHaveLength(2);
    expect(await store.list('p/carts/')).toEqual([
      `p/carts/_snapshots/${id}.json`,
      `p/carts/snapshot=${id}/part-00000.parquet`,
    ]);
  });

  it('a count that disagrees with the manifest leaves the view alone', async () => {
    const store = await lake();
    const trino = fakeTrino(store, () => 0);
    await expect(registerLakeTables(input(store, trino, 0))).rejects.toMatchObject({
      code: 'SNAPSHOT_INCOMPLETE',
    });
    expect(trino.sql.some((s) => s.includes('CREATE OR REPLACE VIEW'))).toBe(false);
  });

  it('no snapshot yet: NO_SNAPSHOT naming the folder', async () => {
    const store = new MemoryStore();
    await expect(
      registerLakeTables(
        input(
          store,
          fakeTrino(store, () => 0),
          0,
        ),
      ),
    ).rejects.toMatchObject({
      code: 'NO_SNAPSHOT',
      message: expect.stringContaining('s3://b/p/carts/'),
    });
  });
});
