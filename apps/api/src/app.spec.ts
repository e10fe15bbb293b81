import request from 'supertest';
import { createApp } from './app.js';
import type { Queryable } from './db.js';

/** A database that must not be reached: validation errors are answered before any query. */
const unreachableDb: Queryable = {
  query: () => Promise.reject(new Error('the database must not be queried')),
};

describe('createApp (no database needed)', () => {
  it('answers /healthz and the original /health', async () => {
    expect((await request(createApp()).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(createApp()).get('/health')).body).toEqual({ status: 'healthy' });
  });

  it('is ready when every probe resolves', async () => {
    const res = await request(createApp({ readiness: { postgres: async () => undefined } })).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { postgres: { ok: true } } });
  });

  it('answers 503 naming the failing probe', async () => {
    const app = createApp({
      readiness: {
        postgres: async () => {
          throw new Error('connection refused');
        },
      },
    });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.postgres).toEqual({ ok: false, error: 'connection refused' });
  });

  it('answers 503 while draining', async () => {
    const res = await request(createApp({ isDraining: () => true })).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('draining');
  });

  it('answers 400 with zod issues before touching the database', async () => {
    const app = createApp({ db: unreachableDb });
    const res = await request(app).get('/orders?limit=501&sort=password');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['limit', 'sort']);
    expect((await request(app).get('/customers/abc')).status).toBe(400);
  });

  it('answers a JSON 404 for unknown routes', async () => {
    const res = await request(createApp()).get('/v2/orders');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No route GET /v2/orders' } });
  });

  it('answers 400 for a malformed percent escape in the path', async () => {
    const res = await request(createApp({ db: unreachableDb })).get('/orders/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });

  it('answers 503 without a database and 500 without details when a query fails unexpectedly', async () => {
    expect((await request(createApp()).get('/orders')).status).toBe(503);
    const res = await request(createApp({ db: unreachableDb })).get('/orders');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
  });

  it('maps an unreachable database to 503', async () => {
    const refused: Queryable = {
      query: () =>
        Promise.reject(
          Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
        ),
    };
    const res = await request(createApp({ db: refused })).get('/products');
    expect(res.status).toBe(503);
    expect(res.body.error).toEqual({ code: 'unavailable', message: 'Database unavailable' });
  });

  it('adds CORS headers for configured origins only', async () => {
    const app = createApp({ corsOrigins: ['http://localhost:3000'] });
    const ok = await request(app).get('/health').set('Origin', 'http://localhost:3000');
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const other = await request(app).get('/health').set('Origin', 'http://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(app).options('/orders').set('Origin', 'http://localhost:3000');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
  });

  it('serves Swagger UI at /docs and the OpenAPI document at /openapi.json', async () => {
    const app = createApp();
    const docs = await request(app).get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('<base href="/docs/">');
    expect(docs.text).toContain('swagger-ui-bundle.js');
    const init = await request(app).get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('/openapi.json');
    expect((await request(app).get('/docs/swagger-ui.css')).status).toBe(200);
    const spec = await request(app).get('/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/orders', '/orders/{id}', '/order', '/cart']),
    );
  });
});
