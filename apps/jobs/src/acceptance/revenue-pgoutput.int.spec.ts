// Issue 12 §4 "stream == batch", through the built-in CDC source in process (no Kafka): the simulator with a fixed
// seed writes three days of history into a REAL PostgreSQL (the stack's, with logical replication), and the revenue
// job reads it through pgoutput (`PgoutputChangeSource`), checkpointing into the same database. Then some orders are
// cancelled (those still pending or paid) or repriced, and the job is restarted from its checkpoint. Every window the
// watermark closed equals SQL over the final `orders` table: order count, revenue, average order value and unique
// customers, decimal-exact. Nothing is dead-lettered.
import { createPgoutputSource } from '@ecom/cdc/adapters';
import { createTempDatabase, type TempDatabase } from '@ecom/domain/testing';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runSimulator, SMALL_CATALOGUE } from '../../../../libs/cdc/test/repo-cli.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK, startStack } from '../../../../libs/cdc/test/stack-services.js';
import { createDecoder, typeMapFromShopTables } from '@ecom/cdc';
import { createRevenueJob } from '../jobs/revenue/index.js';
import { PostgresCheckpointStore } from '../runtime/checkpoints/postgres-checkpoint-store.js';
import { readJobResults } from '../runtime/postgres/result-rows.js';
import { latestById } from '../runtime/results/result-id.js';
import { JobRunner } from '../runtime/run/job-runner.js';
import type { DeadLetter } from '../runtime/run/dead-letters.js';
import { PgoutputChangeSource } from '../runtime/source/pgoutput-change-source.js';
import { waitFor } from '../runtime/testing/wait-for.js';

jest.setTimeout(300_000);

const BOUND = 5_000;
const MINUTE = 60_000;
const HORIZON = 40 * 24 * 3_600_000;

/** n / d rounded half-even (d > 0, n ≥ 0). */
function halfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const twice = 2n * (n - q * d);
  return twice > d || (twice === d && q % 2n !== 0n) ? q + 1n : q;
}
const decimal = (units: bigint) => `${units / 100n}.${String(units % 100n).padStart(2, '0')}`;

describe('the revenue job through the built-in pgoutput source, in process', () => {
  let temp: TempDatabase;
  let pool: pg.Pool;
  const slot = `jobs_rev_${process.pid}_${Date.now().toString(36)}`;

  beforeAll(async () => {
    startStack(['postgres']);
    temp = await createTempDatabase({ prefix: 'ecom_jobs_pgo', adminUrl: STACK.postgresUrl, migrate: true });
    pool = new pg.Pool({ connectionString: temp.url, max: 4 });
    pool.on('error', () => undefined);
    await runSimulator(temp.url, SMALL_CATALOGUE);
    await runSimulator(temp.url, [
      'simulate',
      '--historical',
      '3',
      '--sessions',
      '150',
      '--seed',
      '7',
      '--until',
      '2026-11-01T00:00:00Z',
    ]);
  });

  afterAll(async () => {
    await pool
      ?.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [
        slot,
      ])
      .catch(() => undefined);
    await pool?.end();
    await temp?.drop();
  });

  async function runUntil(
    store: PostgresCheckpointStore,
    letters: DeadLetter[],
    done: (runner: JobRunner) => Promise<boolean>,
  ): Promise<void> {
    const runner = new JobRunner({
      core: createRevenueJob({ correctionHorizon: HORIZON }),
      store,
      decoder: createDecoder({ typeMap: typeMapFromShopTables() }),
      deadLetters: { send: async (batch) => void letters.push(...batch) },
      watermarks: { outOfOrdernessMs: BOUND, idleTimeoutMs: 0 },
      relay: async () => undefined,
    });
    const pgoutput = createPgoutputSource({
      driver: pg,
      connection: temp.url,
      slotName: slot,
      publicationName: slot,
      tables: ['public.orders'],
    });
    const source = new PgoutputChangeSource({ source: pgoutput, slot });
    await source.start(runner);
    try {
      await waitFor(async () => {
        if (source.lastError !== undefined) throw source.lastError;
        return done(runner);
      }, 120_000).catch(() => undefined); // the assertions below say what differs
    } finally {
      await source.stop();
    }
  }

  /** SQL over the final orders table, per one-minute window the watermark closed. */
  async function batch(): Promise<
    Map<
      number,
      { total_orders: number; total_revenue: string; average_order_value: string; unique_customers: number }
    >
  > {
    const { rows } = await pool.query<{ start: string; n: string; cents: string; customers: string }>(
      `SELECT (floor(extract(epoch FROM order_date) * 1000 / ${MINUTE}) * ${MINUTE})::bigint AS start,
              count(*) AS n, (sum(total_price) * 100)::bigint AS cents, count(DISTINCT customer_id) AS customers
         FROM orders WHERE status <> 'cancelled' GROUP BY 1`,
    );
    const { rows: max } = await pool.query<{ ms: string }>(
      'SELECT (extract(epoch FROM max(order_date)) * 1000)::bigint AS ms FROM orders',
    );
    const watermark = Number(max[0]?.ms) - BOUND - 1;
    const out = new Map<
      number,
      { total_orders: number; total_revenue: string; average_order_value: string; unique_customers: number }
    >();
    for (const r of rows) {
      const start = Number(r.start);
      if (start + MINUTE - 1 > watermark) continue;
      const cents = BigInt(r.cents);
      out.set(start, {
        total_orders: Number(r.n),
        total_revenue: decimal(cents),
        average_order_value: decimal(halfEven(cents, BigInt(r.n))),
        unique_customers: Number(r.customers),
      });
    }
    return out;
  }

  async function streamed(): Promise<Map<number, unknown>> {
    const out = new Map<number, unknown>();
    for (const r of latestById(await readJobResults(pool, 'revenue'))) {
      if (r.value === null) continue;
      const { total_orders, total_revenue, average_order_value, unique_customers } = r.value as Record<
        string,
        unknown
      >;
      out.set(r.id.windowStart, { total_orders, total_revenue, average_order_value, unique_customers });
    }
    return out;
  }

  it('every closed window equals SQL over the final tables, before and after cancellations and a restart', async () => {
    const store = new PostgresCheckpointStore(pool);
    const letters: DeadLetter[] = [];
    const { rows: count } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM orders');
    const orders = Number(count[0]?.n);
    expect(orders).toBeGreaterThan(100);
    await runUntil(
      store,
      letters,
      async (runner) =>
        runner.metrics.records >= orders && isDeepStrictEqual(await streamed(), await batch()),
    );
    const first = await batch();
    expect(first.size).toBeGreaterThan(20);
    expect(await streamed()).toEqual(first);

    const cancelled = await pool.query(
      `UPDATE orders SET status = 'cancelled' WHERE order_id % 4 = 3 AND status IN ('pending', 'paid')`,
    );
    const repriced = await pool.query(
      `UPDATE orders SET total_price = total_price + 1.01 WHERE order_id % 10 = 7`,
    );
    expect((cancelled.rowCount ?? 0) + (repriced.rowCount ?? 0)).toBeGreaterThan(5);
    await runUntil(
      store,
      letters,
      async (runner) =>
        runner.metrics.records >= (cancelled.rowCount ?? 0) + (repriced.rowCount ?? 0) &&
        isDeepStrictEqual(await streamed(), await batch()),
    );
    const second = await batch();
    expect(second).not.toEqual(first);
    expect(await streamed()).toEqual(second);
    expect(letters).toEqual([]);
  });
});
