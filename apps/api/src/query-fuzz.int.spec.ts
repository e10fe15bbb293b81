// Property test against a REAL PostgreSQL: random query strings (and random ids) on every route must give 200, 400
// or 404 with a JSON body — never a 500 — and never leak a password hash.
import { describeWithPostgres } from '@ecom/domain/testing';
import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from './app.js';
import { pingPostgres, withPreparedStatements } from './db.js';
import { encodeCursor } from './list/cursor.js';
import { RESOURCES } from './resources/index.js';
import { FIXTURE_SQL } from './testing/fixture.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

const SEED = Number(process.env['FC_SEED'] ?? 20250301);
const RUNS = Number(process.env['FC_RUNS'] ?? 600);

const KEYS = [
  ...new Set([
    'limit',
    'offset',
    'cursor',
    'sort',
    ...RESOURCES.flatMap((r) => r.filters.map((f) => f.param)),
    'password',
    '__proto__',
    'constructor',
    'toString',
  ]),
];

const SORTS = RESOURCES.flatMap((r) => r.sortable.flatMap((c) => [c, `-${c}`]));

/** Values that look plausible, are edge cases for PostgreSQL, or are plain junk. */
const value = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1',
    '50',
    '500',
    '501',
    '2147483647',
    '2147483648',
    '9223372036854775808',
    '1e3',
    '0x10',
    'NaN',
    'Infinity',
    'true',
    'false',
    'yes',
    'maybe',
    'paid',
    'paid,shipped',
    'paid,,',
    'view_product',
    '2025-03-01',
    '2025-02-30',
    '0000-01-01',
    '0001-01-01T00:00:00+14:00',
    '2025-03-01T00:00:00Z',
    '9999-12-31T23:59:59-12:00',
    '99999999999999.99',
    '1.005',
    '0f8b6c1e-3d2a-4c5b-9e7f-1a2b3c4d5e6f',
    'not-a-uuid',
    '%00',
    '%',
    '%25',
    '%zz',
    '%E0%A4%A',
    '%ED%A0%80',
    "'; DROP TABLE orders; --",
    '\\',
    encodeCursor({ sort: 'order_id', value: 1, key: 1 }),
    encodeCursor({ sort: '-order_date', value: '2025-03-01T00:00:00.000000Z', key: 2 }),
    encodeCursor({ sort: '-order_date', value: '0000-01-01T00:00:00Z', key: 2 }),
    encodeCursor({ sort: 'price', value: '-1', key: 1 }),
    encodeCursor({ sort: 'event_id', value: '99999999999999999999', key: '1' }),
    Buffer.from('{"s":"order_id","v":{},"k":[]}').toString('base64url'),
  ),
  fc.constantFrom(...SORTS),
  fc.integer({ min: -3_000_000_000, max: 3_000_000_000 }).map(String),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.stringMatching(/^[A-Za-z0-9%._~,+-]{0,24}$/),
);

const key = fc.oneof(fc.constantFrom(...KEYS), fc.stringMatching(/^[A-Za-z_%.[\]]{1,12}$/));

const queryString = fc
  .array(fc.tuple(key, value, fc.boolean()), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v, withEquals]) => (withEquals ? `${k}=${v}` : k)).join('&'));

const ID_SEGMENTS = [
  '1',
  '3',
  '0',
  '-1',
  '99999',
  '2147483648',
  'abc',
  '1.5',
  '%20',
  '1e2',
  '%E0%A4%A',
  '9223372036854775808',
];

const route = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...RESOURCES.flatMap((r) => r.paths)) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...RESOURCES.flatMap((r) => r.paths)), fc.constantFrom(...ID_SEGMENTS))
      .map(([path, id]) => `${path}/${id}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('/', '/health', '/healthz', '/readyz', '/openapi.json', '/docs', '/nope'),
  },
);

/** Values valid for at least one filter. */
const PLAUSIBLE = [
  'true',
  'false',
  'paid',
  'pending,delivered',
  'completed',
  'preparing,in_transit',
  'credit_card',
  'view_product,place_order',
  '2025-03-01',
  '2025-03-03T11:00:00Z',
  '2025-03-03T18:00:00%2B07:00',
  '199000',
  '35189000.00',
  'Laptop',
  'H%C3%A0%20N%E1%BB%99i',
  'an.nguyen%40example.vn',
  'PHONE-001',
  'galaxy',
  '0f8b6c1e-3d2a-4c5b-9e7f-1a2b3c4d5e6f',
];

/** Query strings built from one resource's own parameters, mostly with values valid for each, so they reach SQL. */
const targeted = fc.constantFrom(...RESOURCES).chain((resource) => {
  const candidates = [...PLAUSIBLE, ...['1', '2', '3', '7', '8']];
  const perKey: [string, fc.Arbitrary<string>][] = [
    ['limit', fc.integer({ min: 1, max: 500 }).map(String)],
    ['offset', fc.integer({ min: 0, max: 10 }).map(String)],
    ['sort', fc.constantFrom(...resource.sortable.flatMap((c) => [c, `-${c}`]))],
    ...resource.filters.map((filter): [string, fc.Arbitrary<string>] => {
      const good = candidates.filter((v) => filter.schema.safeParse(decodeURIComponent(v)).success);
      return [filter.param, good.length > 0 ? fc.constantFrom(...good) : value];
    }),
  ];
  const pair = fc
    .constantFrom(...perKey)
    .chain(([k, good]) =>
      fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: value }).map((v) => [k, v] as const),
    );
  return fc
    .tuple(
      fc.constantFrom(...resource.paths),
      fc.uniqueArray(pair, { minLength: 1, maxLength: 3, selector: ([k]) => k }),
    )
    .map(([path, pairs]) => [path, pairs.map(([k, v]) => `${k}=${v}`).join('&')] as const);
});

const anyRequest = fc.oneof(fc.tuple(route, queryString), targeted);

describeWithPostgres({ describe, it }, '@ecom/api random query strings (fast-check)', () => {
  let db: TestDatabase;
  let app: Express;

  beforeAll(async () => {
    db = await createTestDatabase(FIXTURE_SQL);
    app = createApp({ db: withPreparedStatements(db.pool), readiness: { postgres: pingPostgres(db.pool) } });
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  const statuses = new Map<string, number>();
  afterAll(() => {
    if (process.env['FC_STATS']) console.log(Object.fromEntries(statuses));
  });

  it('answers 200, 400 or 404 with a JSON (or HTML docs) body, never a 500, never a password', async () => {
    await fc.assert(
      fc.asyncProperty(anyRequest, async ([path, qs]) => {
        const url = qs ? `${path}?${qs}` : path;
        const res = await request(app).get(url);
        const bucket = `${res.status}${qs ? '' : ' (no query)'}`;
        statuses.set(bucket, (statuses.get(bucket) ?? 0) + 1);
        if (![200, 400, 404].includes(res.status)) {
          throw new Error(`GET ${url} → ${res.status} ${res.text.slice(0, 300)}`);
        }
        const isDocs = path === '/docs' && res.status === 200;
        expect(res.headers['content-type']).toMatch(isDocs ? /text\/html/ : /application\/json/);
        expect(res.text).not.toContain('$2b$');
        // Validation must be complete: the database-error safety net (SQLSTATE class 22 → 400) never fires.
        expect(res.text).not.toContain('out of range for the database');
        if (!isDocs && res.status !== 200)
          expect(res.body.error.code).toMatch(/^(invalid_request|not_found)$/);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);
});
