// Benchmark: the API's list endpoint over 100 K orders vs a bare node:http + pg handler answering the same SQL.
// Each server runs in its own process, and so does the load generator (autocannon in testing/load-worker.ts), which
// sends a fixed number of requests per round over 50 loopback connections. Both servers use a pg pool of 4
// (BENCH_POOL) and the same node flags (BENCH_NODE_FLAGS). Run with `npm run bench -- list.bench` (PostgreSQL at DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres, is used to create and finally drop a scratch database).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { probePostgres, redactUrl, testAdminUrl } from '@ecom/domain/testing';
import { runSuite, type BenchCase } from '../../../tools/bench/harness.js';
import { buildListSql } from './list/list-sql.js';
import { parseListQuery } from './list/list-query.js';
import { ordersResource } from './resources/index.js';
import type { LoadRequest, LoadResult } from './testing/load-worker.js';
import { hasWrk, wrkLoad } from './testing/wrk-load.js';
import { createTestDatabase } from './testing/test-database.js';

const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 100_000);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 3_000);
const CONNECTIONS = 50;
/** pg pool size of both servers: 4 suits 2 cores (10 measured 10–15 % more PostgreSQL CPU per query, no gain). */
const POOL = process.env['BENCH_POOL'] ?? '4';
/** Extra node flags for both servers, e.g. BENCH_NODE_FLAGS=--max-semi-space-size=32 (default none). */
const NODE_FLAGS = (process.env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
const here = dirname(fileURLToPath(import.meta.url));
/** Load generator: wrk when installed (light on a 2-core box), else autocannon; BENCH_LOADGEN forces one. */
const LOADGEN = process.env['BENCH_LOADGEN'] ?? (hasWrk() ? 'wrk' : 'autocannon');
/** Seconds per wrk run (wrk runs for a duration; autocannon sends BENCH_REQUESTS requests). */
const WRK_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);

const SEED_SQL = [
  `INSERT INTO categories (name) SELECT 'Category ' || g FROM generate_series(1, 15) g`,
  `INSERT INTO products (sku, name, price, stock, category_id)
     SELECT 'SKU-' || g, 'Product ' || g, (100000 + g * 1000)::numeric(14,2), 100, 1 + g % 15 FROM generate_series(1, 200) g`,
  `INSERT INTO customers (first_name, last_name, email, password)
     SELECT 'Khách', 'Hàng ' || g, 'customer' || g || '@example.vn',
            '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW' FROM generate_series(1, 1000) g`,
  `INSERT INTO orders (customer_id, order_date, total_price, status)
     SELECT 1 + g % 1000, timestamptz '2025-01-01T00:00:00Z' + g * interval '25 seconds',
            (199000 + (g % 5000) * 1000)::numeric(14,2),
            (ARRAY['pending','paid','shipped','delivered','cancelled'])[1 + g % 5]
     FROM generate_series(1, ${ORDERS}) g`,
  'ANALYZE',
];

/** The endpoints compared, each with the exact SQL the API runs for it (so the baseline answers the same query). */
const ENDPOINTS = [
  { name: 'first-page', path: '/orders?limit=50', query: { limit: '50' } },
  {
    name: 'filtered',
    path: '/orders?status=paid&sort=-order_date&limit=50',
    query: { status: 'paid', sort: '-order_date', limit: '50' },
  },
];

interface Server {
  child: ChildProcess;
  port: number;
}

async function startServer(mode: 'api' | 'baseline', env: Record<string, string>): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      ...NODE_FLAGS,
      '--conditions=@ecom/source',
      '--import',
      'tsx',
      join(here, 'testing', 'bench-server.ts'),
      mode,
    ],
    { env: { ...process.env, PG_POOL_MAX: POOL, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!child.stdout) throw new Error(`${mode} server has no stdout`);
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start in 30 s`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${String(code)}`)));
  });
  return { child, port };
}

async function stopServer(server: Server | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

/** The load generator process (see testing/load-worker.ts); one for the whole run. */
function startLoadWorker(): ChildProcess {
  return fork(join(here, 'testing', 'load-worker.ts'), [], {
    execArgv: ['--max-semi-space-size=64', '--conditions=@ecom/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

let worker: ChildProcess | undefined;

/** Sends REQUESTS requests over CONNECTIONS connections from the load worker process. */
function load(port: number, path: string): Promise<LoadResult> {
  if (LOADGEN === 'wrk') return wrkLoad({ port, path, amount: 0, connections: CONNECTIONS }, WRK_SECONDS);
  const child = (worker ??= startLoadWorker());
  return new Promise((resolve, reject) => {
    child.once('message', (answer: LoadResult | { error: string }) =>
      'error' in answer ? reject(new Error(answer.error)) : resolve(answer),
    );
    child.send({ port, path, amount: REQUESTS, connections: CONNECTIONS } satisfies LoadRequest);
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * One round = the baseline and the API back to back on the same endpoint (alternating which goes first). On a shared,
 * noisy machine the median of these per-round ratios is the figure to quote; the harness' own ratio compares medians
 * of cases measured at different times.
 */
function paired(
  baselinePort: number,
  apiPort: number,
  path: string,
): () => Promise<Record<string, number | string>> {
  const ratios: number[] = [];
  const api: LoadResult[] = [];
  const bare: LoadResult[] = [];
  return async () => {
    const apiFirst = ratios.length % 2 === 1;
    const first = await load(apiFirst ? apiPort : baselinePort, path);
    const second = await load(apiFirst ? baselinePort : apiPort, path);
    const [a, b] = apiFirst ? [first, second] : [second, first];
    api.push(a);
    bare.push(b);
    ratios.push(a.reqPerSec / b.reqPerSec);
    return {
      'bare req/s': Math.round(median(bare.map((r) => r.reqPerSec))),
      'api req/s': Math.round(median(api.map((r) => r.reqPerSec))),
      'api p50 ms': median(api.map((r) => r.p50)),
      'api p99 ms': median(api.map((r) => r.p99)),
      'bare p99 ms': median(bare.map((r) => r.p99)),
      'api/bare (median of pairs)': median(ratios).toFixed(2),
    };
  };
}

async function main(): Promise<void> {
  const unreachable = probePostgres();
  if (unreachable !== null) {
    const message = `list.bench: PostgreSQL at ${redactUrl(testAdminUrl())} is unreachable: ${unreachable}`;
    if (process.env['CI'] === 'true') throw new Error(message);
    console.log(`${message} (skipped)`);
    return;
  }
  console.log(`seeding ${ORDERS.toLocaleString('en-US')} orders…`);
  const db = await createTestDatabase(SEED_SQL);
  const servers: Server[] = [];
  try {
    const cases: BenchCase[] = [];
    const api = await startServer('api', { DATABASE_URL: db.url });
    servers.push(api);
    for (const endpoint of ENDPOINTS) {
      const sql = buildListSql(ordersResource, parseListQuery(ordersResource, endpoint.query));
      const baseline = await startServer('baseline', {
        DATABASE_URL: db.url,
        BENCH_SQL: sql.text,
        BENCH_VALUES: JSON.stringify(sql.values),
        BENCH_LIMIT: '50',
      });
      servers.push(baseline);
      cases.push({
        name: `${endpoint.path} (api + bare)`,
        ops: 2 * REQUESTS,
        run: paired(baseline.port, api.port, endpoint.path),
      });
    }
    const results = await runSuite('api-list', cases, {
      rounds: Number(process.env['BENCH_ROUNDS'] ?? 5),
      warmup: Number(process.env['BENCH_WARMUP'] ?? 1),
    });
    for (const r of results) {
      const ratio = Number(r.metrics?.['api/bare (median of pairs)']);
      const p99 = Number(r.metrics?.['api p99 ms']);
      const rps = Number(r.metrics?.['api req/s']);
      console.log(
        `${r.name}: api ${rps} req/s, p99 ${p99.toFixed(1)} ms, ${ratio.toFixed(2)}× bare node:http+pg ` +
          `(goals: ratio ≥ 0.5 ${ratio >= 0.5 ? 'met' : 'NOT met'}; ≥ 2,500 req/s ${rps >= 2500 ? 'met' : 'NOT met'}; ` +
          `p99 ≤ 25 ms ${p99 <= 25 ? 'met' : 'NOT met'})`,
      );
    }
  } finally {
    worker?.kill();
    for (const server of servers) await stopServer(server);
    await db.drop();
  }
}

await main();
