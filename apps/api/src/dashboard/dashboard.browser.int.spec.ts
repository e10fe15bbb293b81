// The dashboard in a REAL headless Chromium (Debian's chromium, driven by playwright-core) against a REAL
// PostgreSQL: a migrated test database with the fixture shop, rows written as the jobs write them (job_results
// as the revenue job's PostgresResultSink, fraud_alerts as the fraud job's alert sink), and the PostgreSQL serving
// store for recommendations. Missing Chromium or PostgreSQL fails the suite; it never skips.
import type { Server } from 'node:http';
import { describeWithPostgres } from '@ecom/domain/testing';
import express from 'express';
import type { Browser } from 'playwright-core';
import { createApp } from '../app.js';
import { PgServingStore } from '../recommendations/pg-serving-store.js';
import { launchChromium } from '../testing/chromium.js';
import { openDashboard, type DashboardPage } from '../testing/dashboard-page.js';
import { FIXTURE_SQL } from '../testing/fixture.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';

const MINUTE = 60_000;
const TOKEN = 'dashboard-test-token';

/**
 * A stand-in for the API's bearer-token check (API_TOKEN, another part of issue 16): everything but the page and
 * its assets needs the token. Records the paths that came with it.
 */
function withTokenCheck(app: express.Express, authorized: string[]): express.Express {
  const guarded = express();
  guarded.use((req, res, next) => {
    if (req.headers.authorization === `Bearer ${TOKEN}`) authorized.push(req.path);
    const open = /^\/dashboard(\/?$|\/assets\/|\/vendor\/)/.test(req.path);
    if (open || req.headers.authorization === `Bearer ${TOKEN}`) return next();
    res.status(401).json({ error: { code: 'unauthorized', message: 'a bearer token is required' } });
  });
  guarded.use(app);
  return guarded;
}

/** Listens on a free loopback port; resolves with the server and its base URL. */
async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, base: `http://127.0.0.1:${port}` };
}

/** A revenue result row as `upsertResults` writes it (value as `revenueValue` of apps/jobs builds it). */
async function insertRevenueWindow(
  db: TestDatabase,
  start: number,
  orders: number,
  revenue: string,
  trend: { abs: string; pct: string; orders: number } | null = null,
  early = false,
) {
  const value = {
    metric: 'revenue',
    window_start: new Date(start).toISOString(),
    window_end: new Date(start + MINUTE).toISOString(),
    total_orders: orders,
    total_revenue: revenue,
    window_duration_minutes: 1,
    average_order_value: (BigInt(revenue.replace('.', '')) / BigInt(orders))
      .toString()
      .replace(/(\d\d)$/, '.$1'),
    unique_customers: orders,
    trend_revenue_abs: trend?.abs ?? null,
    trend_revenue_pct: trend?.pct ?? null,
    trend_orders_abs: trend?.orders ?? null,
    ...(early ? { final: false } : {}),
  };
  await db.pool.query(
    `INSERT INTO job_results (job, window_start, window_end, key, topic, value)
     VALUES ('revenue', to_timestamp($1 / 1000.0), to_timestamp($2 / 1000.0), 'all', 'statistics_revenue', $3::jsonb)
     ON CONFLICT (job, window_start, window_end, key) DO UPDATE SET topic = EXCLUDED.topic, value = EXCLUDED.value`,
    [start, start + MINUTE, JSON.stringify(value)],
  );
}

/** Top-products rows of one window as the top-products job writes them (`quantity/<rank>`, `revenue/<rank>`). */
async function insertTopProducts(db: TestDatabase, start: number) {
  const products = [
    { product_id: 4, product_name: 'Ốp lưng silicon', total_quantity: 9, total_revenue: '1791000.00' },
    { product_id: 3, product_name: 'MacBook Pro 16', total_quantity: 2, total_revenue: '125980000.00' },
  ];
  const row = (metric: string, p: (typeof products)[number], rank: number) => ({
    metric,
    window_start: new Date(start).toISOString(),
    window_end: new Date(start + MINUTE).toISOString(),
    product_id: p.product_id,
    total_quantity: p.total_quantity,
    rank,
    window_duration_minutes: 1,
    total_revenue: p.total_revenue,
    product_name: p.product_name,
    category_id: 3,
    category_name: 'Phụ kiện',
  });
  const rows = [
    ...products.map((p, i) => ({ key: `quantity/${i + 1}`, value: row('top_product_window', p, i + 1) })),
    ...[...products]
      .reverse()
      .map((p, i) => ({ key: `revenue/${i + 1}`, value: row('top_product_revenue_window', p, i + 1) })),
  ];
  await db.pool.query(
    `INSERT INTO job_results (job, window_start, window_end, key, topic, value)
     SELECT 'top-products', to_timestamp($1 / 1000.0), to_timestamp($2 / 1000.0), key, 'statistics_top_product', value::jsonb
       FROM unnest($3::text[], $4::text[]) AS r(key, value)`,
    [start, start + MINUTE, rows.map((r) => r.key), rows.map((r) => JSON.stringify(r.value))],
  );
}

/** Velocity alerts as the fraud job's PostgresAlertSink writes them (`toAlertRecord` of a detector alert). */
async function insertVelocityAlerts(db: TestDatabase, customers: readonly number[], at: number) {
  const ids = customers.map((c, i) => `velocity-1m/${c}/o${100_000 + i}`);
  const evidence = customers.map((_c, i) =>
    JSON.stringify({
      kind: 'velocity',
      window: { start: at - 50_000, end: at },
      orderId: 100_000 + i,
      paymentId: null,
      orderIds: [1, 2, 3, 4, 5, 100_000 + i],
      amounts: ['1000.00', '1000.00', '1000.00', '1000.00', '1000.00', '1000.00'],
      value: '6',
    }),
  );
  await db.pool.query(
    `INSERT INTO fraud_alerts (id, rule_id, customer_id, severity, event_time, summary, evidence)
     SELECT id, 'velocity-1m', customer_id, 'high', to_timestamp(($4::bigint - n) / 1000.0),
            '6 orders within 1 minute (more than 5)', evidence::jsonb
       FROM unnest($1::text[], $2::integer[], $3::text[]) WITH ORDINALITY AS a(id, customer_id, evidence, n)`,
    [ids, customers, evidence, at],
  );
}

describeWithPostgres({ describe, it }, 'dashboard in headless Chromium', () => {
  let db: TestDatabase;
  let server: Server;
  let browser: Browser;
  let dashboard: DashboardPage;
  let guardedServer: Server;
  let guardedBase: string;
  const authorized: string[] = [];
  const now = Date.now();
  const minute = now - (now % MINUTE);

  beforeAll(async () => {
    db = await createTestDatabase(FIXTURE_SQL);
    await insertRevenueWindow(db, minute - 3 * MINUTE, 3, '70980000.00');
    await insertRevenueWindow(db, minute - 2 * MINUTE, 2, '35189000.00', {
      abs: '-35791000.00',
      pct: '-50.42',
      orders: -1,
    });
    await insertTopProducts(db, minute - 2 * MINUTE);
    const store = new PgServingStore(db.pool);
    await store.publish({
      modelId: 'als-test-s42',
      publishedAtMs: now,
      customers: new Map([
        [
          1,
          [
            { productId: 3, score: 0.9, reason: 'als', bought: false },
            { productId: 2, score: 0.5, reason: 'co_purchase', bought: false },
          ],
        ],
      ]),
      similar: new Map(),
      trending: new Map(),
      popular: [{ productId: 1, score: 3, reason: 'popular' }],
    });
    const app = createApp({ db: db.pool, recommendations: store });
    const plain = await listen(app);
    const guarded = await listen(withTokenCheck(app, authorized));
    server = plain.server;
    guardedServer = guarded.server;
    guardedBase = guarded.base;
    browser = await launchChromium();
    dashboard = await openDashboard(browser, plain.base);
  }, 60_000);

  afterAll(async () => {
    await dashboard?.screenshot('dashboard').catch(() => undefined);
    await browser?.close();
    for (const s of [server, guardedServer]) {
      s?.closeAllConnections();
      await new Promise((resolve) => s?.close(resolve));
    }
    await db?.drop();
  });

  const latest = () => dashboard.page.textContent('#revenue-latest');

  it('loads live, with the stored windows, without console errors', async () => {
    await dashboard.waitForRevenuePoints(2);
    expect(await dashboard.page.locator('#revenue-chart canvas').count()).toBeGreaterThan(0);
    expect(await latest()).toContain('35,189,000.00');
    expect(await latest()).toContain('−50.42 %');
    expect(dashboard.errors).toEqual([]);
  });

  it('gains a revenue point within 5 s of a job_results row', async () => {
    const before = await dashboard.revenuePoints();
    await insertRevenueWindow(db, minute - MINUTE, 4, '125980000.00', {
      abs: '90791000.00',
      pct: '258.01',
      orders: 2,
    });
    await dashboard.waitForRevenuePoints(before + 1, 5_000);
    expect(await dashboard.newestRevenueWindow()).toEqual({
      start: minute - MINUTE,
      revenue: '125980000.00',
      orders: 4,
    });
    expect(await latest()).toContain('125,980,000.00');
    expect(await latest()).toContain('31,495,000.00'); // AOV, exact
    expect(await latest()).toContain('+258.01 %');
  });

  it('shows new figures of the newest window within 5 s (an early result replaced by the final one)', async () => {
    const before = await dashboard.newestRevenueWindow();
    await insertRevenueWindow(db, minute, 1, '199000.00', null, true);
    const early = await dashboard.waitForRevenueChange(before);
    expect(early).toEqual({ start: minute, revenue: '199000.00', orders: 1 });
    expect(await latest()).toContain('(provisional)');
    await insertRevenueWindow(db, minute, 2, '689000.50');
    expect(await dashboard.waitForRevenueChange(early)).toEqual({
      start: minute,
      revenue: '689000.50',
      orders: 2,
    });
    expect(await latest()).not.toContain('(provisional)');
  });

  it('shows a velocity alert in the feed within 5 s, with its rule and evidence', async () => {
    await insertVelocityAlerts(db, [7], Date.now());
    const text = await dashboard.waitForAlert({ ruleId: 'velocity-1m', customerId: 7 }, 5_000);
    expect(text).toContain('6 orders within 1 minute');
    expect(text).toContain('orderIds: 1, 2, 3, 4, 5, 100000');
    expect(text).toContain('amounts: 1,000.00');
    await dashboard.screenshot('dashboard-alert');
  });

  it('shows the top products of the newest window by quantity and by revenue', async () => {
    const { page } = dashboard;
    expect(await page.textContent('#top-quantity tr:first-child')).toContain('Ốp lưng silicon');
    expect(await page.textContent('#top-revenue tr:first-child')).toContain('125,980,000.00');
    await page.check('input[name="top-window"][value="5m"]');
    expect(await page.textContent('#top-window')).toContain('No results from the top-products-5m job yet');
    await page.check('input[name="top-window"][value="1m"]');
  });

  it('answers the recommendations panel from the serving store', async () => {
    expect(await dashboard.recommend(1)).toEqual([3, 2]);
    expect(await dashboard.page.textContent('#recs-list')).toContain('MacBook Pro 16 #3 — als');
    expect(await dashboard.page.textContent('#recs-status')).toContain('als-test-s42');
  });

  it('names every panel and control for assistive technology', async () => {
    const { page } = dashboard;
    for (const name of [
      'Revenue per 1-minute window',
      'Top products',
      'Fraud alerts',
      'Recommendations',
      'Pipeline health',
    ])
      expect(await page.getByRole('region', { name }).count()).toBe(1);
    expect(await page.getByRole('figure', { name: /Revenue \(left axis\)/ }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: '5 min' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'By quantity' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'By revenue' }).count()).toBe(1);
    expect(await page.getByLabel('Customer id').count()).toBe(1);
    expect(await page.getByRole('list', { name: 'Fraud alerts' }).count()).toBe(1);
    expect(await page.getByRole('status').count()).toBeGreaterThanOrEqual(2);
  });

  it('asks for the API token once, keeps it for the tab, and sends it on the stream and API calls', async () => {
    const page = await browser.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${guardedBase}/dashboard`);
    await page.getByRole('dialog', { name: 'API token' }).getByRole('textbox', { name: 'Token' }).fill(TOKEN);
    await page.click('#token-form button[type="submit"]');
    await page.locator('#connection[data-state="live"]').waitFor({ timeout: 10_000 });
    await page.fill('#recs-customer', '1');
    await page.click('#recs-form button[type="submit"]');
    await page.locator('#recs-list li[data-product="3"]').waitFor({ timeout: 5_000 });
    expect(authorized).toEqual(
      expect.arrayContaining(['/dashboard/events', '/recommendations/1', '/products/3']),
    );
    expect(await page.evaluate("sessionStorage.getItem('ecom.apiToken')")).toBe(TOKEN);
    expect(urls.filter((u) => u.includes(TOKEN))).toEqual([]); // never in a URL
    await page.reload(); // same tab: no second question
    await page.locator('#connection[data-state="live"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('#token-dialog[open]').count()).toBe(0);
    await page.close();
  });

  it('takes 1 000 alerts without freezing: the DOM list stays capped and no main-thread task blocks', async () => {
    await dashboard.longTasks(true);
    await insertVelocityAlerts(
      db,
      Array.from({ length: 1000 }, (_x, i) => 1000 + i),
      Date.now(),
    );
    await dashboard.waitForAlertCount(1000, 10_000);
    // The page still answers: a frame comes within a second.
    const frameMs = await dashboard.page.evaluate<number>(
      'new Promise((resolve) => { const t = performance.now(); requestAnimationFrame(() => resolve(performance.now() - t)); })',
    );
    const longTasks = await dashboard.longTasks();
    expect(await dashboard.page.locator('#alert-feed li').count()).toBe(100);
    expect(await dashboard.page.textContent('#alert-count')).toContain('1000 alerts held');
    // Not a performance goal (those live in benchmarks): a freeze, i.e. one task holding the main thread ≥ 1 s.
    expect(Math.max(0, ...longTasks)).toBeLessThan(1000);
    expect(frameMs).toBeLessThan(1000);
    expect(dashboard.errors).toEqual([]);
  });
});
