// The dashboard page as browser tests drive it (this app's spec, and the `npm start` acceptance test): opens it in
// a new page collecting console errors and long tasks, and waits on what the page exposes (data attributes).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/**
 * An open dashboard page.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * const dashboard: DashboardPage = await openDashboard(browser, 'http://127.0.0.1:8000');
 * await dashboard.waitForRevenuePoints(1);
 * ```
 */
export interface DashboardPage {
  readonly page: Page;
  /** Console errors and uncaught page errors since the page opened. */
  readonly errors: readonly string[];
  /** Points on the revenue chart (windows with a result). */
  revenuePoints(): Promise<number>;
  /** The newest window on the chart: start (epoch ms), exact revenue and orders; `null` before any. */
  newestRevenueWindow(): Promise<{ start: number; revenue: string; orders: number } | null>;
  /**
   * Resolves with the newest window once it differs from `before` (a new window, or new figures in the newest one:
   * an order landing in a window that is already drawn changes its figures, not the number of points).
   */
  waitForRevenueChange(
    before: { start: number; revenue: string; orders: number } | null,
    timeoutMs?: number,
  ): Promise<{ start: number; revenue: string; orders: number }>;
  /** Resolves once the chart has exactly `points` points (default timeout 5 s). */
  waitForRevenuePoints(points: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the feed item's text once an alert of `ruleId` (and `customerId`) is in the feed. */
  waitForAlert(
    match: { ruleId: string; customerId?: number; id?: string },
    timeoutMs?: number,
  ): Promise<string>;
  /** Resolves once the feed holds exactly `count` alerts. */
  waitForAlertCount(count: number, timeoutMs?: number): Promise<void>;
  /** Asks the recommendations panel for a customer; resolves with the product ids listed. */
  recommend(customerId: number, timeoutMs?: number): Promise<number[]>;
  /** Durations (ms) of main-thread tasks over 50 ms since the page opened or the last reset. */
  longTasks(reset?: boolean): Promise<number[]>;
  /** Saves a full-page PNG as `<dir>/<name>.png`; resolves with its path. */
  screenshot(name: string): Promise<string>;
}

/** Reads `#revenue-chart[data-newest]` (`<start ms>/<revenue>/<orders>`). */
async function newestRevenue(page: Page): Promise<{ start: number; revenue: string; orders: number } | null> {
  const value = (await page.getAttribute('#revenue-chart', 'data-newest')) ?? '';
  const [start, revenue, orders] = value.split('/');
  if (start === undefined || revenue === undefined || orders === undefined) return null;
  return { start: Number(start), revenue, orders: Number(orders) };
}

/**
 * Opens `<baseUrl>/dashboard` in a new page of `browser` and waits until its event stream is live.
 * Screenshots go to `screenshotsDir` (default `apps/api/tmp/screenshots`, git-ignored).
 *
 * @example
 * ```ts
 * const dashboard = await openDashboard(await launchChromium(), 'http://127.0.0.1:8000');
 * dashboard.errors; // [] when the page loaded cleanly
 * ```
 */
export async function openDashboard(
  browser: Browser,
  baseUrl: string,
  options: { readonly screenshotsDir?: string; readonly viewport?: { width: number; height: number } } = {},
): Promise<DashboardPage> {
  const dir = options.screenshotsDir ?? join(__dirname, '..', '..', 'tmp', 'screenshots');
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 1100 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // In-page code as strings, so this file compiles without the DOM library; page.evaluate runs it over the
  // DevTools protocol (the page's CSP forbids eval, which waitForFunction with a string would need: the waits below
  // are selector waits on data attributes instead).
  await page.addInitScript(`
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  `);
  await page.goto(`${baseUrl.replace(/\/$/, '')}/dashboard`);
  await page.locator('#connection[data-state="live"]').waitFor({ timeout: 10_000 });
  return {
    page,
    errors,
    revenuePoints: async () => Number(await page.getAttribute('#revenue-chart', 'data-points')),
    newestRevenueWindow: () => newestRevenue(page),
    waitForRevenueChange: async (before, timeoutMs = 5_000) => {
      const old = before === null ? '' : `${before.start}/${before.revenue}/${before.orders}`;
      // A window drawn (`<start>/<revenue>/<orders>`, not the attribute missing before the first render) and not `before`.
      await page
        .locator(`#revenue-chart[data-newest*="/"]:not([data-newest="${old}"])`)
        .waitFor({ timeout: timeoutMs });
      const now = await newestRevenue(page);
      if (now === null) throw new Error('the revenue chart lost its windows');
      return now;
    },
    waitForRevenuePoints: (points, timeoutMs = 5_000) =>
      page.locator(`#revenue-chart[data-points="${points}"]`).waitFor({ timeout: timeoutMs }),
    waitForAlert: async (match, timeoutMs = 5_000) => {
      const selector = [
        `[data-rule="${match.ruleId}"]`,
        match.customerId === undefined ? '' : `[data-customer="${match.customerId}"]`,
        match.id === undefined ? '' : `[data-id="${match.id}"]`,
      ].join('');
      const item = page.locator(`#alert-feed li${selector}`).first();
      await item.waitFor({ timeout: timeoutMs });
      return (await item.textContent()) ?? '';
    },
    waitForAlertCount: (count, timeoutMs = 10_000) =>
      page.locator(`#alert-feed[data-count="${count}"]`).waitFor({ timeout: timeoutMs }),
    recommend: async (customerId, timeoutMs = 5_000) => {
      await page.fill('#recs-customer', String(customerId));
      await page.click('#recs-form button[type="submit"]');
      await page
        .locator('#recs-status:not(:empty):not(:has-text("Loading"))')
        .waitFor({ timeout: timeoutMs });
      const ids = await page
        .locator('#recs-list li')
        .evaluateAll((items) =>
          items.map((item) => Number((item as unknown as { dataset: { product?: string } }).dataset.product)),
        );
      return ids;
    },
    longTasks: async (reset = false) => {
      const tasks = await page.evaluate<number[]>('window.longTasks.slice()');
      if (reset) await page.evaluate('window.longTasks.length = 0');
      return tasks;
    },
    screenshot: async (name) => {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}
