// Benchmark: the API's list endpoint over 100 K orders vs a bare node:http + pg handler answering the same SQL.
// Each server runs in its own process, and so does the load generator (autocannon in testing/load-worker.ts), which
// sends a fixed number of requests per round over 50 loopback connections. Both servers use a pg pool of 4
// (BENCH_POOL) and the same node flags (BENCH_NODE_FLAGS). Run with `npm run bench -- list.bench` (PostgreSQL at DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres, is used to create and finally drop a scratch database).
import { probePostgres, redactUrl, testAdminUrl } from '@ecom/domain/testing';
import { runSuite, type BenchCase } from '../../../tools/bench/harness.js';
import { buildListSql } from './list/list-sql.js';
import { parseListQuery } from './list/list-query.js';
import { ordersResource } from './resources/index.js';
import {
  REQUESTS,
  paired,
  startServer,
  stopLoadWorker,
  stopServer,
  type Server,
} from './testing/bench-load.js';
import { benchCatalogueSql } from './testing/bench-shop-sql.js';
import { createTestDatabase } from './testing/test-database.js';

const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 100_000);
const SEED_SQL = [
  ...benchCatalogueSql(200, 1000),
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
    stopLoadWorker();
    for (const server of servers) await stopServer(server);
    await db.drop();
  }
}

await main();
