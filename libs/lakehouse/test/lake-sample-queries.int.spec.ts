/**
 * Issue 14 §2: the README's sample queries (its "Sample queries" section, seed-spec §12.4 rewritten for our views,
 * VND thresholds corrected) run as written. Each `sql` block is read from the README itself, run on Trino over a
 * small seeded simulated shop exported to the lake (the run's shop schema as the session schema), and the same
 * text run on the shop's PostgreSQL database (session time zone UTC, as Trino's here) must give the same rows,
 * every value as text: decimals exact, the same order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TempDatabase } from '@ecom/domain/testing';
import pg from 'pg';
import presto from 'presto-client';
import { PRESTO_CHECK_INTERVAL_MS, prestoTrino } from '../src/adapters/index.js';
import { runLake } from './lake-cli.js';
import { dropLakeRun, newLakeRun } from './lake-run.js';
import { LAKE_STACK, startLakeStack } from './lake-stack.js';
import { simulatedShop } from './simulated-shop.js';

/** The `sql` blocks of the README's "Sample queries" section, in order. */
function sampleQueries(): string[] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Sample queries\n');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => (m[1] ?? '').trim());
}

const QUERIES = sampleQueries();
const run = newLakeRun('sq');
const today = new Date().toISOString().slice(0, 10);
let db: TempDatabase;
let client: pg.Client;

const trino = prestoTrino(
  new presto.Client({
    host: '127.0.0.1',
    port: LAKE_STACK.trinoPort,
    user: 'ecom-lakehouse-it',
    engine: 'trino',
    catalog: 'lake',
    schema: run.shopSchema,
    checkInterval: PRESTO_CHECK_INTERVAL_MS,
  }),
  `http://127.0.0.1:${LAKE_STACK.trinoPort}`,
);

const asText = (rows: unknown[][]) => rows.map((row) => row.map((v) => (v === null ? null : String(v))));

beforeAll(async () => {
  startLakeStack();
  db = await simulatedShop({
    prefix: 'lake_sample_queries_it',
    customers: 25,
    days: 40,
    sessions: 15,
    seed: 3,
    until: `${today}T00:00:00Z`,
  });
  client = new pg.Client({
    connectionString: db.url,
    // dates as their text, as Trino sends them (numeric and int8 are exact strings already)
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === 1082 ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'),
    },
  });
  await client.connect();
  await client.query(`SET TIME ZONE 'UTC'`);
  const exported = await runLake(
    ['export', '--tables', 'customers,orders,order_items,products,categories'],
    run.env(db.url),
  );
  expect([exported.code, exported.stderr]).toEqual([0, '']);
}, 600_000);

afterAll(async () => {
  await client?.end();
  await dropLakeRun(run);
  await db?.drop();
}, 300_000);

it('the README has the three sample queries (segmentation, top products, monthly revenue)', () => {
  expect(QUERIES).toHaveLength(3);
  expect(QUERIES[0]).toContain('>= 100000000');
  expect(QUERIES[1]).toContain('LIMIT 10');
  expect(QUERIES[2]).toContain("date_trunc('month'");
});

it.each(QUERIES.map((q, i) => [i + 1, q] as const))(
  'sample query %i gives the same rows on Trino over the lake as on PostgreSQL',
  async (_n, sql) => {
    const want = asText((await client.query({ text: sql, rowMode: 'array' })).rows);
    expect(want.length).toBeGreaterThan(1);
    expect(asText(await trino.query(sql))).toEqual(want);
  },
  120_000,
);

it('the corrected VND tiers split the shop (the original 10,000 / 5,000 put every buyer in High Value)', async () => {
  const { rows } = await client.query({ text: QUERIES[0] ?? '', rowMode: 'array' });
  const tiers = new Set(rows.map((r: unknown[]) => r[6]));
  expect(tiers.size).toBeGreaterThan(1);
});
