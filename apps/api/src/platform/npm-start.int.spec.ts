// Issue 16 §1 and §4: `npm start` with nothing configured, as a real process on a fresh temporary data folder (its
// embedded PostgreSQL 18, the jobs in process on the built-in CDC source, the live simulation, the API). Checked:
// it serves within the cold-start budget and a revenue window appears; an order committed to PostgreSQL shows in
// the revenue results within 5 s (early results); a burst of 6 orders by one customer within a minute raises a
// velocity alert; SIGKILL of the whole process tree, then a start on the same folder: nothing lost (orders, results,
// alerts), the outputs continue, every closed revenue window equals SQL; Ctrl-C (SIGINT) stops it with exit code 0.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PlatformProcess } from '../testing/platform-process.js';

jest.setTimeout(600_000);

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

describe('npm start (the whole platform in one command)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ecom-start-'));
  chmodSync(dataDir, 0o755); // as root the server runs as the `postgres` user: it must reach the folder
  const platform = new PlatformProcess(dataDir, { ECOM_SIMULATE_RATE: '4' });
  let pool: pg.Pool | undefined;

  afterAll(async () => {
    await pool?.end();
    await platform.kill();
  });

  const count = async (sql: string): Promise<number> => {
    const { rows } = await (pool as pg.Pool).query<{ n: string }>(sql);
    return Number(rows[0]?.n ?? 0);
  };

  it('serves, streams, alerts, survives a SIGKILL and stops on Ctrl-C', async () => {
    const began = Date.now();
    const cold = await platform.start();
    pool = new pg.Pool({ connectionString: cold.database, max: 2 });
    pool.on('error', () => undefined);
    expect((await fetch(`${cold.api}/healthz`)).status).toBe(200);
    await waitFor(
      'a first revenue window',
      async () =>
        (await count(`SELECT count(*) AS n FROM job_results WHERE job = 'revenue'`)) > 0 ? true : null,
      120_000,
    );
    const firstWindow = Date.now() - began;

    // One order committed now: its window's revenue (an early result) counts it within 5 s.
    const { rows: customer } = await pool.query<{ id: number }>(
      'SELECT min(customer_id) AS id FROM customers',
    );
    const customerId = customer[0]?.id as number;
    const revenueOf = async () => {
      const { rows } = await (pool as pg.Pool).query<{ orders: number | null }>(
        `SELECT (value ->> 'total_orders')::int AS orders FROM job_results
          WHERE job = 'revenue' AND window_start <= now() AND window_end > now() - interval '2 seconds'
          ORDER BY window_start DESC LIMIT 1`,
      );
      return rows[0]?.orders ?? 0;
    };
    const before = await revenueOf();
    const committed = Date.now();
    await pool.query(
      `INSERT INTO orders (customer_id, total_price, status) VALUES ($1, '123456.00', 'paid')`,
      [customerId],
    );
    await waitFor(
      'the order in the revenue window',
      async () => ((await revenueOf()) > before ? true : null),
      30_000,
    );
    const orderToChart = Date.now() - committed;

    // A burst of 6 orders by one customer within a minute: a velocity alert.
    const burstAt = Date.now();
    for (let i = 0; i < 6; i++)
      await pool.query(
        `INSERT INTO orders (customer_id, total_price, status) VALUES ($1, '1000.00', 'paid')`,
        [customerId],
      );
    await waitFor(
      'a velocity alert',
      async () =>
        (await count(
          `SELECT count(*) AS n FROM fraud_alerts WHERE rule_id = 'velocity-1m' AND customer_id = ${customerId}`,
        )) > 0
          ? true
          : null,
      60_000,
    );
    const burstToAlert = Date.now() - burstAt;
    // Timings are reported, not asserted (the budgets live in npm-start.bench.ts), except the 5 s of the issue.
    console.log(
      `cold: serving ${platform.startMs} ms, first revenue window ${firstWindow} ms; ` +
        `order → revenue result ${orderToChart} ms; burst → alert ${burstToAlert} ms`,
    );
    expect(orderToChart).toBeLessThan(5_000);

    // SIGKILL of the whole tree, then a warm start on the same folder.
    const orders = await count('SELECT count(*) AS n FROM orders');
    const results = await count(`SELECT count(*) AS n FROM job_results`);
    const alerts = await count('SELECT count(*) AS n FROM fraud_alerts');
    await pool.end();
    pool = undefined;
    await platform.kill();
    const warm = await platform.start();
    pool = new pg.Pool({ connectionString: warm.database, max: 2 });
    pool.on('error', () => undefined);
    expect(await count('SELECT count(*) AS n FROM orders')).toBeGreaterThanOrEqual(orders);
    expect(await count('SELECT count(*) AS n FROM fraud_alerts')).toBeGreaterThanOrEqual(alerts);
    await waitFor(
      'new results after the restart',
      async () => ((await count(`SELECT count(*) AS n FROM job_results`)) > results ? true : null),
      120_000,
    );
    // Nothing lost or counted twice: once a window closed, every closed revenue window equals SQL over the orders.
    const closed = `SELECT count(*) AS n FROM job_results WHERE job = 'revenue' AND NOT value ? 'final'`;
    await waitFor('a closed revenue window', async () => ((await count(closed)) > 0 ? true : null), 150_000);
    const mismatches = () =>
      count(
        `SELECT count(*) AS n FROM job_results r
          WHERE r.job = 'revenue' AND coalesce(r.value ->> 'final', 'true') = 'true'
            AND r.window_end < (SELECT max(order_date) FROM orders) - interval '30 seconds'
            AND coalesce((r.value ->> 'total_orders')::int, 0) <> (SELECT count(*) FROM orders o
                  WHERE o.order_date >= r.window_start AND o.order_date < r.window_end AND o.status <> 'cancelled')`,
      );
    await waitFor(
      'closed windows equal to SQL',
      async () => ((await mismatches()) === 0 ? true : null),
      60_000,
    ).catch(() => undefined);
    expect(await mismatches()).toBe(0);
    console.log(`warm: serving ${platform.startMs} ms`);

    await pool.end();
    pool = undefined;
    expect(await platform.stop()).toBe(0);
  });
});
