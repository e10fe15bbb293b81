// Issue 16 §1 "streams changes with the built-in CDC source in process (no Kafka), runs the revenue, top-products
// and fraud jobs in process on the same runtime", with issue 12's guarantees: `jobs run revenue top-products fraud`
// with JOBS_SOURCE=pgoutput, as ONE real process on a REAL PostgreSQL (the stack's, logical replication), no Kafka
// anywhere. The simulator with a fixed seed writes three days of history while the process is SIGKILLed and
// restarted; then some orders are cancelled and some line items change. Every window the jobs' watermarks closed
// equals SQL over the final tables (revenue; top N, trending, categories), decimal-exact; the fraud job committed
// to the end of the slot; revenue and top products dead-lettered nothing, the fraud job only the late cancellations.
import { createTempDatabase, type TempDatabase } from '@ecom/domain/testing';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runSimulator, SMALL_CATALOGUE } from '../../../../libs/cdc/test/repo-cli.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK, startStack } from '../../../../libs/cdc/test/stack-services.js';
import type { DeadLetterLine } from '../runtime/run/file-dead-letters.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { JobInstance } from '../testing/job-instances.js';
import {
  revenueStreamed,
  revenueTruth,
  THREE_SIMULATED_DAYS,
  topProductsStreamed,
  topProductsTruth,
} from '../testing/shop-truth.js';

jest.setTimeout(900_000);

const JOBS = ['revenue', 'top-products', 'fraud'];

describe('the jobs in process on the built-in pgoutput source (no Kafka), one process SIGKILLed', () => {
  const run = `local${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), `${run}-`));
  let temp: TempDatabase;
  let pool: pg.Pool;
  let jobs: JobInstance;

  beforeAll(async () => {
    startStack(['postgres']);
    temp = await createTempDatabase({
      prefix: 'ecom_jobs_local',
      adminUrl: STACK.postgresUrl,
      migrate: true,
    });
    pool = new pg.Pool({ connectionString: temp.url, max: 4 });
    pool.on('error', () => undefined);
    await runSimulator(temp.url, SMALL_CATALOGUE);
    jobs = new JobInstance(
      JOBS.join(' '),
      'local',
      {
        DATABASE_URL: temp.url,
        JOBS_SOURCE: 'pgoutput',
        JOBS_GROUP_ID: run,
        JOBS_DEAD_LETTER_DIR: join(dir, 'dead-letters'),
        JOBS_IDLE_TIMEOUT_MS: '3000',
        JOBS_CORRECTION_HORIZON_MS: String(40 * 24 * 3_600_000),
      },
      dir,
    );
  });

  afterAll(async () => {
    await jobs?.kill();
    await pool
      ?.query(
        `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE $1 AND NOT active`,
        [`${run}_%`],
      )
      .catch(() => undefined);
    await pool?.end();
    await temp?.drop();
  });

  /** The merged watermark each job's one checkpoint row holds (its chain's last stage). */
  async function watermarks(): Promise<number[]> {
    const { rows } = await pool.query<{ job: string; w: string | null }>(
      `SELECT job, (state -> 'stages' -> -1 -> 'core' ->> 'watermark') AS w FROM job_checkpoints
        WHERE job = ANY($1) AND source LIKE 'pgoutput:%' ORDER BY job`,
      [JOBS],
    );
    return rows.map((r) => (r.w === null ? Number.MIN_SAFE_INTEGER : Number(r.w)));
  }

  /** Every job's slot position reached the end of the WAL written so far, and the outbox is empty. */
  async function caughtUp(): Promise<boolean> {
    const { rows } = await pool.query<{ behind: string }>(
      `SELECT count(*) AS behind FROM pg_replication_slots
        WHERE slot_name LIKE $1 AND confirmed_flush_lsn < pg_current_wal_lsn() - 1048576`,
      [`${run}_%`],
    );
    const { rows: outbox } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM job_outbox');
    return rows[0]?.behind === '0' && outbox[0]?.n === '0';
  }

  async function expectEqual(atLeast: number): Promise<void> {
    const matches = async () => {
      const ws = await watermarks(); // ordered by job: fraud, revenue, top-products
      const [, revenueW, topW] = ws;
      if (ws.length !== 3 || Math.min(revenueW ?? 0, topW ?? 0) < atLeast) return false;
      return (
        (await caughtUp()) &&
        isDeepStrictEqual(await revenueStreamed(pool), await revenueTruth(pool, revenueW ?? 0)) &&
        isDeepStrictEqual(await topProductsStreamed(pool), await topProductsTruth(pool, topW ?? 0))
      );
    };
    await waitFor(matches, 300_000).catch(() => undefined);
    const [, revenueW, topW] = await watermarks();
    if ((revenueW ?? 0) < atLeast || (topW ?? 0) < atLeast)
      throw new Error(
        `watermarks ${revenueW}, ${topW} never reached ${atLeast}\n${jobs.log().slice(-4_000)}`,
      );
    const revenue = await revenueTruth(pool, revenueW ?? 0);
    const top = await topProductsTruth(pool, topW ?? 0);
    expect(revenue.size).toBeGreaterThan(20);
    expect(top.size).toBeGreaterThan(100);
    expect(await revenueStreamed(pool)).toEqual(revenue);
    expect(await topProductsStreamed(pool)).toEqual(top);
  }

  it('every closed window equals SQL over the final tables, through SIGKILLs and restarts', async () => {
    jobs.start();
    await waitFor(async () => {
      const { rows } = await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_replication_slots WHERE slot_name LIKE $1',
        [`${run}_%`],
      );
      return rows[0]?.n === '3';
    }, 120_000).catch((e: unknown) => {
      throw new Error(`the three slots never appeared: ${String(e)}\n${jobs.log()}`);
    });
    const simulated = runSimulator(temp.url, THREE_SIMULATED_DAYS);
    for (const pause of [4_000, 7_000]) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      await jobs.kill();
      jobs.start();
    }
    await simulated;
    const { rows } = await pool.query<{ ms: string }>(
      'SELECT (extract(epoch FROM max(order_date)) * 1000)::bigint AS ms FROM orders',
    );
    const end = Number(rows[0]?.ms);
    await expectEqual(end - 12 * 3_600_000);

    await jobs.kill();
    jobs.start();
    const cancelled = await pool.query(
      `UPDATE orders SET status = 'cancelled' WHERE order_id % 4 = 3 AND status IN ('pending', 'paid')`,
    );
    const changed = await pool.query(
      `UPDATE order_items SET quantity = quantity + 1 WHERE order_item_id % 7 = 2`,
    );
    expect((cancelled.rowCount ?? 0) + (changed.rowCount ?? 0)).toBeGreaterThan(5);
    await expectEqual(end - 12 * 3_600_000);
    expect(jobs.starts).toBe(4);
    // Revenue and top products opened their dead-letter files and wrote nothing to them. The fraud job's horizon is
    // its rules' longest window, not the 40 days of the others: the late cancellations of days-old orders are
    // reported there as TOO_LATE (counted, never silently lost), and nothing else is.
    for (const job of ['revenue', 'top-products'])
      expect(statSync(join(dir, 'dead-letters', `${job}.dlq.jsonl`)).size).toBe(0);
    const fraudLetters = readFileSync(join(dir, 'dead-letters', 'fraud.dlq.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as DeadLetterLine);
    expect(fraudLetters.length).toBeLessThanOrEqual((cancelled.rowCount ?? 0) + (changed.rowCount ?? 0));
    for (const letter of fraudLetters) {
      expect(letter.headers['cdc.error.code']).toBe('TOO_LATE');
      const report = JSON.parse(Buffer.from(letter.value ?? '', 'base64').toString('utf8')) as {
        table: string;
        eventTime: number;
        watermark: number;
      };
      expect(['orders', 'order_items']).toContain(report.table);
      expect(report.watermark - report.eventTime).toBeGreaterThan(3_600_000);
    }
  });
});
