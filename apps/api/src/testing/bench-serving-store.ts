import {
  InMemoryServingStore,
  type ServedItem,
  type ServingListKind,
  type ServingStore,
} from '@ecom/recommendations';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Queryable } from '../db.js';
import { PgServingStore } from '../recommendations/pg-serving-store.js';
import { RedisServingStore } from '../recommendations/redis-serving-store.js';

/**
 * The serving store a bench server uses: `postgres`, `redis` (REDIS_URL, prefix BENCH_REDIS_PREFIX) or `memory` (the
 * active PostgreSQL publication copied into memory: the same route with the store stubbed out); none when unset.
 *
 * @example
 * ```ts
 * const store = await benchServingStore('memory', pool, pool);
 * ```
 */
export async function benchServingStore(
  kind: string | undefined,
  pool: pg.Pool,
  db: Queryable,
): Promise<ServingStore | undefined> {
  if (kind === undefined || kind === '') return undefined;
  if (kind === 'postgres') return new PgServingStore(pool, db);
  if (kind === 'redis')
    return new RedisServingStore(
      new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379'),
      process.env['BENCH_REDIS_PREFIX'] ?? 'recs',
    );
  if (kind !== 'memory') throw new Error(`BENCH_RECS_STORE: unknown store ${kind}`);
  const { rows } = await db.query<{
    model_id: string;
    ms: number;
    kind: ServingListKind;
    subject: number;
    items: ServedItem[];
  }>(
    `SELECT m.model_id, (extract(epoch FROM m.published_at) * 1000)::float8 AS ms, l.kind, l.subject::int AS subject, l.items
     FROM recommendation_models m JOIN recommendation_lists l ON l.model_id = m.model_id WHERE m.active`,
  );
  const lists = {
    customer: new Map(),
    similar: new Map(),
    trending: new Map(),
    popular: new Map(),
  } as Record<ServingListKind, Map<number, ServedItem[]>>;
  for (const row of rows) lists[row.kind].set(row.subject, row.items);
  const store = new InMemoryServingStore();
  await store.publish({
    modelId: rows[0]?.model_id ?? 'none',
    publishedAtMs: rows[0]?.ms ?? 0,
    customers: lists.customer,
    similar: lists.similar,
    trending: lists.trending,
    popular: lists.popular.get(0) ?? [],
  });
  return store;
}
