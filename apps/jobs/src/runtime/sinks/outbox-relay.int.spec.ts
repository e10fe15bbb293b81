// The outbox relay and the Postgres result sink on a REAL PostgreSQL: results reach the external sinks only after
// their commit, a failed sink loses nothing, a newer value is never overtaken by an older one, concurrent relays
// split the rows, and a job that crashes and restarts leaves the JSON-lines file with the crash-free truth.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTempDatabase, describeWithPostgres, type TempDatabase } from '@ecom/domain/testing';
import { PostgresCheckpointStore } from '../checkpoints/postgres-checkpoint-store.js';
import { readJobResults } from '../postgres/result-rows.js';
import { latestById } from '../results/result-id.js';
import type { JobResult } from '../stream-job.js';
import { lockWaiters, waitFor } from '../testing/wait-for.js';
import { countEvents, runJob, withJob } from '../testing/counting-job.js';
import { readResultLines } from './json-lines.js';
import { JsonLinesFileSink } from './json-lines-file-sink.js';
import { relayOutbox } from './outbox-relay.js';
import { PostgresResultSink } from './postgres-result-sink.js';
import type { ResultSink } from './result-sink.js';

const P0 = { source: 'ecom.public.orders', partition: 0 };
const result = (job: string, windowStart: number, value: JobResult['value']): JobResult => ({
  topic: 'statistics_revenue',
  id: { job, windowStart, windowEnd: windowStart + 60_000, key: 'all' },
  value,
});

/** A sink that records its batches; with a gate, each write announces itself (`entered`) and waits for the gate. */
function recordingSink(
  gate?: Promise<void>,
): ResultSink & { batches: JobResult[][]; entered: Promise<void> } {
  const batches: JobResult[][] = [];
  let enter: () => void = () => undefined;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  return {
    name: 'memory',
    batches,
    entered,
    async write(results) {
      enter();
      await gate;
      batches.push([...results]);
    },
  };
}

describeWithPostgres({ describe, it }, 'relayOutbox and PostgresResultSink against PostgreSQL', () => {
  let temp: TempDatabase | undefined;
  let pool: pg.Pool;
  let store: PostgresCheckpointStore;
  let jobs = 0;
  const jobName = () => `relay-job-${++jobs}`;
  const outboxCount = async (job: string) =>
    (await pool.query('SELECT count(*)::int AS n FROM job_outbox WHERE job = $1', [job])).rows[0].n as number;

  beforeAll(async () => {
    temp = await createTempDatabase({ prefix: 'ecom_jobs_relay', migrate: true });
    pool = new pg.Pool({ connectionString: temp.url, max: 8 });
    pool.on('error', () => undefined); // pool.end() does not wait for the sockets; the drop may end them
    store = new PostgresCheckpointStore(pool, { outbox: true });
  });

  afterAll(async () => {
    await pool?.end();
    await temp?.drop();
  });

  async function commit(job: string, epoch: number, offset: number, results: JobResult[]): Promise<void> {
    await store.commit({
      job,
      epoch,
      partitions: [{ ...P0, nextOffset: String(offset), state: null }],
      results,
    });
  }

  it('relays committed results once, oldest first, and empties the outbox', async () => {
    const job = jobName();
    const { epoch } = await store.claim(job, [P0]);
    await commit(job, epoch, 1, [result(job, 0, { n: 1 }), result(job, 60_000, { n: 2 })]);
    await commit(job, epoch, 2, [result(job, 120_000, null)]);
    const sink = recordingSink();
    expect(await relayOutbox(pool, { job, sink, batchSize: 2 })).toBe(2);
    expect(await relayOutbox(pool, { job, sink, batchSize: 2 })).toBe(1);
    expect(await relayOutbox(pool, { job, sink })).toBe(0);
    expect(sink.batches).toEqual([
      [result(job, 0, { n: 1 }), result(job, 60_000, { n: 2 })],
      [result(job, 120_000, null)],
    ]);
    expect(await outboxCount(job)).toBe(0);
  });

  it('keeps the rows when the sink fails, so the next pass delivers them', async () => {
    const job = jobName();
    const { epoch } = await store.claim(job, [P0]);
    await commit(job, epoch, 1, [result(job, 0, { n: 1 })]);
    const failing: ResultSink = {
      name: 'broker',
      write: async () => {
        throw new Error('broker not available');
      },
    };
    await expect(relayOutbox(pool, { job, sink: failing })).rejects.toMatchObject({
      code: 'SINK_FAILED',
      retriable: true,
      message: expect.stringContaining('sink broker: broker not available'),
    });
    expect(await outboxCount(job)).toBe(1);
    const sink = recordingSink();
    expect(await relayOutbox(pool, { job, sink })).toBe(1);
    expect(sink.batches).toEqual([[result(job, 0, { n: 1 })]]);
  });

  it('a commit that changes a row being relayed waits, so the newer value is sent after the older', async () => {
    const job = jobName();
    const { epoch } = await store.claim(job, [P0]);
    await commit(job, epoch, 1, [result(job, 0, { n: 1 })]);
    let open: () => void = () => undefined;
    const sink = recordingSink(new Promise<void>((resolve) => (open = resolve)));
    const relaying = relayOutbox(pool, { job, sink });
    await sink.entered; // the relay holds the row's lock
    const committing = commit(job, epoch, 2, [result(job, 0, { n: 2 })]);
    await waitFor(async () => (await lockWaiters(pool)) >= 1);
    open();
    await relaying;
    await committing;
    await relayOutbox(pool, { job, sink });
    expect(sink.batches).toEqual([[result(job, 0, { n: 1 })], [result(job, 0, { n: 2 })]]);
  });

  it('lets concurrent relays take disjoint rows', async () => {
    const job = jobName();
    const { epoch } = await store.claim(job, [P0]);
    await commit(
      job,
      epoch,
      1,
      [0, 1, 2, 3].map((i) => result(job, i * 60_000, { i })),
    );
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const [a, b] = [recordingSink(gate), recordingSink(gate)];
    const first = relayOutbox(pool, { job, sink: a, batchSize: 2 });
    await a.entered;
    const second = relayOutbox(pool, { job, sink: b, batchSize: 2 });
    await b.entered;
    open();
    expect(await Promise.all([first, second])).toEqual([2, 2]);
    expect([...a.batches.flat(), ...b.batches.flat()].map((r) => r.value)).toEqual([
      { i: 0 },
      { i: 1 },
      { i: 2 },
      { i: 3 },
    ]);
  });

  it('a job that crashes and restarts leaves the same Postgres rows and JSON-lines truth as a clean run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecom-jobs-relay-'));
    try {
      const events = countEvents(300, 7);
      const truth = async (job: string) => {
        const sink = await JsonLinesFileSink.open(join(dir, `${job}.jsonl`));
        while ((await relayOutbox(pool, { job, sink, batchSize: 7 })) > 0);
        await sink.close();
        return latestById((await readResultLines(join(dir, `${job}.jsonl`))).results);
      };
      const clean = jobName();
      await runJob(store, clean, events, { batch: 12 });
      const crashed = jobName();
      await runJob(store, crashed, events, { batch: 12, crashAt: [2, 9, 20] });
      const rows = await readJobResults(pool, clean);
      expect(rows.length).toBeGreaterThan(5);
      expect(withJob(await readJobResults(pool, crashed), clean)).toEqual(rows);
      const sorted = (results: JobResult[]) =>
        [...results].sort((x, y) => x.id.windowStart - y.id.windowStart || (x.id.key < y.id.key ? -1 : 1));
      expect(sorted(await truth(clean))).toEqual(rows);
      expect(sorted(withJob(await truth(crashed), clean))).toEqual(rows);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('PostgresResultSink upserts on its own and leaves an unchanged row alone', async () => {
    const job = jobName();
    const sink = new PostgresResultSink(pool);
    await sink.write([result(job, 0, { n: 1 }), result(job, 0, { n: 2 })]);
    await pool.query("UPDATE job_results SET updated_at = '2020-01-01Z' WHERE job = $1", [job]);
    expect(await sink.upsert([result(job, 0, { n: 2 })])).toBe(0);
    const { rows } = await pool.query('SELECT value, updated_at FROM job_results WHERE job = $1', [job]);
    expect(rows).toEqual([{ value: { n: 2 }, updated_at: new Date('2020-01-01Z') }]);
    expect(await outboxCount(job)).toBe(0);
    await expect(
      sink.write([{ ...result(job, 0, null), id: { ...result(job, 0, null).id, key: 'a\u0000' } }]),
    ).rejects.toMatchObject({
      code: 'INVALID_RESULT',
    });
  });
});
