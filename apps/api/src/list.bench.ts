// Benchmark: the API's list endpoint over 100 K orders vs a bare node:http + pg handler answering the same SQL.
// Each server runs in its own process; autocannon (in this process) sends a fixed number of requests per round over
// 50 loopback connections. Run with `npm run bench -- list.bench` (PostgreSQL at DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres, is used to create and finally drop a scratch database).
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { runSuite, type BenchCase } from '../../../tools/bench/harness.js';
import { buildListSql } from './list/list-sql.js';
import { parseListQuery } from './list/list-query.js';
import { ordersResource } from './resources/index.js';
import { createTestDatabase, probePostgres, REDACTED_ADMIN_URL } from './testing/test-database.js';

const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 100_000);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 3_000);
const CONNECTIONS = 50;
const here = dirname(fileURLToPath(import.meta.url));

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
    ['--conditions=@ecom/source', '--import', 'tsx', join(here, 'testing', 'bench-server.ts'), mode],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
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

interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
}

/**
 * Sends exactly REQUESTS requests over CONNECTIONS connections and times them from the start to the last response.
 * autocannon checks `amount` only on its sampling tick (1 s by default), so the tick is 20 ms and the run is stopped
 * at the last response; the figure is computed from our own clock, not rounded to autocannon's ticks.
 */
function load(port: number, path: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let responses = 0;
    let lastResponseAt = 0;
    const startedAt = performance.now();
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${path}`,
        connections: CONNECTIONS,
        amount: REQUESTS,
        timeout: 10,
        sampleInt: 20,
      },
      (err, result) => {
        if (err) return reject(err);
        if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
          return reject(
            new Error(
              `${path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
            ),
          );
        }
        const seconds = (lastResponseAt - startedAt) / 1000;
        resolve({ reqPerSec: REQUESTS / seconds, p50: result.latency.p50, p99: result.latency.p99 });
      },
    );
    instance.on('response', () => {
      responses += 1;
      if (responses === REQUESTS) {
        lastResponseAt = performance.now();
        instance.stop();
      }
    });
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
    const message = `list.bench: PostgreSQL at ${REDACTED_ADMIN_URL} is unreachable: ${unreachable}`;
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
        `${r.name}: api ${rps} req/s, p99 ${p99} ms, ${ratio.toFixed(2)}× bare node:http+pg ` +
          `(goals: ratio ≥ 0.5 ${ratio >= 0.5 ? 'met' : 'NOT met'}; ≥ 2,500 req/s ${rps >= 2500 ? 'met' : 'NOT met'}; ` +
          `p99 ≤ 25 ms ${p99 <= 25 ? 'met' : 'NOT met'})`,
      );
    }
  } finally {
    for (const server of servers) await stopServer(server);
    await db.drop();
  }
}

await main();
