// PostgresCheckpointStore on a REAL PostgreSQL, beyond the shared contract: a commit that dies halfway (the server
// kills its connection, or a statement fails) leaves nothing; a commit racing a rebalance's claim is fenced; the
// outbox gets exactly the results that changed, in the same transaction.
import pg from 'pg';
import { createTempDatabase, describeWithPostgres, type TempDatabase } from '@ecom/domain/testing';
import { FencedError } from '../errors.js';
import type { PgPool } from '../postgres/pg-transaction.js';
import { readJobResults } from '../postgres/result-rows.js';
import type { JobResult } from '../stream-job.js';
import { lockWaiters, waitFor } from '../testing/wait-for.js';
import type { CheckpointCommit } from './checkpoint-store.js';
import { PostgresCheckpointStore } from './postgres-checkpoint-store.js';

const P0 = { source: 'ecom.public.orders', partition: 0 };
const P1 = { source: 'ecom.public.orders', partition: 1 };
const result = (job: string, windowStart: number, value: JobResult['value']): JobResult => ({
  topic: 'statistics_revenue',
  id: { job, windowStart, windowEnd: windowStart + 60_000, key: 'all' },
  value,
});

/** A pool whose clients run `before(sql, rawQuery)` ahead of every statement (to kill or fail it). */
function interceptedPool(
  pool: pg.Pool,
  before: (sql: string, raw: (sql: string) => Promise<pg.QueryResult>) => Promise<void>,
): PgPool {
  return {
    query: pool.query.bind(pool),
    connect: async () => {
      const client = await pool.connect();
      const raw = client.query.bind(client) as (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;
      return new Proxy(client, {
        get(target, prop, receiver) {
          if (prop !== 'query') return Reflect.get(target, prop, receiver);
          return async (sql: string, params?: unknown[]) => {
            await before(sql, raw);
            return raw(sql, params);
          };
        },
      });
    },
  } as unknown as PgPool;
}

describeWithPostgres({ describe, it }, 'PostgresCheckpointStore against PostgreSQL', () => {
  let temp: TempDatabase | undefined;
  let pool: pg.Pool;
  let admin: pg.Client;
  let jobs = 0;
  const jobName = () => `pg-job-${++jobs}`;

  beforeAll(async () => {
    temp = await createTempDatabase({ prefix: 'ecom_jobs_pgckpt', migrate: true });
    pool = new pg.Pool({ connectionString: temp.url, max: 6 });
    pool.on('error', () => undefined); // pool.end() does not wait for the sockets; the drop may end them
    admin = new pg.Client({ connectionString: temp.url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await pool?.end();
    await temp?.drop();
  });

  const commitOf = (job: string, epoch: number, offset: string): CheckpointCommit => ({
    job,
    epoch,
    partitions: [
      { ...P0, nextOffset: offset, state: { sum: '129.90' } },
      { ...P1, nextOffset: offset, state: null },
    ],
    results: [result(job, 0, { total_revenue: '129.90' }), result(job, 60_000, null)],
  });

  it('a connection killed between the results and the offsets leaves nothing; the retry commits', async () => {
    const job = jobName();
    const store = new PostgresCheckpointStore(pool, { outbox: true });
    const { epoch } = await store.claim(job, [P0, P1]);
    let kills = 0;
    const dying = new PostgresCheckpointStore(
      interceptedPool(pool, async (sql, raw) => {
        if (!sql.includes('UPDATE job_checkpoints c SET next_offset') || kills++ > 0) return;
        const { rows } = await raw('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      }),
      { outbox: true },
    );
    const error = await dying.commit(commitOf(job, epoch, '10')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', retriable: true });
    expect(await readJobResults(pool, job)).toEqual([]);
    expect(
      (await admin.query('SELECT count(*)::int AS n FROM job_outbox WHERE job = $1', [job])).rows,
    ).toEqual([{ n: 0 }]);
    expect((await store.load(job, [P0, P1])).map((c) => c.nextOffset)).toEqual([null, null]);
    // The same commit again, as the runtime retries a retriable failure: now it lands, once.
    expect(await store.commit(commitOf(job, epoch, '10'))).toEqual({ changedResults: 2 });
    expect(await readJobResults(pool, job)).toEqual(commitOf(job, epoch, '10').results);
    expect((await store.load(job, [P0, P1])).map((c) => c.nextOffset)).toEqual(['10', '10']);
  });

  it('a statement failing after the results were upserted rolls them back', async () => {
    const job = jobName();
    const store = new PostgresCheckpointStore(
      interceptedPool(pool, async (sql) => {
        if (sql.includes('UPDATE job_checkpoints c SET next_offset')) throw new Error('disk full (injected)');
      }),
    );
    const { epoch } = await store.claim(job, [P0, P1]);
    await expect(store.commit(commitOf(job, epoch, '10'))).rejects.toMatchObject({
      code: 'STORE_FAILED',
      message: expect.stringContaining('disk full (injected)'),
    });
    expect(await readJobResults(pool, job)).toEqual([]);
  });

  it('a commit that waits on a rebalance claim is fenced once the claim commits', async () => {
    const job = jobName();
    const store = new PostgresCheckpointStore(pool);
    const a = await store.claim(job, [P0, P1], { owner: 'a' });
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let atCommit: () => void = () => undefined;
    const claimWaits = new Promise<void>((resolve) => (atCommit = resolve));
    const slowClaimer = new PostgresCheckpointStore(
      interceptedPool(pool, async (sql) => {
        if (sql !== 'COMMIT') return;
        atCommit();
        await gate;
      }),
    );
    const b = slowClaimer.claim(job, [P1], { owner: 'b' });
    await claimWaits; // b holds P1's lock with the new epoch, uncommitted
    const stale = store.commit(commitOf(job, a.epoch, '99')).catch((e: unknown) => e);
    await waitFor(async () => (await lockWaiters(admin)) >= 1);
    open();
    const claimed = await b;
    const error = await stale;
    expect(error).toBeInstanceOf(FencedError);
    expect(error).toMatchObject({ newer: [{ ...P1, epoch: claimed.epoch }] });
    expect(await readJobResults(pool, job)).toEqual([]);
  });

  it('queues in the outbox exactly the results that changed, keeping the field order', async () => {
    const job = jobName();
    const store = new PostgresCheckpointStore(pool, { outbox: true });
    const { epoch } = await store.claim(job, [P0, P1]);
    const ordered = { metric: 'revenue', window_start: 0, total_revenue: '129.90', aov: '129.90' };
    await store.commit({ ...commitOf(job, epoch, '1'), results: [result(job, 0, ordered)] });
    const outbox = async () =>
      (await admin.query('SELECT value::text AS v FROM job_outbox WHERE job = $1 ORDER BY seq', [job])).rows;
    expect(await outbox()).toEqual([{ v: JSON.stringify(ordered) }]);
    await admin.query('DELETE FROM job_outbox WHERE job = $1', [job]); // relayed
    await store.commit({ ...commitOf(job, epoch, '2'), results: [result(job, 0, ordered)] });
    expect(await outbox()).toEqual([]); // unchanged: nothing to relay again
    await store.commit({ ...commitOf(job, epoch, '3'), results: [result(job, 0, null)] });
    expect(await outbox()).toEqual([{ v: null }]); // the retraction
  });

  it('stores numbers and exact decimals of the state unchanged', async () => {
    const job = jobName();
    const store = new PostgresCheckpointStore(pool);
    const { epoch } = await store.claim(job, [P0]);
    const state = {
      watermark: 1_764_000_000_123,
      sums: [['c-1', '12345678901234.99']],
      avg: 0.1,
      nested: { ok: true },
    };
    await store.commit({ job, epoch, partitions: [{ ...P0, nextOffset: '0/16B3748', state }], results: [] });
    expect((await store.load(job, [P0]))[0]).toMatchObject({ nextOffset: '0/16B3748', state });
  });

  it('turns an unreachable server into a retriable STORE_UNAVAILABLE', async () => {
    const dead = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 2000,
    });
    try {
      await expect(new PostgresCheckpointStore(dead).claim('x', [P0])).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        retriable: true,
      });
    } finally {
      await dead.end();
    }
  });
});
