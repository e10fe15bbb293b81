/**
 * `lake export` of 1 M order rows (issue 14 §5, `npm run bench -- lake-export`): PostgreSQL on the stack → Parquet
 * snapshot on S3Proxy, through the export core and the same adapters as the CLI, and where the time goes (the
 * `sourceMs` / `encodeMs` / `uploadMs` shares the export measures). The baseline is reading the same rows through
 * the same cursor without writing anything, so the ratio says how much slower than "Postgres alone" the export is.
 * `BENCH_ROWS` (default 1 M), `BENCH_ROUNDS` (default 3). Needs the stack's postgres and s3 (started or reused).
 * Results in bench/results/lake-export.json.
 */
import { createTempDatabase } from '@ecom/domain/testing';
import { Client as MinioClient } from 'minio';
import pg from 'pg';
import { runSuite } from '../../../tools/bench/harness.js';
import { STACK, startStack } from '../../cdc/test/stack-services.js';
import { LAKE_STACK } from '../test/lake-stack.js';
import { lakePgTypes, minioObjectStore, pgShopReader } from './adapters/index.js';
import { exportTableSnapshot } from './export/export-table-snapshot.js';
import { newSnapshotId } from './snapshots.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const FETCH_ROWS = 50_000;

startStack(['postgres', 's3']);
const db = await createTempDatabase({
  prefix: 'lake_export_bench',
  adminUrl: STACK.postgresUrl,
  migrate: true,
});
const prefix = `lake-bench/${Date.now().toString(36)}/data_postgres`;
const s3 = new MinioClient({
  endPoint: '127.0.0.1',
  port: LAKE_STACK.s3.port,
  useSSL: false,
  accessKey: LAKE_STACK.s3.accessKey,
  secretKey: LAKE_STACK.s3.secretKey,
  region: 'us-east-1',
  pathStyle: true,
});
const store = minioObjectStore(s3, LAKE_STACK.s3.bucket);

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: db.url, types: lakePgTypes(pg.types) });
  await client.connect();
  return client;
}

{
  const client = await connect();
  await client.query(`SET session_replication_role = replica`);
  // Seeded by the row number: a year of order dates (12 partitions, interleaved by id), totals with cents.
  await client.query(`INSERT INTO public.orders (order_id, customer_id, order_date, total_price, status, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT g, 1 + g % 100000,
           timestamptz '2026-01-01 00:00:00+00' + ((g::bigint * 7919) % 31536000) * interval '1 second' + (g % 1000000) * interval '1 microsecond',
           ((g::bigint * 104729) % 10000000000 / 100.0)::numeric(14,2), 'paid', now(), now()
    FROM generate_series(1, ${ROWS}) g`);
  await client.query('ANALYZE public.orders');
  await client.end();
}

let round = 0;
try {
  await runSuite(
    'lake-export',
    [
      {
        name: 'postgres cursor read (baseline)',
        ops: ROWS,
        run: async () => {
          const client = await connect();
          const source = await pgShopReader(client);
          let n = 0;
          for await (const rows of source.readTable('orders', FETCH_ROWS)) n += rows.length;
          await source.close();
          await client.end();
          if (n !== ROWS) throw new Error(`read ${n} rows, expected ${ROWS}`);
        },
      },
      {
        name: 'lake export orders → S3',
        ops: ROWS,
        baseline: 'postgres cursor read (baseline)',
        run: async () => {
          const client = await connect();
          const source = await pgShopReader(client);
          const started = performance.now();
          const { manifest, timings } = await exportTableSnapshot({
            table: 'orders',
            batches: source.readTable('orders', FETCH_ROWS),
            store,
            prefix,
            snapshotId: newSnapshotId(Date.now(), round++),
          });
          const totalMs = performance.now() - started;
          await source.close();
          await client.end();
          const pct = (ms: number) => `${Math.round((100 * ms) / totalMs)} %`;
          return {
            files: manifest.files.length,
            postgres: pct(timings.sourceMs),
            encode: pct(timings.encodeMs),
            upload: pct(timings.uploadMs),
            // Partition values (event time → order_month) and buffering: the rest of the export loop.
            other: pct(totalMs - timings.sourceMs - timings.encodeMs - timings.uploadMs),
          };
        },
      },
    ],
    { rounds: Number(process.env.BENCH_ROUNDS ?? 3), warmup: 0 },
  );
} finally {
  for (const key of await store.list(`${prefix.split('/').slice(0, 2).join('/')}/`)) await store.delete(key);
  await db.drop();
}
