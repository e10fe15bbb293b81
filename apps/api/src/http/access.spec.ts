import express from 'express';
import request from 'supertest';
import { createApp } from '../app.js';
import type { Queryable } from '../db.js';
import { accessControl, accessMode, isLoopbackHost, isPublicPath, tokenChecker } from './access.js';
import { errorHandler } from './error-handler.js';

const TOKEN = 'api-token-0123456789abcdef0123456789';
const PII_TOKEN = 'pii-token-0123456789abcdef0123456789';
const tokens = { token: TOKEN, personalDataToken: PII_TOKEN };

const customer = {
  customer_id: 1,
  first_name: 'An',
  last_name: 'Nguyễn',
  email: 'an.nguyen@example.vn',
  address: '12 Lê Lợi, Quận 1',
  phone_number: '0901234567',
  created_at: '2025-01-03T00:00:00.000000Z',
  updated_at: '2025-01-03T00:00:00.000000Z',
};

/** Answers every query with the one customer row. */
const oneCustomer: Queryable = {
  query: async <Row extends Record<string, unknown>>() => ({ rows: [customer] as unknown as Row[] }),
};

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('accessControl', () => {
  const app = createApp({ db: oneCustomer, access: tokens, corsOrigins: ['http://localhost:3000'] });

  it('answers 401 with WWW-Authenticate and the JSON error shape without a token, before any route', async () => {
    for (const path of ['/customers', '/customers/1', '/nope', '/dashboard/events', '/products/trending']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="@ecom API"');
      expect(res.body).toEqual({
        error: { code: 'unauthorized', message: 'Missing bearer token (Authorization: Bearer <token>)' },
      });
    }
    expect((await request(app).get('/customers').set('Authorization', `Basic ${TOKEN}`)).status).toBe(401);
  });

  it('answers 401 invalid_token for a wrong token of any length', async () => {
    for (const wrong of [TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.replace('a', 'b'), 'x']) {
      const res = await request(app).get('/customers').set(bearer(wrong));
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="@ecom API", error="invalid_token"');
      expect(res.body.error).toEqual({ code: 'unauthorized', message: 'Invalid bearer token' });
    }
  });

  it('masks personal data for API_TOKEN and shows it for API_PII_TOKEN', async () => {
    const masked = await request(app).get('/customers/1').set(bearer(TOKEN));
    expect(masked.status).toBe(200);
    expect(masked.body.data).toEqual({
      ...customer,
      email: 'a***@example.vn',
      address: '***',
      phone_number: '***4567',
    });
    const full = await request(app).get('/customers').set('authorization', `bearer  ${PII_TOKEN}`);
    expect(full.status).toBe(200);
    expect(full.body.data).toEqual([customer]);
  });

  it('refuses filters and sorts on masked fields to API_TOKEN (403), not to API_PII_TOKEN', async () => {
    for (const query of ['email=an.nguyen@example.vn', 'sort=-email', 'sort=email']) {
      const res = await request(app).get(`/customers?${query}`).set(bearer(TOKEN));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      expect((await request(app).get(`/customers?${query}`).set(bearer(PII_TOKEN))).status).toBe(200);
    }
    expect((await request(app).get('/customers?sort=-created_at').set(bearer(TOKEN))).status).toBe(200);
    const invalid = await request(app).get('/customers?limit=0').set(bearer(TOKEN));
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'invalid_request']);
  });

  it('keeps the health checks, the docs and the welcome public', async () => {
    for (const path of [
      '/',
      '/health',
      '/healthz',
      '/HEALTHZ/',
      '/readyz',
      '/openapi.json',
      '/docs',
      '/docs/',
    ]) {
      expect([path, (await request(app).get(path)).status]).toEqual([path, 200]);
    }
    expect((await request(app).get('/docs/swagger-ui.css')).status).toBe(200);
  });

  it('lets CORS preflights through without a token and allows the Authorization header', async () => {
    const res = await request(app)
      .options('/customers')
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const denied = await request(app).get('/customers').set('Origin', 'http://localhost:3000');
    expect(denied.status).toBe(401);
    expect(denied.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('masks what routes send with res.json, errors included', async () => {
    const custom = express();
    custom.use(accessControl({ token: TOKEN }));
    custom.get('/custom', (_req, res) => {
      res.json({ top: [{ customer_id: 1, email: 'an.nguyen@example.vn', revenue: '1.00' }] });
    });
    custom.use(errorHandler);
    const res = await request(custom).get('/custom').set(bearer(TOKEN));
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ top: [{ customer_id: 1, email: 'a***@example.vn', revenue: '1.00' }] });
    // Without API_PII_TOKEN nobody sees personal data, and that token is not a fallback for anything.
    expect((await request(custom).get('/custom').set(bearer(PII_TOKEN))).status).toBe(401);
  });

  it('is not mounted without tokens (local mode): no token needed, nothing masked', async () => {
    const res = await request(createApp({ db: oneCustomer })).get('/customers/1');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(customer);
  });
});

describe('tokenChecker', () => {
  it('tells the two tokens apart and reads the bearer scheme case-insensitively', () => {
    const check = tokenChecker(tokens);
    expect(check(`Bearer ${TOKEN}`)).toBe('masked');
    expect(check(`BEARER ${PII_TOKEN} `)).toBe('personal-data');
    expect(check(`Bearer ${TOKEN}0`)).toBe('invalid');
    expect(check('Bearer')).toBe('missing');
    expect(check(`Token ${TOKEN}`)).toBe('missing');
    expect(check(undefined)).toBe('missing');
    expect(tokenChecker({ token: TOKEN })(`Bearer ${PII_TOKEN}`)).toBe('invalid');
  });
});

describe('isPublicPath', () => {
  it.each([
    ['/', true],
    ['/health', true],
    ['/healthz/', true],
    ['/ReadyZ', true],
    ['/openapi.json', true],
    ['/docs', true],
    ['/docs/swagger-ui-bundle.js', true],
    ['/favicon.ico', true],
    ['/dashboard', true],
    ['/dashboard/', true],
    ['/dashboard/index.html', true],
    ['/dashboard/assets/app.js', true],
    ['/dashboard/vendor/uPlot.min.css', true],
    ['/dashboard/events', false],
    ['/dashboard/api/revenue', false],
    ['/dashboard/data.json', false],
    ['/dashboard/../customers', false],
    ['/dashboard/../x.js', false],
    ['/dashboard/.env.js', false],
    ['/customers', false],
    ['/healthz/x', false],
    ['/openapi.json/x', false],
    ['/nope', false],
  ])('%s → %s', (path, expected) => {
    expect(isPublicPath(path)).toBe(expected);
  });
});

describe('accessMode', () => {
  it('warns when the API is open beyond the loopback interface', () => {
    expect(accessMode('127.0.0.1', undefined)).toEqual({ mode: 'open' });
    expect(accessMode('localhost', undefined)).toEqual({ mode: 'open' });
    expect(accessMode('::1', undefined)).toEqual({ mode: 'open' });
    expect(accessMode('0.0.0.0', undefined).warning).toMatch(/API_TOKEN is not set and HOST=0\.0\.0\.0/);
    expect(accessMode('0.0.0.0', { token: TOKEN })).toEqual({ mode: 'token' });
    expect(accessMode('0.0.0.0', tokens)).toEqual({ mode: 'token+personal-data' });
    expect(isLoopbackHost('127.1.2.3')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('192.168.1.10')).toBe(false);
  });
});
