/**
 * Issue 14 §2 and §4 acceptance for `lake export` / `lake register`, run in-process on the real stack (PostgreSQL,
 * S3Proxy, Trino) with main.ts's wiring (`lakeServices`): every column of every shop table goes Postgres → Parquet
 * on S3 → Trino (through the registered view) and → DuckDB (the snapshot's files) and comes back exact; re-exports
 * never duplicate and a query looping during one sees the old snapshot or the new one, never a mix; an unknown
 * table, an unreachable bucket and a Trino that is down (a wrong port: the shared Trino is never stopped) fail with
 * errors naming what failed and change nothing a query can see. Unique database, prefix and schema per run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { SHOP_TABLE_NAMES, getShopTable, toEpochMicros, type ShopTableName } from '@ecom/domain';
import type { TempDatabase } from '@ecom/domain/testing';
import pg from 'pg';
import { minioObjectStore } from '../src/adapters/index.js';
import { lakeServices } from '../src/cli/lake-services.js';
import { runLakeCli } from '../src/cli/run-lake-cli.js';
import { lakeSchema, manifestKey, parseManifest, type SnapshotManifest } from '../src/index.js';
import { LAKE_STACK, asTrinoText, lakeS3Client, startLakeStack, trinoRows } from './lake-stack.js';
import { shopRowsDatabase } from './shop-database.js';
import { SHOP_ROWS } from './shop-rows.js';

const RUN = `it${Date.now().toString(36)}`;
const SCHEMA = `${RUN}_shop`;
const PREFIX = `lake-it/${RUN}/data_postgres`;
const bucket = LAKE_STACK.s3.bucket;
const store = minioObjectStore(lakeS3Client(), bucket);

let db: TempDatabase;
const env = (extra: Record<string, string> = {}) => ({
  LAKE_DATABASE_URL: db.url,
  LAKE_S3_ENDPOINT: `http://127.0.0.1:${LAKE_STACK.s3.port}`,
  LAKE_S3_ACCESS_KEY: LAKE_STACK.s3.accessKey,
  LAKE_S3_SECRET_KEY: LAKE_STACK.s3.secretKey,
  LAKE_S3_BUCKET: bucket,
  LAKE_PREFIX: PREFIX,
  TRINO_URL: `http://127.0.0.1:${LAKE_STACK.trinoPort}`,
  LAKE_TRINO_SCHEMA: SCHEMA,
  ...extra,
});

async function lake(argv: string[], extra?: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await runLakeCli(argv, {
    env: env(extra),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    services: lakeServices,
  });
  return { code, stdout, stderr };
}

/** The snapshot a table's view reads, from the Trino view (what queries see). */
async function currentManifest(table: ShopTableName): Promise<SnapshotManifest> {
  const [[definition]] = (await trinoRows(
    `SELECT view_definition FROM lake.information_schema.views WHERE table_schema = '${SCHEMA}' AND table_name = '${table}'`,
  )) as [[string]];
  const snapshotId = /__(s\d{17}_[0-9a-f]{4})/.exec(definition)![1]!;
  const key = manifestKey({ prefix: PREFIX, table, snapshotId });
  return parseManifest(key, (await store.get(key))!);
}

async function pgCount(table: string): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM public.${table}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

const sortByPk = (table: ShopTableName, rows: Record<string, unknown>[]) => {
  const pk = getShopTable(table).primaryKey;
  return [...rows].sort((a, b) =>
    Number(BigInt(a[pk] as string | number) - BigInt(b[pk] as string | number)),
  );
};

beforeAll(async () => {
  startLakeStack();
  db = await shopRowsDatabase('lake_export_it');
  const run = await lake(['export']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}, 600_000);

afterAll(async () => {
  for (const [name] of (await trinoRows(`SHOW TABLES FROM lake.${SCHEMA}`).catch(() => [])) as [string][]) {
    const isView = !name.includes('__');
    await trinoRows(`DROP ${isView ? 'VIEW' : 'TABLE'} IF EXISTS lake.${SCHEMA}.${name}`);
  }
  await trinoRows(`DROP SCHEMA IF EXISTS lake.${SCHEMA}`);
  for (const key of await store.list(`lake-it/${RUN}/`)) await store.delete(key);
  await db?.drop();
}, 300_000);

describe('lake export: every column of every table, Postgres → S3 → Trino and DuckDB', () => {
  it.each(SHOP_TABLE_NAMES.map((t) => [t]))(
    '%s through the Trino view',
    async (table: ShopTableName) => {
      const columns = lakeSchema(table);
      const pk = getShopTable(table).primaryKey;
      const select = columns.map((c) => `CAST(${c.name} AS VARCHAR)`).join(', ');
      const got = await trinoRows(`SELECT ${select} FROM lake.${SCHEMA}.${table} ORDER BY ${pk}`);
      const want = sortByPk(table, SHOP_ROWS[table].expected).map((row) =>
        columns.map((c) => asTrinoText(row[c.name])),
      );
      expect(got).toEqual(want);
      expect(got).toHaveLength(await pgCount(table));
    },
    120_000,
  );

  it('every table through DuckDB, reading the snapshot files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lake-duckdb-'));
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      for (const table of SHOP_TABLE_NAMES) {
        const manifest = await currentManifest(table);
        const files: string[] = [];
        for (const [i, f] of manifest.files.entries()) {
          const path = join(dir, `${table}-${i}.parquet`);
          await writeFile(path, (await store.get(f.key))!);
          files.push(`'${path}'`);
        }
        const columns = lakeSchema(table);
        // DuckDB reads TIMESTAMP(MICROS, UTC) as TIMESTAMPTZ: compared as epoch microseconds, zone-free.
        const select = columns
          .map((c) =>
            c.type.kind === 'timestamp_us'
              ? `CAST(epoch_us(${c.name}) AS VARCHAR)`
              : `CAST(${c.name} AS VARCHAR)`,
          )
          .join(', ');
        const reader = await duck.runAndReadAll(
          `SELECT ${select} FROM read_parquet([${files.join(', ')}]) ORDER BY ${getShopTable(table).primaryKey}`,
        );
        const want = sortByPk(table, SHOP_ROWS[table].expected).map((row) =>
          columns.map((c) => {
            const v = row[c.name];
            if (v === null) return null;
            return c.type.kind === 'timestamp_us' ? String(toEpochMicros(v as string)) : String(v);
          }),
        );
        expect({ table, rows: reader.getRowsJS() }).toEqual({ table, rows: want });
      }
    } finally {
      duck.closeSync();
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('re-export: no duplicates, atomic swaps', () => {
  it('export, change data, export again while a Trino query loops: old or new, never a mix', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      // 60 000 more orders over 3 months (several files per partition at LAKE_FILE_ROWS=5000), one changed, one gone.
      await client.query(`INSERT INTO public.orders (order_id, customer_id, order_date, total_price, status, created_at, updated_at)
        OVERRIDING SYSTEM VALUE
        SELECT 100 + g, 1, timestamptz '2026-09-01 00:00:00+00' + g * interval '2 minutes', ((g % 1000) || '.25')::numeric, 'paid', now(), now()
        FROM generate_series(1, 60000) g`);
      await client.query(`UPDATE public.orders SET total_price = '0.01' WHERE order_id = 1`);
      await client.query(`DELETE FROM public.orders WHERE order_id = 2`);
    } finally {
      await client.end();
    }
    const probe = `SELECT count(*), count(DISTINCT order_id), CAST(sum(total_price) AS VARCHAR) FROM lake.${SCHEMA}.orders`;
    const [old] = (await trinoRows(probe)) as [[number, number, string]];
    expect(old.slice(0, 2)).toEqual([2, 2]);

    const seen: unknown[][] = [];
    let exporting = true;
    const loop = (async () => {
      while (exporting) seen.push(...(await trinoRows(probe)));
    })();
    const run = await lake(['export', '--tables', 'orders'], { LAKE_FILE_ROWS: '5000' });
    exporting = false;
    await loop;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const client2 = new pg.Client({ connectionString: db.url });
    await client2.connect();
    const truth = (
      await client2.query(`SELECT count(*)::int AS n, sum(total_price)::text AS s FROM public.orders`)
    ).rows[0] as { n: number; s: string };
    await client2.end();
    const fresh = [truth.n, truth.n, truth.s];
    expect(await trinoRows(probe)).toEqual([fresh]);
    expect((await currentManifest('orders')).files.length).toBeGreaterThan(3);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toContainEqual(old); // the loop ran across the export
    for (const row of seen) expect([old, fresh]).toContainEqual(row);
    // Partitions registered: Trino prunes by order_month.
    expect(
      await trinoRows(`SELECT count(*) FROM lake.${SCHEMA}.orders WHERE order_month = '2026-11'`),
    ).toEqual([[await pgMonth('2026-11')]]);
  }, 600_000);
});

async function pgMonth(month: string): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM public.orders WHERE to_char(order_date AT TIME ZONE 'UTC', 'YYYY-MM') = $1`,
      [month],
    );
    return (rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

describe('bad input: clear errors, nothing half-written visible', () => {
  async function visible() {
    return {
      orders: await trinoRows(`SELECT count(*) FROM lake.${SCHEMA}.orders`),
      keys: await store.list(`${PREFIX}/`),
    };
  }

  it('an unknown table: UNKNOWN_TABLE naming it, exit 2, nothing written', async () => {
    const before = await visible();
    const run = await lake(['export', '--tables', 'orders,nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/UNKNOWN_TABLE: "nope" is not a shop table/);
    expect(await visible()).toEqual(before);
  }, 120_000);

  it('an unreachable bucket or endpoint: STORE_FAILED naming it, exit 1', async () => {
    const before = await visible();
    const missing = await lake(['export', '--tables', 'orders'], { LAKE_S3_BUCKET: `${RUN}-missing` });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `STORE_FAILED: bucket ${RUN}-missing at http://127.0.0.1:${LAKE_STACK.s3.port}`,
    );
    const closed = await lake(['export', '--tables', 'orders'], { LAKE_S3_ENDPOINT: 'http://127.0.0.1:1' });
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(
      /STORE_FAILED: cannot reach bucket .* at http:\/\/127\.0\.0\.1:1 .*ECONNREFUSED/,
    );
    expect(await visible()).toEqual(before);
  }, 120_000);

  it('Trino down (a wrong port): TRINO_FAILED naming TRINO_URL, no snapshot written, the view unchanged', async () => {
    const before = await visible();
    for (const command of ['export', 'register']) {
      const run = await lake([command, '--tables', 'orders'], { TRINO_URL: 'http://127.0.0.1:1' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /TRINO_FAILED: trino at http:\/\/127\.0\.0\.1:1 \(TRINO_URL\): .*ECONNREFUSED/,
      );
    }
    expect(await visible()).toEqual(before);
  }, 120_000);

  it('a bad env value: INVALID_CONFIG naming the key', async () => {
    const run = await lake(['register'], { LAKE_FETCH_ROWS: '0' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/INVALID_CONFIG: env LAKE_FETCH_ROWS: /);
  });
});
