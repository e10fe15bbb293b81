// The recommendation routes, `npm run recs` and both serving stores against REAL servers: PostgreSQL (a migrated test
// database holding the fixture shop of src/testing/fixture.ts) and Redis (REDIS_URL, default redis://127.0.0.1:6379,
// under a unique key prefix).
import { describeWithPostgres } from '@ecom/domain/testing';
import { decodeFactors, publicationFromInteractions, type ServingStore } from '@ecom/recommendations';
import { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../app.js';
import { withPreparedStatements } from '../db.js';
import { FIXTURE_SQL } from '../testing/fixture.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { runRecsCli, type ModelFiles } from './cli/run-recs-cli.js';
import { readShopInteractions } from './pg-interactions.js';
import { PgServingStore } from './pg-serving-store.js';
import { RedisServingStore } from './redis-serving-store.js';

// A week after the fixture's last event: the trending window is 2025-03-01 … 03-08 against the week before.
const NOW = Date.parse('2025-03-08T00:00:00Z');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

function memoryModels(): ModelFiles & { ids: string[] } {
  const files = new Map<string, Uint8Array>();
  const ids: string[] = [];
  return {
    ids,
    write: async (id, bytes) => {
      files.set(id, bytes);
      ids.push(id);
      return `memory:${id}`;
    },
    latest: async () => (ids.length ? (files.get(ids[ids.length - 1] as string) ?? null) : null),
  };
}

describeWithPostgres({ describe, it }, 'recommendations against PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let pgStore: PgServingStore;
  const models = memoryModels();
  const out: string[] = [];
  const cli = (argv: string[], store: () => ServingStore = () => pgStore) =>
    runRecsCli(argv, {
      db: db.pool,
      store,
      models,
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      now: () => NOW,
    });

  // Publishes the trained model again under another id, as a later `recs publish` would.
  const republish = async (store: ServingStore, modelId: string, publishedAtMs: number) => {
    const { interactions, productCategories } = await readShopInteractions(db.pool, NOW);
    const { factors } = decodeFactors((await models.latest()) as Uint8Array);
    await store.publish(
      publicationFromInteractions({
        modelId,
        publishedAtMs,
        factors,
        interactions,
        productCategories,
        asOf: NOW,
      }),
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase(FIXTURE_SQL);
    pgStore = new PgServingStore(db.pool, withPreparedStatements(db.pool));
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('answers 503 before anything is published, and without a store', async () => {
    const app = createApp({ db: db.pool, recommendations: pgStore });
    const res = await request(app).get('/recommendations/1');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/npm run recs -- publish/);
    expect((await request(createApp({ db: db.pool })).get('/products/trending')).status).toBe(503);
  });

  it('recs train, evaluate and publish run on the shop database', async () => {
    expect(await cli(['publish'])).toBe(1);
    expect(out.join('')).toMatch(/run `npm run recs -- train` first/);
    expect(await cli(['train', '--factors', '4', '--iterations', '3'])).toBe(0);
    expect(models.ids).toEqual(['als-20250308T000000Z-s42']);
    expect(out.join('')).toMatch(/trained als-20250308T000000Z-s42: 3 customers × 5 products/);
    expect(await cli(['evaluate'])).toBe(0);
    expect(out.join('')).toMatch(/leave-last-out on 3 customers[\s\S]*global popularity[\s\S]*blend/);
    expect(await cli(['publish', '--k', '10'])).toBe(0);
    expect(out.join('')).toMatch(/published als-20250308T000000Z-s42: 3 customers, 5 similar lists/);
    const { rows } = await db.pool.query('SELECT version FROM recommendation_models WHERE active');
    expect(rows[0].version).toMatchObject({
      modelId: 'als-20250308T000000Z-s42',
      dataCutoffMs: NOW,
      kind: 'als',
    });
    expect(await cli(['nope'])).toBe(2);
    expect(await cli(['train', '--factors', 'x'])).toBe(2);
  });

  describe('the routes on the PostgreSQL store', () => {
    const app = () => createApp({ db: db.pool, recommendations: pgStore });

    it('GET /recommendations/:customerId excludes bought products unless include_bought=true', async () => {
      // Customer 1 bought products 1, 4 (order 1) and 2 (order 2).
      const res = await request(app()).get('/recommendations/1?k=10');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        customer_id: 1,
        model_id: 'als-20250308T000000Z-s42',
        source: 'personal',
      });
      const ids = res.body.data.items.map((i: { product_id: number }) => i.product_id);
      expect(ids.length).toBeGreaterThan(0);
      for (const item of res.body.data.items) {
        expect([1, 2, 4]).not.toContain(item.product_id);
        expect([
          'als',
          'co_purchase',
          'trending',
          'popular',
          'category_popular',
          'category_neighbour',
        ]).toContain(item.reason);
      }
      const all = await request(app()).get('/recommendations/1?k=50&include_bought=true');
      const bought = all.body.data.items.filter((i: { bought: boolean }) => i.bought);
      expect(bought.map((i: { product_id: number }) => i.product_id).sort()).toEqual([1, 2, 4]);
      expect((await request(app()).get('/recommendations/1?k=1')).body.data.items).toHaveLength(1);
    });

    it('a customer without a list gets the popular one; bad parameters are 400', async () => {
      const res = await request(app()).get('/recommendations/999');
      expect(res.status).toBe(200);
      expect(res.body.data.source).toBe('popular');
      expect(res.body.data.items.every((i: { reason: string }) => i.reason === 'popular')).toBe(true);
      for (const bad of [
        '/recommendations/abc',
        '/recommendations/1?k=0',
        '/recommendations/1?k=51',
        '/recommendations/1?include_bought=maybe',
        '/recommendations/1?colour=red',
      ])
        expect((await request(app()).get(bad)).status).toBe(400);
    });

    it('GET /products/:id/similar: co-purchase first; 404 for a product without a list', async () => {
      const res = await request(app()).get('/products/4/similar?k=3');
      expect(res.status).toBe(200);
      // Product 4 was bought with product 1 (order 1).
      expect(res.body.data.items[0]).toMatchObject({ product_id: 1, reason: 'co_purchase' });
      expect(res.body.data.items).toHaveLength(3);
      expect((await request(app()).get('/products/999/similar')).status).toBe(404);
      // The product detail route still works next to them.
      expect((await request(app()).get('/products/4')).body.data.product_id).toBe(4);
    });

    it('GET /products/trending, shop-wide and per category', async () => {
      const all = await request(app()).get('/products/trending');
      expect(all.status).toBe(200);
      expect(all.body.data.category_id).toBeNull();
      expect(all.body.data.items.length).toBeGreaterThan(0);
      expect(all.body.data.items.every((i: { reason: string }) => i.reason === 'trending')).toBe(true);
      const phones = await request(app()).get('/products/trending?category_id=1');
      expect(phones.body.data.items.every((i: { product_id: number }) => [1, 2].includes(i.product_id))).toBe(
        true,
      );
      const none = await request(app()).get('/products/trending?category_id=77');
      expect(none.body.data).toEqual({ category_id: 77, model_id: 'als-20250308T000000Z-s42', items: [] });
      expect((await request(app()).get('/products/trending?category_id=x')).status).toBe(400);
    });

    it('documents the routes in OpenAPI', async () => {
      const doc = (await request(app()).get('/openapi.json')).body;
      expect(doc.paths['/recommendations/{customerId}'].get.operationId).toBe('get_recommendations');
      expect(doc.paths['/products/{id}/similar'].get.operationId).toBe('get_products_similar');
      expect(doc.paths['/products/trending'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['k', 'category_id']),
      );
    });

    it('a second publish replaces the first atomically and drops the old model', async () => {
      await republish(pgStore, 'als-second', NOW + 1);
      expect(await pgStore.activeModel()).toEqual({ modelId: 'als-second', publishedAtMs: NOW + 1 });
      expect((await request(app()).get('/recommendations/2')).body.data.model_id).toBe('als-second');
      const { rows } = await db.pool.query('SELECT DISTINCT model_id FROM recommendation_lists');
      expect(rows).toEqual([{ model_id: 'als-second' }]);
    });
  });

  describe('the Redis store (real Redis)', () => {
    let redis: Redis;
    let store: RedisServingStore;
    const prefix = `recs-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

    beforeAll(() => {
      redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      store = new RedisServingStore(redis, prefix);
    });

    afterAll(async () => {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.unlink(...keys);
      await redis.quit();
    });

    it('serves exactly what the PostgreSQL store serves, and a new publish drops the old keys', async () => {
      expect(await store.list('customer', 1)).toBeNull();
      expect(await cli(['publish', '--k', '10'], () => store)).toBe(0);
      const fromPg = createApp({ db: db.pool, recommendations: pgStore });
      const fromRedis = createApp({ db: db.pool, recommendations: store });
      // Same lists, different model ids (PostgreSQL holds als-second, Redis the trained model).
      for (const path of [
        '/recommendations/1',
        '/recommendations/3?include_bought=true',
        '/products/1/similar',
        '/products/trending',
      ]) {
        const a = (await request(fromPg).get(path)).body.data;
        const b = (await request(fromRedis).get(path)).body.data;
        expect({ ...b, model_id: 'x' }).toEqual({ ...a, model_id: 'x' });
        expect(b.model_id).toBe('als-20250308T000000Z-s42');
      }
      const before = (await redis.keys(`${prefix}:als-20250308T000000Z-s42:*`)).length;
      expect(before).toBeGreaterThan(5);
      await republish(store, 'als-next', NOW + 5);
      expect(await store.activeModel()).toEqual({ modelId: 'als-next', publishedAtMs: NOW + 5 });
      expect(await redis.keys(`${prefix}:als-20250308T000000Z-s42:*`)).toEqual([]);
      expect((await store.list('similar', 1))?.modelId).toBe('als-next');
    });
  });
});
