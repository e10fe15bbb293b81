// Route tests against a REAL PostgreSQL: a uniquely named database, migrated with @ecom/domain, holding the small
// fixture shop of src/testing/fixture.ts. See describeWithPostgres in @ecom/domain/testing for skip/CI behaviour.
import { describeWithPostgres } from '@ecom/domain/testing';
import type { Express } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { createApp } from './app.js';
import { pingPostgres, withPreparedStatements } from './db.js';
import { hintOf, RESOURCES } from './resources/index.js';
import { FIXTURE_COUNTS, FIXTURE_PASSWORD_HASH, FIXTURE_SQL } from './testing/fixture.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

const ids = (body: { data: Record<string, unknown>[] }, key: string) => body.data.map((row) => row[key]);

describeWithPostgres({ describe, it }, '@ecom/api against PostgreSQL', () => {
  let db: TestDatabase;
  let app: Express;

  beforeAll(async () => {
    db = await createTestDatabase(FIXTURE_SQL);
    app = createApp({ db: withPreparedStatements(db.pool), readiness: { postgres: pingPostgres(db.pool) } });
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  describe('every path of every resource', () => {
    const cases = RESOURCES.flatMap((resource) => resource.paths.map((path) => [path, resource] as const));
    it.each(cases)('GET %s lists rows that match the documented schema', async (path, resource) => {
      const res = await request(app).get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const body = z
        .object({
          data: z.array(resource.rowSchema.strict()),
          page: z.object({ limit: z.literal(50), next_cursor: z.null() }),
        })
        .parse(res.body);
      expect(body.data).toHaveLength(FIXTURE_COUNTS[resource.name as keyof typeof FIXTURE_COUNTS]);
    });

    it.each(cases)('GET %s/:id returns one row, 404 for an unknown id', async (path, resource) => {
      const { primaryKey } = resource.table;
      const first = (await request(app).get(`${path}?sort=${primaryKey}`)).body.data[0][primaryKey];
      const res = await request(app).get(`${path}/${encodeURIComponent(String(first))}`);
      expect(res.status).toBe(200);
      expect(res.body.data[primaryKey]).toEqual(first);
      expect(typeof first).toBe(hintOf(resource.table, primaryKey).kind === 'integer' ? 'number' : 'string');
      const missing = await request(app).get(`${path}/99999`);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({
        error: { code: 'not_found', message: `${resource.noun} 99999 not found` },
      });
    });
  });

  describe('the original routes', () => {
    it('GET / and /health answer like the original', async () => {
      expect((await request(app).get('/')).body).toEqual({
        message: 'Welcome to Recommendation Platform API',
        version: '0.1.0',
        docs: '/docs',
      });
      expect((await request(app).get('/health')).body).toEqual({ status: 'healthy' });
    });

    it('/readyz checks PostgreSQL', async () => {
      const res = await request(app).get('/readyz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ready', checks: { postgres: { ok: true } } });
    });
  });

  describe('secrets', () => {
    it('never returns password hashes', async () => {
      for (const path of ['/customers', '/customers/1', '/customers?email=an.nguyen@example.vn']) {
        const res = await request(app).get(path);
        expect(res.status).toBe(200);
        expect(res.text).not.toContain('password');
        expect(res.text).not.toContain(FIXTURE_PASSWORD_HASH);
        expect(res.text).not.toContain('$2b$');
      }
    });

    it('refuses password as a filter or sort key', async () => {
      expect((await request(app).get('/customers?password=x')).status).toBe(400);
      expect((await request(app).get('/customers?sort=password')).status).toBe(400);
    });
  });

  describe('money', () => {
    it('stays an exact string, including totals the original NUMERIC(10,2) overflowed', async () => {
      const res = await request(app).get('/orders/3');
      expect(res.body.data.total_price).toBe('125980000.00');
      expect(res.body.data.payment.amount).toBe('125980000.00');
      expect(res.body.data.items[0].price).toBe('62990000.00');
      const product = await request(app).get('/products/5');
      expect(product.body.data.price).toBe('490000.50');
    });

    it('filters by exact money bounds', async () => {
      const res = await request(app).get('/orders?min_total=490000.50&max_total=35189000.01');
      expect(ids(res.body, 'order_id')).toEqual([1, 2, 5]);
    });
  });

  describe('GET /orders/:id', () => {
    it('includes the items, the payment and the shipment', async () => {
      const res = await request(app).get('/orders/1');
      expect(res.status).toBe(200);
      const order = res.body.data;
      expect(order).toMatchObject({
        order_id: 1,
        customer_id: 1,
        status: 'delivered',
        total_price: '35189000.00',
      });
      expect(order.order_date).toBe('2025-03-01T09:00:00.123456Z'); // microseconds kept
      expect(order.items.map((i: { order_item_id: number }) => i.order_item_id)).toEqual([1, 2]);
      expect(order.payment).toMatchObject({
        payment_id: 1,
        payment_method: 'credit_card',
        amount: '35189000.00',
      });
      expect(order.shipment).toMatchObject({
        shipment_id: 1,
        status: 'delivered',
        shipment_date: '2025-03-01T15:00:00.000000Z',
      });
    });

    it('has null payment and shipment when there are none, also through the /order alias', async () => {
      const res = await request(app).get('/order/4');
      expect(res.body.data).toMatchObject({ order_id: 4, payment: null, shipment: null });
      expect(res.body.data.items).toHaveLength(1);
    });

    it('answers 400 with zod issues for a malformed id', async () => {
      const res = await request(app).get('/orders/abc');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.issues[0].path).toEqual(['id']);
      expect((await request(app).get('/orders/0')).status).toBe(400);
      expect((await request(app).get('/orders/99999999999')).status).toBe(400);
    });
  });

  describe('filters', () => {
    it('orders by customer, status (several), and order_date range', async () => {
      expect(ids((await request(app).get('/orders?customer_id=2')).body, 'order_id')).toEqual([3, 4]);
      expect(ids((await request(app).get('/orders?status=paid,shipped')).body, 'order_id')).toEqual([
        2, 3, 6,
      ]);
      expect(ids((await request(app).get('/orders?from=2025-03-02&to=2025-03-05')).body, 'order_id')).toEqual(
        [2, 3, 4],
      );
      expect(
        ids(
          (await request(app).get('/orders?from=2025-03-03T18:00:00%2B07:00&to=2025-03-05T12:00:00Z')).body,
          'order_id',
        ),
      ).toEqual([3, 4]);
    });

    it('products by category, active flag, SKU and name substring', async () => {
      expect(ids((await request(app).get('/products?category_id=3')).body, 'product_id')).toEqual([4, 5]);
      expect(ids((await request(app).get('/products?active=false')).body, 'product_id')).toEqual([5]);
      expect(ids((await request(app).get('/products?category_id=1&active=true')).body, 'product_id')).toEqual(
        [1, 2],
      );
      expect(ids((await request(app).get('/products?sku=LAPTOP-001')).body, 'product_id')).toEqual([3]);
      expect(ids((await request(app).get('/products?q=galaxy')).body, 'product_id')).toEqual([2]);
      expect(ids((await request(app).get('/products?q=%25')).body, 'product_id')).toEqual([]);
    });

    it('the other resources', async () => {
      expect(ids((await request(app).get('/order_item?order_id=1')).body, 'order_item_id')).toEqual([1, 2]);
      expect(ids((await request(app).get('/payment?status=refunded')).body, 'payment_id')).toEqual([4]);
      expect(ids((await request(app).get('/payments?method=paypal,debit_card')).body, 'payment_id')).toEqual([
        2, 4,
      ]);
      expect(
        ids((await request(app).get('/shipments?city=H%C3%A0%20N%E1%BB%99i')).body, 'shipment_id'),
      ).toEqual([2, 3]);
      expect(ids((await request(app).get('/cart?customer_id=2')).body, 'cart_id')).toEqual([2, 3]);
      expect(ids((await request(app).get('/wishlist?product_id=3')).body, 'wishlist_id')).toEqual([2]);
      expect(ids((await request(app).get('/categories?name=Laptop')).body, 'category_id')).toEqual([2]);
      expect(
        ids(
          (await request(app).get('/customer_events?type=place_order,payment&customer_id=1')).body,
          'event_id',
        ),
      ).toEqual(['4', '5']);
      expect(
        ids(
          (await request(app).get('/customer_events?session_id=a1b2c3d4-0000-4000-8000-000000000001')).body,
          'event_id',
        ),
      ).toEqual(['7']);
    });

    it('answers 400 with the zod issues for bad values and unknown parameters', async () => {
      const bad = await request(app).get('/orders?status=confirmed&customer_id=x&from=yesterday&colour=red');
      expect(bad.status).toBe(400);
      const paths = bad.body.error.issues.map((i: { path: string[] }) => i.path.join('.')).sort();
      expect(paths).toEqual(['', 'customer_id', 'from', 'status.0']);
      expect(bad.body.error.issues.find((i: { path: string[] }) => i.path.length === 0).keys).toEqual([
        'colour',
      ]);
    });
  });

  describe('fraud alerts and rules', () => {
    const alertIds = async (query: string) =>
      ids((await request(app).get(`/fraud/alerts${query}`)).body, 'id');

    it('lists alerts newest first, by customer, rule and event-time range (from inclusive, to exclusive)', async () => {
      expect(await alertIds('')).toEqual([
        'high-value/2/o4',
        'velocity-1m/1/w1740819900000',
        'velocity-1m/1/o3',
        'high-value/1/o1',
      ]);
      expect(await alertIds('?customer_id=2')).toEqual(['high-value/2/o4']);
      expect(await alertIds('?rule_id=velocity-1m&customer_id=1')).toEqual([
        'velocity-1m/1/w1740819900000',
        'velocity-1m/1/o3',
      ]);
      expect(await alertIds('?from=2025-03-01T09:00:00Z&to=2025-03-01T09:06:00Z')).toEqual([
        'velocity-1m/1/o3',
        'high-value/1/o1',
      ]);
      expect(await alertIds('?rule_id=nope')).toEqual([]);
    });

    it('returns an alert with its evidence (exact decimals) and its ISO times; text ids percent-encoded', async () => {
      const res = await request(app).get(`/fraud/alerts/${encodeURIComponent('high-value/2/o4')}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        id: 'high-value/2/o4',
        rule_id: 'high-value',
        customer_id: 2,
        severity: 'high',
        event_time: '2025-03-02T10:00:00.000000Z',
        summary: 'order 4 above 10000000.00',
        evidence: { orderIds: [4], amounts: ['15000000.00'] },
        created_at: '2025-03-02T10:00:06.000000Z',
      });
    });

    it('pages alerts by cursor and by offset', async () => {
      const first = await request(app).get('/fraud/alerts?limit=3');
      expect(ids(first.body, 'id')).toHaveLength(3);
      const next = await request(app).get(`/fraud/alerts?limit=3&cursor=${first.body.page.next_cursor}`);
      expect(ids(next.body, 'id')).toEqual(['high-value/1/o1']);
      expect(next.body.page.next_cursor).toBeNull();
      const byId = await request(app).get('/fraud/alerts?sort=id&limit=2');
      const rest = await request(app).get(
        `/fraud/alerts?sort=id&limit=2&cursor=${byId.body.page.next_cursor}`,
      );
      expect([...ids(byId.body, 'id'), ...ids(rest.body, 'id')]).toEqual([
        'high-value/1/o1',
        'high-value/2/o4',
        'velocity-1m/1/o3',
        'velocity-1m/1/w1740819900000',
      ]);
      const offset = await request(app).get('/fraud/alerts?offset=1&limit=1&customer_id=1');
      expect(offset.body.page).toEqual({ limit: 1, offset: 1, total: 3 });
    });

    it('refuses bad filters with zod issues', async () => {
      const bad = await request(app).get('/fraud/alerts?customer_id=x&from=yesterday&rule=v');
      expect(bad.status).toBe(400);
      const paths = bad.body.error.issues.map((i: { path: string[] }) => i.path.join('.')).sort();
      expect(paths).toEqual(['', 'customer_id', 'from']);
    });

    it('lists the rules with their definitions, by state', async () => {
      const all = await request(app).get('/fraud/rules');
      expect(all.body.data).toEqual([
        {
          id: 'high-value',
          definition: {
            id: 'high-value',
            kind: 'high-value',
            state: 'paused',
            params: { threshold: '10000000.00' },
          },
          state: 'paused',
          updated_at: '2025-03-02T00:00:00.000000Z',
        },
        expect.objectContaining({ id: 'velocity-1m', state: 'active' }),
      ]);
      expect(ids((await request(app).get('/fraud/rules?state=active')).body, 'id')).toEqual(['velocity-1m']);
      expect((await request(app).get('/fraud/rules/high-value')).body.data.state).toBe('paused');
      expect((await request(app).get('/fraud/rules/nope')).status).toBe(404);
    });
  });

  describe('sorting and pagination', () => {
    it('sorts on whitelisted columns, ties broken by the primary key', async () => {
      expect(ids((await request(app).get('/orders?sort=-total_price')).body, 'order_id')).toEqual([
        3, 6, 1, 2, 5, 4,
      ]);
      expect(ids((await request(app).get('/orders?sort=order_date')).body, 'order_id')).toEqual([
        1, 2, 3, 4, 5, 6,
      ]);
      expect(ids((await request(app).get('/orders?sort=-order_date')).body, 'order_id')).toEqual([
        6, 5, 4, 3, 2, 1,
      ]);
      expect((await request(app).get('/orders?sort=status')).status).toBe(400);
    });

    it.each(['order_id', '-order_id', 'order_date', '-order_date', 'total_price', '-total_price'])(
      'walks every page with cursors (sort=%s) without gaps or repeats',
      async (sort) => {
        const all = ids((await request(app).get(`/orders?sort=${sort}`)).body, 'order_id');
        const walked: unknown[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const url = `/orders?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await request(app).get(url);
          expect(res.status).toBe(200);
          walked.push(...ids(res.body, 'order_id'));
          cursor = res.body.page.next_cursor;
          pages += 1;
        } while (cursor && pages < 10);
        expect(walked).toEqual(all);
        expect(pages).toBe(3);
      },
    );

    it('offset pagination reports the total', async () => {
      const res = await request(app).get(
        '/orders?limit=2&offset=4&status=paid,shipped,pending,cancelled,delivered',
      );
      expect(res.body.page).toEqual({ limit: 2, offset: 4, total: 6 });
      expect(ids(res.body, 'order_id')).toEqual([5, 6]);
    });

    it('refuses limit beyond 500, a cursor made for another sort, garbage cursors and offset with cursor', async () => {
      expect((await request(app).get('/orders?limit=501')).status).toBe(400);
      expect((await request(app).get('/orders?limit=500')).status).toBe(200);
      const first = await request(app).get('/orders?limit=1&sort=-order_date');
      const cursor = first.body.page.next_cursor as string;
      const mismatch = await request(app).get(`/orders?limit=1&sort=order_date&cursor=${cursor}`);
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error.issues[0].message).toMatch(/sort=-order_date/);
      expect((await request(app).get('/orders?cursor=not-a-cursor')).status).toBe(400);
      expect((await request(app).get(`/orders?sort=-order_date&cursor=${cursor}&offset=1`)).status).toBe(400);
      const forged = Buffer.from(JSON.stringify({ s: 'order_id', v: 1e12, k: 1e12 })).toString('base64url');
      expect((await request(app).get(`/orders?cursor=${forged}`)).status).toBe(400);
    });
  });

  describe('errors', () => {
    it('answers JSON 404 for unknown routes and methods', async () => {
      const res = await request(app).get('/nope');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'No route GET /nope' } });
      expect((await request(app).post('/orders')).status).toBe(404);
    });

    it('tags every response with a request id, reusing a safe incoming one', async () => {
      const res = await request(app).get('/health').set('x-request-id', 'abc-123');
      expect(res.headers['x-request-id']).toBe('abc-123');
      const fresh = await request(app).get('/health').set('x-request-id', 'bad id with spaces');
      expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
