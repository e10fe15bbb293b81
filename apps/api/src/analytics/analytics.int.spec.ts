/**
 * The analytics routes on the real stack (PostgreSQL, S3Proxy, Trino): a small seeded simulated shop exported to
 * the lake (`lake export`), the five marts the routes read built for two analysis dates (`lake marts build`), and
 * every route's answer compared with the direct Trino query of its mart (every row and column, as Trino prints
 * them: decimals exact); cursor walks and offset pages give the same rows; the latest build is the default;
 * errors: an analysis date never built (404), a mart never built and Trino down (503). Unique database, schemas
 * and bucket folder, removed afterwards.
 */
import type { TempDatabase } from '@ecom/domain/testing';
import request from 'supertest';
// The lake's spec helpers (libs/lakehouse/test, not published): the lake CLI in-process, the run's own names and
// their cleanup, the seeded shop. Reused, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runLake } from '../../../../libs/lakehouse/test/lake-cli.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { dropLakeRun, newLakeRun } from '../../../../libs/lakehouse/test/lake-run.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { LAKE_STACK, startLakeStack, trinoRows } from '../../../../libs/lakehouse/test/lake-stack.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { simulatedShop } from '../../../../libs/lakehouse/test/simulated-shop.js';
import { createApp } from '../app.js';
import { ANALYTICS_ROUTES, type AnalyticsRoute } from './analytics-routes.js';
import { analyticsColumns } from './analytics-sql.js';
import { analyticsSourceFromConfig } from './trino-from-config.js';

const run = newLakeRun('apiit');
const LATEST = '2026-11-30';
const EARLIER = '2026-11-15';
const TRINO_URL = `http://127.0.0.1:${LAKE_STACK.trinoPort}`;
let db: TempDatabase;

const routeOf = (mart: string): AnalyticsRoute => {
  const route = ANALYTICS_ROUTES.find((r) => r.mart.name === mart);
  if (!route) throw new Error(`no route on ${mart}`);
  return route;
};

const source = (schema = run.martsSchema, url = TRINO_URL) =>
  analyticsSourceFromConfig({ url, catalog: 'lake', schema, user: 'ecom-api-it' });
const app = () => createApp({ analytics: source() });

/** An API row back to the text Trino's CAST(… AS VARCHAR) prints, column by column. */
const asTrinoText = (route: AnalyticsRoute, row: Record<string, unknown>) =>
  analyticsColumns(route).map(({ name, type }) => {
    const v = row[name];
    if (v === null) return null;
    if (type === 'TIMESTAMP(6)') return String(v).replace('T', ' ').replace(/Z$/, '');
    return String(v);
  });

const direct = (route: AnalyticsRoute, date: string, where = '') =>
  trinoRows(
    `SELECT ${analyticsColumns(route)
      .map((c) => `CAST(${c.name} AS VARCHAR)`)
      .join(', ')} FROM lake.${run.martsSchema}.${route.mart.name}
      WHERE analysis_date = DATE '${date}' ${where} ORDER BY ${route.key}`,
  );

async function get(path: string) {
  const res = await request(app()).get(path);
  return res;
}

beforeAll(async () => {
  startLakeStack();
  db = await simulatedShop({
    prefix: 'api_analytics_it',
    customers: 25,
    days: 45,
    sessions: 15,
    seed: 5,
    until: '2026-12-01T00:00:00Z',
  });
  const env = run.env(db.url);
  const exported = await runLake(
    ['export', '--tables', 'orders,order_items,products,categories,customers'],
    env,
  );
  expect([exported.code, exported.stderr]).toEqual([0, '']);
  const marts = ANALYTICS_ROUTES.map((r) => r.mart.name).join(',');
  for (const [date, which] of [
    [EARLIER, 'revenue_daily'],
    [LATEST, marts],
  ] as const) {
    const built = await runLake(['marts', 'build', '--date', date, '--marts', which], env);
    expect([built.code, built.stderr]).toEqual([0, '']);
  }
}, 600_000);

afterAll(async () => {
  await dropLakeRun(run);
  await db?.drop();
}, 300_000);

describe.each(ANALYTICS_ROUTES.map((r) => [r.path, r] as const))('%s', (_path, route) => {
  it('equals the direct Trino query of its mart, every row and column; money exact strings', async () => {
    const res = await get(`${route.path}?limit=500`);
    expect(res.status).toBe(200);
    expect(res.body.analysis_date).toBe(LATEST);
    expect(res.body.page).toEqual({ limit: 500, next_cursor: null });
    const want = await direct(route, LATEST);
    expect(want.length).toBeGreaterThan(1);
    expect(res.body.data.map((row: Record<string, unknown>) => asTrinoText(route, row))).toEqual(want);
    for (const column of route.mart.columns.filter((c) => c.type.startsWith('DECIMAL'))) {
      for (const row of res.body.data as Record<string, unknown>[]) {
        const v = row[column.name];
        if (v !== null) expect([column.name, typeof v]).toEqual([column.name, 'string']);
      }
    }
  }, 120_000);

  it('a cursor walk (descending) and an offset page give the same rows', async () => {
    const all = (await get(`${route.path}?limit=500&sort=-${route.key}`)).body.data;
    const walked: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`${route.path}?limit=4&sort=-${route.key}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      walked.push(...res.body.data);
      cursor = res.body.page.next_cursor;
    } while (cursor);
    expect(walked).toEqual(all);
    const page = await get(`${route.path}?limit=3&offset=2&sort=-${route.key}`);
    expect(page.body.page).toEqual({ limit: 3, offset: 2, total: all.length });
    expect(page.body.data).toEqual(all.slice(2, 5));
  }, 180_000);
});

it('the latest build is the default; analysis_date= reads an earlier one', async () => {
  const daily = routeOf('revenue_daily');
  const earlier = await get(`${daily.path}?limit=500&analysis_date=${EARLIER}`);
  expect(earlier.body.analysis_date).toBe(EARLIER);
  const want = await direct(daily, EARLIER);
  expect(earlier.body.data.map((row: Record<string, unknown>) => asTrinoText(daily, row))).toEqual(want);
  const latest = await get(`${daily.path}?limit=500`);
  expect(latest.body.data.length).toBeGreaterThan(earlier.body.data.length);
}, 120_000);

it('filters customer segments by value tier, as the same WHERE on the mart', async () => {
  const segments = routeOf('customer_segments');
  const res = await get(`${segments.path}?limit=500&value_segment=Medium%20Value`);
  expect(res.status).toBe(200);
  const want = await direct(segments, LATEST, `AND value_segment = 'Medium Value'`);
  expect(res.body.data.map((row: Record<string, unknown>) => asTrinoText(segments, row))).toEqual(want);
}, 120_000);

it('answers 404 for an analysis date never built, 503 for a mart never built and for Trino down', async () => {
  const monthly = routeOf('revenue_monthly');
  const notBuilt = await get(`${monthly.path}?analysis_date=2020-01-01`);
  expect([notBuilt.status, notBuilt.body.error.code]).toEqual([404, 'not_found']);
  const never = await request(createApp({ analytics: source(`${run.id}_nothing`) })).get(monthly.path);
  expect(never.status).toBe(503);
  expect(never.body.error.message).toBe('Mart revenue_monthly was never built (npm run lake -- marts build)');
  const down = await request(createApp({ analytics: source(run.martsSchema, 'http://127.0.0.1:1') })).get(
    monthly.path,
  );
  expect(down.status).toBe(503);
  expect(down.body.error).toEqual({ code: 'unavailable', message: 'Trino unavailable' });
}, 120_000);
