/**
 * Mart build time on 30 days of simulated history (issue 14 §5, `npm run bench -- marts-build`): a seeded simulated
 * shop (the simulator's small catalogue, `BENCH_CUSTOMERS` customers, default 100, `BENCH_SESSIONS` sessions per
 * day, default 40, 30 days of back-dated history) in a temp database on the stack's PostgreSQL, exported to the
 * lake (`lake export`), then every mart built by Trino for one analysis date (`buildMarts`, the CLI's core, with the
 * same adapters), against the baseline of the marts' PostgreSQL twins (test/marts-postgres.ts: the same
 * definitions in PostgreSQL SQL, each SELECT run and fetched) over the same data, in the same rounds. `ops` = the
 * marts built per round. `BENCH_ROUNDS` (default 3). Needs the stack's postgres, s3 and trino (started or
 * reused). The build runs twice per round: with the adapters' presto-client `checkInterval`
 * (`PRESTO_CHECK_INTERVAL_MS`) and with the 200 ms the CLI used before; a last case sends as many `SELECT 1`
 * statements as a build does (the fixed cost per statement). Results in bench/results/marts-build.json.
 */
import pg from 'pg';
import presto from 'presto-client';
import { runSuite } from '../../../tools/bench/harness.js';
import { runLake } from '../test/lake-cli.js';
import { dropLakeRun, newLakeRun } from '../test/lake-run.js';
import { LAKE_STACK, lakeS3Client, stackTrino, startLakeStack } from '../test/lake-stack.js';
import { pgMartTextSql } from '../test/marts-postgres.js';
import { simulatedShop } from '../test/simulated-shop.js';
import { PRESTO_CHECK_INTERVAL_MS, minioObjectStore, prestoTrino } from './adapters/index.js';
import { buildMarts, type MartBuildResult } from './marts/build-marts.js';
import { MARTS } from './marts/marts.js';
import type { TrinoQueryPort } from './trino-port.js';

const DAY = '2026-11-30';
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

startLakeStack();
const run = newLakeRun('mb');
const db = await simulatedShop({
  prefix: 'marts_build_bench',
  customers: Number(process.env.BENCH_CUSTOMERS ?? 100),
  days: 30,
  sessions: Number(process.env.BENCH_SESSIONS ?? 40),
  seed: 42,
  until: '2026-12-01T00:00:00Z',
});
const client = new pg.Client({ connectionString: db.url });
await client.connect();

try {
  const exported = await runLake(
    ['export', '--tables', 'orders,order_items,products,categories,customers,carts,wishlists'],
    run.env(db.url),
  );
  if (exported.code !== 0) throw new Error(`lake export failed: ${exported.stderr}`);
  const { rows: sizes } = await client.query<{ orders: number; items: number; customers: number }>(
    `SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM order_items)::int AS items,
            (SELECT count(*) FROM customers)::int AS customers`,
  );
  console.log(`simulated shop, 30 days: ${JSON.stringify(sizes[0])}`);
  // Counts the statements a build sends, for the per-statement floor below.
  const port = stackTrino();
  let statements = 0;
  const counted = (inner: TrinoQueryPort): TrinoQueryPort => ({
    query: (sql, options) => {
      statements++;
      return inner.query(sql, options);
    },
  });
  const trino = counted(port);
  const store = minioObjectStore(lakeS3Client(), LAKE_STACK.s3.bucket);
  // The client as the CLI built it before PRESTO_CHECK_INTERVAL_MS.
  const slowClient = new presto.Client({
    host: '127.0.0.1',
    port: LAKE_STACK.trinoPort,
    user: 'ecom-marts-bench',
    engine: 'trino',
    catalog: 'lake',
    checkInterval: 200,
  });
  let buildStatements = 3 * MARTS.length + 1;
  const build = async (via: TrinoQueryPort) => {
    statements = 0;
    const results = await buildMarts({
      trino: via,
      source: { catalog: 'lake', schema: run.shopSchema },
      target: { catalog: 'lake', schema: run.martsSchema },
      store,
      bucket: LAKE_STACK.s3.bucket,
      prefix: `${run.root}/marts`,
      marts: MARTS,
      analysisDate: DAY,
      timeZone: TIME_ZONE,
    });
    const worst = slowest(results);
    buildStatements = statements;
    return {
      statements,
      rows: results.reduce((n, r) => n + r.rows, 0),
      slowest: `${worst.mart} ${(worst.ms / 1000).toFixed(1)} s`,
    };
  };
  const slowest = (results: MartBuildResult[]) =>
    results.reduce((a, b) => (b.ms > a.ms ? b : a), { mart: '', rows: 0, ms: 0 });
  await runSuite(
    'marts-build',
    [
      {
        name: 'postgres twins, every mart (baseline)',
        ops: MARTS.length,
        run: async () => {
          let rows = 0;
          for (const mart of MARTS) {
            const sql = pgMartTextSql(mart, { analysisDate: DAY, timeZone: TIME_ZONE });
            rows += (await client.query({ text: sql, rowMode: 'array' })).rows.length;
          }
          return { rows };
        },
      },
      {
        name: `lake marts build on trino, every mart (checkInterval ${PRESTO_CHECK_INTERVAL_MS} ms)`,
        ops: MARTS.length,
        baseline: 'postgres twins, every mart (baseline)',
        run: () => build(trino),
      },
      {
        name: 'lake marts build on trino, every mart (checkInterval 200 ms, before)',
        ops: MARTS.length,
        baseline: 'postgres twins, every mart (baseline)',
        run: () => build(counted(prestoTrino(slowClient, 'trino (checkInterval 200 ms)'))),
      },
      {
        // The fixed cost: as many trivial statements as a build sends, one after another.
        name: `trino SELECT 1, as many statements as a build (checkInterval ${PRESTO_CHECK_INTERVAL_MS} ms)`,
        ops: MARTS.length,
        baseline: 'postgres twins, every mart (baseline)',
        run: async () => {
          for (let i = 0; i < buildStatements; i++) await port.query('SELECT 1');
          return { statements: buildStatements };
        },
      },
    ],
    { rounds: Number(process.env.BENCH_ROUNDS ?? 3), warmup: 0 },
  );
} finally {
  await client.end();
  await dropLakeRun(run);
  await db.drop();
}
