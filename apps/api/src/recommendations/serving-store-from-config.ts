import type { ServingStore } from '@ecom/recommendations';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Queryable } from '../db.js';
import { PgServingStore } from './pg-serving-store.js';
import { RedisServingStore } from './redis-serving-store.js';

/**
 * The serving store the configuration asks for, with its readiness probe and how to close it.
 *
 * @example
 * ```ts
 * const serving: ConfiguredServingStore = servingStoreFromConfig({ REDIS_URL: undefined }, pool, pool);
 * ```
 */
export interface ConfiguredServingStore {
  readonly store: ServingStore;
  readonly kind: 'redis' | 'postgres';
  /** Readiness probes to add (`redis` → PING) ; none for PostgreSQL (the `postgres` probe covers it). */
  readonly readiness: Record<string, () => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Redis when `REDIS_URL` is set, otherwise PostgreSQL (the shop database's serving tables).
 *
 * @example
 * ```ts
 * const { store, close } = servingStoreFromConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }, pool, pool);
 * await store.list('customer', 7);
 * await close();
 * ```
 */
export function servingStoreFromConfig(
  config: { readonly REDIS_URL?: string | undefined },
  pool: pg.Pool,
  reader: Queryable,
): ConfiguredServingStore {
  if (config.REDIS_URL === undefined) {
    return {
      store: new PgServingStore(pool, reader),
      kind: 'postgres',
      readiness: {},
      close: async () => undefined,
    };
  }
  const redis = new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 });
  return {
    store: new RedisServingStore(redis),
    kind: 'redis',
    readiness: {
      redis: async () => {
        await redis.ping();
      },
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
