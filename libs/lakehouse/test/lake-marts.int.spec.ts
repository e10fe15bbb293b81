/**
 * Issue 14 §4 "Trino == Postgres" for `lake marts build`, on the real stack: a seeded simulated shop (the
 * simulator's catalogue and 75 days of back-dated history) in a temp database, exported to the lake, the marts
 * built by Trino over the lake for two analysis dates, and every mart row compared, as text, with the same mart
 * computed by its PostgreSQL twin (test/marts-postgres.ts) over the same database: decimals exact, days in the
 * shop's time zone. Rebuilding a date replaces only that date's partition. Unique database, prefix, schemas.
 */
import type { TempDatabase } from '@ecom/domain/testing';
import pg from 'pg';
import { MARTS, trinoRatio, type MartDefinition } from '../src/index.js';
import { runLake } from './lake-cli.js';
import { dropLakeRun, newLakeRun } from './lake-run.js';
import { startLakeStack, trinoRows } from './lake-stack.js';
import { simulatedShop } from './simulated-shop.js';
import { MARTS_WITHOUT_TWIN, pgMartTextSql, pgRatio } from './marts-postgres.js';

const run = newLakeRun('mt');
const MARTS_SCHEMA = run.martsSchema;
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DATES = ['2026-11-15', '2026-11-30'] as const;

let db: TempDatabase;
let client: pg.Client;
const env = () => run.env(db.url, { LAKE_SHOP_TIME_ZONE: TIME_ZONE });

async function build(date: string) {
  const built = await runLake(['marts', 'build', '--date', date], env());
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
  return built.stdout;
}

const trinoMartText = (mart: MartDefinition, date: string) =>
  trinoRows(
    `SELECT ${mart.columns.map((c) => `CAST(${c.name} AS VARCHAR)`).join(', ')} FROM lake.${MARTS_SCHEMA}.${mart.name}
      WHERE analysis_date = DATE '${date}' ORDER BY ${mart.key.join(', ')}`,
  );

const pgMartText = async (mart: MartDefinition, date: string) =>
  (
    await client.query({
      text: pgMartTextSql(mart, { analysisDate: date, timeZone: TIME_ZONE }),
      rowMode: 'array',
    })
  ).rows;

beforeAll(async () => {
  startLakeStack();
  db = await simulatedShop({
    prefix: 'lake_marts_it',
    customers: 40,
    days: 75,
    sessions: 40,
    seed: 11,
    until: '2026-12-01T00:00:00Z',
  });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const exported = await runLake(
    ['export', '--tables', 'orders,order_items,products,categories,customers,carts,wishlists'],
    env(),
  );
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
  await build(DATES[0]);
  await build(DATES[1]);
}, 600_000);

afterAll(async () => {
  await client?.end();
  await dropLakeRun(run);
  await db?.drop();
}, 300_000);

it('every mart has a PostgreSQL twin', () => {
  expect(MARTS_WITHOUT_TWIN).toEqual([]);
});

it('the shop has enough history to make the marts meaningful', async () => {
  const { rows } = await client.query(
    `SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS c,
            count(DISTINCT date_trunc('month', order_date AT TIME ZONE '${TIME_ZONE}'))::int AS months
       FROM orders WHERE status <> 'cancelled'`,
  );
  expect(rows[0].n).toBeGreaterThan(200);
  expect(rows[0].c).toBeGreaterThan(20);
  expect(rows[0].months).toBeGreaterThanOrEqual(3);
  const kinds = await client.query(
    `SELECT (SELECT count(*) FROM carts)::int AS carts, (SELECT count(*) FROM wishlists)::int AS wishlists`,
  );
  // With seed 11: 1 404 counted orders of 40 customers over 3 months, 21 cart and 392 wishlist rows.
  expect(kinds.rows[0].carts).toBeGreaterThan(0);
  expect(kinds.rows[0].wishlists).toBeGreaterThan(0);
});

describe.each(MARTS.map((m) => [m.name, m] as const))(
  '%s: Trino over the lake == PostgreSQL',
  (_name, mart) => {
    it.each(DATES.map((d) => [d]))(
      'analysis_date %s, every row and column, decimal-exact',
      async (date) => {
        const want = await pgMartText(mart, date);
        expect(want.length).toBeGreaterThan(0);
        expect(await trinoMartText(mart, date)).toEqual(want);
      },
      120_000,
    );
  },
);

it('rebuilding a date replaces only its partition: history kept, no duplicates', async () => {
  const counts = () =>
    trinoRows(
      `SELECT CAST(analysis_date AS VARCHAR), count(*) FROM lake.${MARTS_SCHEMA}.revenue_daily GROUP BY 1 ORDER BY 1`,
    );
  const before = await counts();
  expect(before.map(([d]) => d)).toEqual([...DATES]);
  const out = await build(DATES[0]);
  expect(out).toContain(`revenue_daily analysis_date=${DATES[0]}`);
  expect(await counts()).toEqual(before);
  for (const mart of MARTS)
    expect(await trinoMartText(mart, DATES[0])).toEqual(await pgMartText(mart, DATES[0]));
}, 300_000);

it('days are the shop time zone’s: an order at 17:30 UTC counts on the next Vietnamese day', async () => {
  const [[trinoDay]] = (await trinoRows(
    `SELECT CAST(CAST(with_timezone(TIMESTAMP '2026-11-30 17:30:00', 'UTC') AT TIME ZONE '${TIME_ZONE}' AS DATE) AS VARCHAR)`,
  )) as [[string]];
  expect(trinoDay).toBe('2026-12-01');
});

it('exact rounded division: both engines give the same digits, half away from zero', async () => {
  const cases: [string, string, number][] = [
    ['1', '3', 2],
    ['2', '3', 2],
    ['-2', '3', 2],
    ['0.05', '10', 2], // 0.005 → 0.01
    ['-0.05', '10', 2], // → -0.01
    ['0.0499', '10', 2], // 0.00499 → 0.00
    ['1.00', '200.016', 2], // 0.0049996 → 0.00 (a plain CAST of Trino's division gives 0.005000, then 0.01)
    ['99999999999.99', '7', 4],
    ['1000000000000.00', '3', 2],
    ['5', '0', 2], // NULL
    ['12.34', '-0.02', 2],
  ];
  for (const [n, d, s] of cases) {
    const [[t]] = (await trinoRows(
      `SELECT CAST(${trinoRatio(`DECIMAL '${n}'`, `DECIMAL '${d}'`, s)} AS VARCHAR)`,
    )) as [[string | null]];
    const p = (
      await client.query({
        text: `SELECT ${pgRatio(`${n}::numeric`, `${d}::numeric`, s)}::text`,
        rowMode: 'array',
      })
    ).rows[0][0];
    expect([n, d, s, t]).toEqual([n, d, s, p]);
  }
  const [[third]] = (await trinoRows(
    `SELECT CAST(${trinoRatio("DECIMAL '-0.05'", '10', 2)} AS VARCHAR)`,
  )) as [[string]];
  expect(third).toBe('-0.01');
}, 120_000);

it('a day whose result becomes empty loses its partition, and its next build has no stale rows', async () => {
  // Runs last: it changes the database (cancels, then restores, the orders of the first days of the history).
  const day = '2026-09-20';
  const daily = MARTS.find((m) => m.name === 'revenue_daily')!;
  const count = async () =>
    Number(
      (
        await trinoRows(
          `SELECT count(*) FROM lake.${MARTS_SCHEMA}.revenue_daily WHERE analysis_date = DATE '${day}'`,
        )
      )[0]![0],
    );
  const rebuild = async () => {
    const exported = await runLake(['export', '--tables', 'orders'], env());
    expect(exported.code).toBe(0);
    return runLake(['marts', 'build', '--marts', 'revenue_daily', '--date', day], env());
  };
  expect((await rebuild()).code).toBe(0);
  const want = await pgMartText(daily, day);
  expect(want.length).toBeGreaterThan(0);
  expect(await count()).toBe(want.length);

  const early = `order_date < TIMESTAMPTZ '${day} 24:00:00+07'`;
  await client.query(`CREATE TABLE saved_status AS SELECT order_id, status FROM orders WHERE ${early}`);
  await client.query(`SET session_replication_role = replica`);
  await client.query(`UPDATE orders SET status = 'cancelled' WHERE ${early}`);
  const emptied = await rebuild();
  expect(emptied.stdout).toContain(`revenue_daily analysis_date=${day} (${TIME_ZONE}): 0 rows`);
  expect(await count()).toBe(0);

  await client.query(
    `UPDATE orders o SET status = s.status FROM saved_status s WHERE s.order_id = o.order_id`,
  );
  await client.query(`SET session_replication_role = origin`);
  expect((await rebuild()).code).toBe(0);
  expect(await trinoMartText(daily, day)).toEqual(want);
}, 300_000);
