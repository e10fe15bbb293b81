// Integration test against the REAL PostgreSQL: two uniquely named databases, migrated by `db init`, filled by
// `generate` and `simulate`, checked for counts, constraints and determinism, then dropped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BCRYPT_HASH_PATTERN,
  EMAIL_PATTERN,
  SHOP_TABLE_NAMES,
  SKU_PATTERN,
  compareMoney,
} from '@ecom/domain';
import pg from 'pg';
import { buildProgram } from './program.js';
import { createTempDatabase, describeWithPostgres, type TempDatabase } from '@ecom/domain/testing';

const UNTIL = '2026-01-31T00:00:00Z';

async function cli(url: string, args: string[]): Promise<string> {
  const out: string[] = [];
  await buildProgram((text) => out.push(text), { env: { DATABASE_URL: url } }).parseAsync(args, {
    from: 'user',
  });
  return out.join('\n');
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function counts(url: string): Promise<Record<string, number>> {
  const tables = SHOP_TABLE_NAMES;
  const rows = await query<{ t: string; n: number }>(
    url,
    tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

/** A fingerprint of every row (md5 of the ordered rows), excluding wall-clock master-data timestamps. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const specs: Record<string, string> = {
    categories: 'SELECT category_id, name, description FROM categories ORDER BY 1',
    products:
      'SELECT product_id, sku, name, description, price, stock, category_id, is_active FROM products ORDER BY 1',
    customers:
      'SELECT customer_id, first_name, last_name, email, password, address, phone_number FROM customers ORDER BY 1',
    orders: 'SELECT * FROM orders ORDER BY order_id',
    order_items: 'SELECT * FROM order_items ORDER BY order_item_id',
    payments: 'SELECT * FROM payments ORDER BY payment_id',
    shipments: 'SELECT * FROM shipments ORDER BY shipment_id',
    carts: 'SELECT customer_id, product_id, quantity, added_at, updated_at FROM carts ORDER BY 1, 2',
    wishlists: 'SELECT customer_id, product_id, added_at FROM wishlists ORDER BY 1, 2',
    customer_events: 'SELECT * FROM customer_events ORDER BY event_id',
  };
  const out: Record<string, string> = {};
  for (const [table, sql] of Object.entries(specs)) {
    const [row] = await query<{ h: string }>(
      url,
      `SELECT md5(coalesce(string_agg(t::text, '|'), '')) AS h FROM (${sql}) t`,
    );
    out[table] = row?.h ?? '';
  }
  return out;
}

describeWithPostgres({ describe, it }, 'simulator against PostgreSQL', () => {
  let a: TempDatabase;
  let b: TempDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'ecom-sim-'));

  beforeAll(async () => {
    a = await createTempDatabase({ prefix: 'ecom_sim_a' });
    b = await createTempDatabase({ prefix: 'ecom_sim_b' });
  });
  afterAll(async () => {
    await a?.drop();
    await b?.drop();
  });

  it('db init applies the migrations once', async () => {
    expect(await cli(a.url, ['db', 'init'])).toMatch(/applied CreateShopFunctions/);
    expect(await cli(a.url, ['db', 'init'])).toMatch(/up to date/);
    await cli(b.url, ['db', 'init']);
  });

  it('generate writes 15/200/100 valid rows by default, idempotently', async () => {
    const out = await cli(a.url, ['generate', '--bcrypt-cost', '4']);
    expect(out).toMatch(/rows inserted or changed: 15\/200\/100/);
    expect(await counts(a.url)).toMatchObject({ categories: 15, products: 200, customers: 100 });
    expect(await cli(a.url, ['generate', '--bcrypt-cost', '4'])).toMatch(/rows inserted or changed: 0\/0\/0/);
    const customers = await query<{ email: string; password: string }>(
      a.url,
      'SELECT email, password FROM customers',
    );
    for (const c of customers) {
      expect(c.email).toMatch(EMAIL_PATTERN);
      expect(c.password).toMatch(BCRYPT_HASH_PATTERN);
    }
    const products = await query<{ sku: string; price: string }>(a.url, 'SELECT sku, price FROM products');
    for (const p of products) {
      expect(p.sku).toMatch(SKU_PATTERN);
      expect(compareMoney(p.price, '50000')).toBeGreaterThanOrEqual(0);
    }
    // No cap on categories.
    await cli(b.url, [
      'generate',
      '--categories',
      '25',
      '--products',
      '50',
      '--customers',
      '10',
      '--bcrypt-cost',
      '4',
    ]);
    expect(await counts(b.url)).toMatchObject({ categories: 25, products: 50, customers: 10 });
  });

  it('simulate --historical back-dates a daily rhythm, with injected fraud and its ground truth', async () => {
    const truth = join(dir, 'truth-a.jsonl');
    const out = await cli(a.url, [
      'simulate',
      '--historical',
      '7',
      '--until',
      UNTIL,
      '--seed',
      '7',
      '--inject-fraud',
      '--fraud-out',
      truth,
      '--tastes-out',
      join(dir, 'tastes-a.jsonl'),
    ]);
    expect(out).toMatch(/simulate historical/);
    const n = await counts(a.url);
    expect(n['orders']).toBeGreaterThan(50);
    expect(n['payments']).toBe(n['orders']);
    expect(n['shipments']).toBe(n['orders']);
    expect(n['customer_events']).toBeGreaterThan(1_000);
    const [range] = await query<{ min: Date; max: Date }>(
      a.url,
      'SELECT min(event_time) AS min, max(event_time) AS max FROM customer_events',
    );
    expect(range?.min.getTime()).toBeGreaterThanOrEqual(Date.parse(UNTIL) - 7 * 86_400_000);
    expect(range?.max.getTime()).toBeLessThan(Date.parse(UNTIL));
    // Every order's total is the sum of its items; every order has a place_order event.
    const [bad] = await query<{ n: number }>(
      a.url,
      `SELECT count(*)::int AS n FROM orders o WHERE total_price <> (SELECT sum(quantity * price) FROM order_items i WHERE i.order_id = o.order_id)
         OR NOT EXISTS (SELECT 1 FROM customer_events e WHERE e.order_id = o.order_id AND e.event_type = 'place_order')`,
    );
    expect(bad?.n).toBe(0);
    // Daily rhythm: the evening (Vietnam time) is much busier than the small hours.
    const [rhythm] = await query<{ night: number; evening: number }>(
      a.url,
      `SELECT count(*) FILTER (WHERE h BETWEEN 2 AND 4)::int AS night, count(*) FILTER (WHERE h BETWEEN 19 AND 21)::int AS evening
         FROM (SELECT extract(hour FROM event_time AT TIME ZONE 'Asia/Ho_Chi_Minh') AS h FROM customer_events) e`,
    );
    expect(rhythm?.evening).toBeGreaterThan(3 * (rhythm?.night ?? 0));
    // Ground truth: exactly the injected orders, as stored.
    const lines = readFileSync(truth, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            pattern: string;
            scenario_id: string;
            order_id: number;
            order_date: string;
            total_price: string;
            customer_id: number;
          },
      );
    expect(new Set(lines.map((l) => l.pattern))).toEqual(new Set(['burst', 'high_value', 'repeated']));
    for (const line of lines) {
      const [order] = await query<{ customer_id: number; order_date: Date; total_price: string }>(
        a.url,
        `SELECT customer_id, order_date, total_price FROM orders WHERE order_id = ${line.order_id}`,
      );
      expect(order).toEqual({
        customer_id: line.customer_id,
        order_date: new Date(line.order_date),
        total_price: line.total_price,
      });
      if (line.pattern === 'high_value') expect(compareMoney(line.total_price, '10000000')).toBe(1);
    }
    const bursts = lines.filter((l) => l.scenario_id === 'burst-1');
    expect(bursts.length).toBeGreaterThanOrEqual(6);
    expect(
      Date.parse(bursts[bursts.length - 1]?.order_date ?? '') - Date.parse(bursts[0]?.order_date ?? ''),
    ).toBeLessThan(60_000);
    // Tastes ground truth: one line per customer, and the stored views follow the favourite categories.
    const tastes = readFileSync(join(dir, 'tastes-a.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; customer_id?: number; favourite_categories?: number[] })
      .filter((l) => l.kind === 'customer');
    expect(tastes.length).toBe(n['customers']);
    const views = await query<{ customer_id: number; category_id: number }>(
      a.url,
      `SELECT e.customer_id, p.category_id FROM customer_events e JOIN products p USING (product_id)
        WHERE e.event_type = 'view_product'`,
    );
    const favourites = new Map(tastes.map((t) => [t.customer_id, new Set(t.favourite_categories)]));
    const inFavourites = views.filter((v) => favourites.get(v.customer_id)?.has(v.category_id)).length;
    expect(inFavourites / views.length).toBeGreaterThan(0.7);
  });

  it('is deterministic: the same seed and arguments give the same rows in another database', async () => {
    await cli(b.url, ['generate', '--clear', '--bcrypt-cost', '4']);
    await cli(b.url, [
      'simulate',
      '--historical',
      '7',
      '--until',
      UNTIL,
      '--seed',
      '7',
      '--inject-fraud',
      '--fraud-out',
      join(dir, 'truth-b.jsonl'),
      '--tastes-out',
      join(dir, 'tastes-b.jsonl'),
    ]);
    expect(await fingerprint(b.url)).toEqual(await fingerprint(a.url));
    expect(readFileSync(join(dir, 'truth-b.jsonl'), 'utf8')).toBe(
      readFileSync(join(dir, 'truth-a.jsonl'), 'utf8'),
    );
    expect(readFileSync(join(dir, 'tastes-b.jsonl'), 'utf8')).toBe(
      readFileSync(join(dir, 'tastes-a.jsonl'), 'utf8'),
    );
  });

  it('simulate live writes each action as it happens and moves statuses forward', async () => {
    const before = await counts(a.url);
    const out = await cli(a.url, [
      'simulate',
      '--duration',
      '0.12',
      '--sessions',
      '6',
      '--rate',
      '40',
      '--seed',
      '3',
    ]);
    expect(out).toMatch(/simulate live/);
    const after = await counts(a.url);
    expect((after['customer_events'] ?? 0) - (before['customer_events'] ?? 0)).toBeGreaterThan(50);
    const written = JSON.parse(/written: (.*)/.exec(out)?.[1] ?? '{}') as { failed: number; orders: number };
    expect(written.failed).toBe(0);
    expect(written.orders).toBeGreaterThan(0);
    const [updated] = await query<{ n: number }>(
      a.url,
      "SELECT count(*)::int AS n FROM orders WHERE status <> 'pending' AND order_date > now() - interval '1 minute'",
    );
    expect(updated?.n).toBeGreaterThan(0);
  });

  it('generate --clear works with orders present; clear keeps master data; db reset empties everything', async () => {
    expect(await cli(a.url, ['clear'])).toMatch(/truncated customer_events/);
    expect(await counts(a.url)).toMatchObject({
      orders: 0,
      customer_events: 0,
      carts: 0,
      wishlists: 0,
      products: 200,
      customers: 100,
    });
    await cli(a.url, ['simulate', '--historical', '1', '--until', UNTIL]);
    expect((await counts(a.url))['orders']).toBeGreaterThan(0);
    await cli(a.url, [
      'generate',
      '--clear',
      '--categories',
      '3',
      '--products',
      '5',
      '--customers',
      '2',
      '--bcrypt-cost',
      '4',
    ]);
    expect(await counts(a.url)).toMatchObject({
      categories: 3,
      products: 5,
      customers: 2,
      orders: 0,
      customer_events: 0,
    });
    expect(await cli(a.url, ['db', 'reset'])).toMatch(/applied/);
    expect(await counts(a.url)).toMatchObject({ categories: 0, orders: 0 });
  });

  it('the CLI exits 2 with a clear message when DATABASE_URL is missing', () => {
    const env = { ...process.env };
    delete env['DATABASE_URL'];
    const result = spawnSync(
      process.execPath,
      ['--conditions=@ecom/source', '--import', 'tsx', 'src/main.ts', 'generate'],
      {
        cwd: join(__dirname, '..'),
        env,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/DATABASE_URL is required/);
  });
});
