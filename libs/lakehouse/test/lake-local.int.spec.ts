// `lake export` to a lake on local disk (LAKE_DIR, what `npm start` writes): every shop table as a snapshot folder
// with its manifest, read back by DuckDB with every row; a re-export keeps the superseded snapshot for the grace
// period and prunes it after; `register` and `marts` refuse clearly (they need S3 and Trino); no S3 key needed.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { SHOP_TABLE_NAMES } from '@ecom/domain';
import type { TempDatabase } from '@ecom/domain/testing';
import pg from 'pg';
import { diskObjectStore } from '../src/adapters/index.js';
import { manifestKey, parseManifest, tableFolder } from '../src/index.js';
import { runLake } from './lake-cli.js';
import { shopRowsDatabase } from './shop-database.js';
// The workspace's one stack starter (libs/cdc/test), reused as the other lake specs do through lake-stack.ts.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startStack } from '../../cdc/test/stack-services.js';

let db: TempDatabase;
let dir: string;

beforeAll(async () => {
  startStack(['postgres']);
  db = await shopRowsDatabase('lake_local_it');
  dir = await mkdtemp(join(tmpdir(), 'lake-local-'));
}, 300_000);

afterAll(async () => {
  await db?.drop();
});

const env = (extra: Record<string, string> = {}) => ({ LAKE_DATABASE_URL: db.url, LAKE_DIR: dir, ...extra });

/** The committed snapshot ids of a table, oldest first. */
async function snapshots(table: string): Promise<string[]> {
  const folder = join(dir, 'data_postgres', table, '_snapshots');
  return (await readdir(folder)).map((f) => f.replace(/\.json$/, '')).sort();
}

describe('lake export to a local folder (LAKE_DIR)', () => {
  it('writes every table, readable by DuckDB; prunes superseded snapshots after the grace period', async () => {
    const first = await runLake(['export'], env());
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`to ${dir}/data_postgres/orders/snapshot=`);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const store = diskObjectStore(dir);
    try {
      for (const table of SHOP_TABLE_NAMES) {
        const [snapshotId] = await snapshots(table);
        const key = manifestKey({ prefix: 'data_postgres', table, snapshotId: snapshotId as string });
        const manifest = parseManifest(key, (await store.get(key)) as Uint8Array);
        const files = manifest.files.map((f) => `'${join(dir, f.key)}'`);
        const want = Number((await client.query(`SELECT count(*) AS n FROM public.${table}`)).rows[0].n);
        const got =
          files.length === 0
            ? 0
            : Number(
                (
                  await duck.runAndReadAll(`SELECT count(*) FROM read_parquet([${files.join(', ')}])`)
                ).getRowsJS()[0]?.[0],
              );
        expect({ table, rows: got }).toEqual({ table, rows: want });
        expect(manifest.rows).toBe(want);
      }
    } finally {
      await client.end();
    }

    expect((await runLake(['export', '--tables', 'orders'], env())).code).toBe(0);
    expect(await snapshots('orders')).toHaveLength(2); // the superseded one is kept for the grace period
    expect(
      (await runLake(['export', '--tables', 'orders'], env({ LAKE_SNAPSHOT_GRACE_MINUTES: '0' }))).code,
    ).toBe(0);
    const left = await snapshots('orders');
    expect(left).toHaveLength(1);
    const files = await store.list(tableFolder('data_postgres', 'orders'));
    expect(files.every((k) => k.includes(left[0] as string))).toBe(true);
  });

  it('refuses register and marts, which need S3 and Trino', async () => {
    const register = await runLake(['register'], env());
    expect(register.code).toBe(2);
    expect(register.stderr).toMatch(/register needs S3 and Trino: LAKE_DIR is a lake on local disk/);
    expect((await runLake(['marts', 'build'], env())).stderr).toMatch(/marts need S3 and Trino/);
  });
});
