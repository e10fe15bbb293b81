// Benchmark (issue 15 §3): p99 of GET /recommendations/:customerId at 50 loopback connections with the PostgreSQL
// and the Redis serving stores, each against the same route with the store stubbed in memory (ratio printed).
// A scratch database gets a seeded shop (2,000 customers with a favourite category, 20,000 two-line orders), a small
// ALS model is trained and published to both stores, and each server runs in its own process (testing/bench-server.ts).
// Run with `npm run bench -- recommendations.bench` (PostgreSQL at DATABASE_URL, Redis at REDIS_URL, default
// redis://127.0.0.1:6379, under a unique key prefix removed at the end).
import { probePostgres, redactUrl, testAdminUrl } from '@ecom/domain/testing';
import {
  InteractionMatrix,
  aggregateInteractions,
  publicationFromInteractions,
  trainAls,
} from '@ecom/recommendations';
import { Redis } from 'ioredis';
import { runSuite, type BenchCase } from '../../../tools/bench/harness.js';
import { readShopInteractions } from './recommendations/pg-interactions.js';
import { PgServingStore } from './recommendations/pg-serving-store.js';
import { RedisServingStore } from './recommendations/redis-serving-store.js';
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

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const PATH = '/recommendations/17?k=10';
const SEED_SQL = [
  ...benchCatalogueSql(495, 2000),
  `INSERT INTO orders (customer_id, order_date, total_price, status)
     SELECT 1 + g % 2000, timestamptz '2026-12-01T00:00:00Z' - (g % 60) * interval '1 day', 200000.00, 'paid'
     FROM generate_series(1, 20000) g`,
  // Two lines per order, both in the customer's favourite category (product g is in category 1 + g % 15).
  `INSERT INTO order_items (order_id, product_id, quantity, price)
     SELECT o.order_id, (o.customer_id % 15) + 15 * (1 + (o.order_id * 7 + k * 13) % 32), 1, 100000.00
     FROM orders o CROSS JOIN generate_series(0, 1) k`,
  'ANALYZE',
];

async function main(): Promise<void> {
  const unreachable = probePostgres();
  if (unreachable !== null) {
    const message = `recommendations.bench: PostgreSQL at ${redactUrl(testAdminUrl())} is unreachable: ${unreachable}`;
    if (process.env['CI'] === 'true') throw new Error(message);
    console.log(`${message} (skipped)`);
    return;
  }
  const db = await createTestDatabase(SEED_SQL);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const prefix = `recs-bench-${process.pid}`;
  const servers: Server[] = [];
  try {
    const asOf = Date.parse('2026-12-01T00:00:00Z');
    const { interactions, productCategories } = await readShopInteractions(db.pool, asOf);
    const cells = aggregateInteractions(interactions, { asOf });
    const factors = trainAls(InteractionMatrix.from(cells), { iterations: 5 }).toFactors();
    const publication = publicationFromInteractions({
      modelId: 'als-bench',
      publishedAtMs: asOf,
      factors,
      interactions,
      productCategories,
      asOf,
    });
    await new PgServingStore(db.pool).publish(publication);
    await new RedisServingStore(redis, prefix).publish(publication);
    console.log(
      `published ${publication.customers.size} customer lists, ${publication.similar.size} similar lists ` +
        `(${interactions.length} interactions)`,
    );
    const env = { DATABASE_URL: db.url, REDIS_URL, BENCH_REDIS_PREFIX: prefix };
    const memory = await startServer('api', { ...env, BENCH_RECS_STORE: 'memory' });
    servers.push(memory);
    const cases: BenchCase[] = [];
    for (const store of ['postgres', 'redis'] as const) {
      const server = await startServer('api', { ...env, BENCH_RECS_STORE: store });
      servers.push(server);
      cases.push({
        name: `${PATH} ${store} (+ memory)`,
        ops: 2 * REQUESTS,
        run: paired(memory.port, server.port, PATH, { subject: store, baseline: 'memory' }),
      });
    }
    const results = await runSuite('api-recommendations', cases, {
      rounds: Number(process.env['BENCH_ROUNDS'] ?? 5),
      warmup: Number(process.env['BENCH_WARMUP'] ?? 1),
    });
    for (const [i, store] of (['postgres', 'redis'] as const).entries()) {
      const m = results[i]?.metrics ?? {};
      const p99 = Number(m[`${store} p99 ms`]);
      console.log(
        `${store}: p99 ${p99.toFixed(1)} ms (memory stub ${Number(m['memory p99 ms']).toFixed(1)} ms), ` +
          `p99 ${m[`${store}/memory p99 (median of pairs)`]}× the stub, throughput ${m[`${store}/memory (median of pairs)`]}× ` +
          `(goal p99 ≤ 20 ms ${p99 <= 20 ? 'met' : 'NOT met'})`,
      );
    }
  } finally {
    stopLoadWorker();
    for (const server of servers) await stopServer(server);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.unlink(...keys);
    await redis.quit();
    await db.drop();
  }
}

await main();
