// A server process for list.bench.ts: `api` (createApp, logging on) or `baseline` (bare node:http + pg answering
// BENCH_SQL with BENCH_VALUES as a named prepared statement, like the API). PG_POOL_MAX sets the pool size (default
// 10). Listens on 127.0.0.1, port 0, and prints {"port":N} on stdout. With BENCH_RECS_STORE (recommendations.bench.ts)
// the api serves recommendations from `postgres` (the active publication), `redis` (REDIS_URL, key prefix
// BENCH_REDIS_PREFIX) or `memory` (the active PostgreSQL publication copied into an InMemoryServingStore).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../app.js';
import { benchServingStore } from './bench-serving-store.js';
import { createPool, pingPostgres, withPreparedStatements } from '../db.js';
import { createLogger } from '../http/request-logger.js';

const mode = process.argv[2];
const url = process.env['DATABASE_URL'];
if (!url || (mode !== 'api' && mode !== 'baseline')) {
  console.error('usage: DATABASE_URL=... bench-server.ts api|baseline');
  process.exit(2);
}
const pool = createPool({ connectionString: url, max: Number(process.env['PG_POOL_MAX'] ?? 10) });

function announce(port: number): void {
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}

if (mode === 'api') {
  // Request logging stays on (as in production), written to /dev/null so the terminal is not the bottleneck.
  const logger = createLogger(
    process.env['BENCH_LOG_LEVEL'] ?? 'info',
    pino.destination({ dest: '/dev/null', sync: false }),
  );
  const db = withPreparedStatements(pool);
  const recommendations = await benchServingStore(process.env['BENCH_RECS_STORE'], pool, db);
  const server = createApp({
    db,
    readiness: { postgres: pingPostgres(pool) },
    logger,
    ...(recommendations ? { recommendations } : {}),
  }).listen(0, '127.0.0.1', () => announce((server.address() as AddressInfo).port));
} else {
  const text = process.env['BENCH_SQL'] ?? '';
  const values = JSON.parse(process.env['BENCH_VALUES'] ?? '[]') as unknown[];
  const limit = Number(process.env['BENCH_LIMIT'] ?? 50);
  const server = createServer((_req, res) => {
    // A named prepared statement, as the API's withPreparedStatements does: the same SQL, parsed and planned once.
    pool.query({ name: 'bench_baseline', text, values }).then(
      ({ rows }) => {
        const data = rows.slice(0, limit);
        const last = data.at(-1) as { order_id?: number } | undefined;
        const body = JSON.stringify({
          data,
          page: { limit, next_cursor: rows.length > limit ? String(last?.order_id) : null },
        });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
      },
      () => res.writeHead(500).end(),
    );
  });
  server.listen(0, '127.0.0.1', () => announce((server.address() as AddressInfo).port));
}
process.once('SIGTERM', () => {
  if (process.env['BENCH_CPU']) {
    const { user, system } = process.cpuUsage();
    console.error(JSON.stringify({ mode, cpuUserMs: user / 1000, cpuSystemMs: system / 1000 }));
  }
  void pool.end().finally(() => process.exit(0));
});
