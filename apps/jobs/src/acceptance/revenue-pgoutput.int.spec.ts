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
import { JobRunner } from '../runtime/run/job-runner.js';
import type { DeadLetter } from '../runtime/run/dead-letters.js';
import { PgoutputChangeSource } from '../runtime/source/pgoutput-change-source.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { revenueStreamed, revenueTruth, THREE_SIMULATED_DAYS } from '../testing/shop-truth.js';

jest.setTimeout(300_000);

const BOUND = 5_000;
const HORIZON = 40 * 24 * 3_600_000;

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
    await runSimulator(temp.url, THREE_SIMULATED_DAYS);
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

  /** SQL over the final orders table, per one-minute window closed by the watermark (max − bound − 1). */
  async function batch(): Promise<Map<number, object>> {
    const { rows: max } = await pool.query<{ ms: string }>(
      'SELECT (extract(epoch FROM max(order_date)) * 1000)::bigint AS ms FROM orders',
    );
    return revenueTruth(pool, Number(max[0]?.ms) - BOUND - 1);
  }

  const streamed = () => revenueStreamed(pool);

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
