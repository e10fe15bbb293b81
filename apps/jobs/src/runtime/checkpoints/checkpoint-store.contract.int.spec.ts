// The CheckpointStore contract, run against MemoryCheckpointStore and against PostgresCheckpointStore on a REAL
// PostgreSQL (a temporary database with the @ecom/domain migrations; describeWithPostgres fails the suite when the
// server does not answer). Each test uses its own job names, so one database serves the whole file.
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { createTempDatabase, describeWithPostgres, type TempDatabase } from '@ecom/domain/testing';
import { FencedError, JobRuntimeError } from '../errors.js';
import { readJobResults } from '../postgres/result-rows.js';
import type { JobResult } from '../stream-job.js';
import type { CheckpointCommit, CheckpointStore, SourcePartition } from './checkpoint-store.js';
import { MemoryCheckpointStore } from './memory-checkpoint-store.js';
import { PostgresCheckpointStore } from './postgres-checkpoint-store.js';
import { CountingCore, countEvents, runJob, withJob } from '../testing/counting-job.js';

interface Harness {
  store: CheckpointStore;
  results(job: string): Promise<JobResult[]>;
}

const P0: SourcePartition = { source: 'ecom.public.orders', partition: 0 };
const P1: SourcePartition = { source: 'ecom.public.orders', partition: 1 };
let jobs = 0;
const jobName = () => `job-${++jobs}`;
const result = (job: string, windowStart: number, value: JobResult['value'], key = 'all'): JobResult => ({
  topic: 'statistics_test',
  id: { job, windowStart, windowEnd: windowStart + 60_000, key },
  value,
});

function checkpointStoreContract(harness: () => Harness): void {
  it('claims fresh partitions with a positive epoch and records the owner', async () => {
    const { store } = harness();
    const job = jobName();
    const claim = await store.claim(job, [P0, P1], { owner: 'instance-a' });
    expect(claim.epoch).toBeGreaterThan(0);
    expect(claim.checkpoints).toEqual([
      { ...P0, nextOffset: null, state: null, epoch: claim.epoch, owner: 'instance-a' },
      { ...P1, nextOffset: null, state: null, epoch: claim.epoch, owner: 'instance-a' },
    ]);
    expect(await store.load(job, [P1])).toEqual([claim.checkpoints[1]]);
    expect(await store.load(jobName(), [P0])).toEqual([
      { ...P0, nextOffset: null, state: null, epoch: 0, owner: null },
    ]);
  });

  it('commits results, offsets and states together; a later claim resumes from them', async () => {
    const { store, results } = harness();
    const job = jobName();
    const first = await store.claim(job, [P0, P1]);
    const receipt = await store.commit({
      job,
      epoch: first.epoch,
      partitions: [
        { ...P0, nextOffset: '17', state: { windows: [{ start: 0, sum: '10.50' }] } },
        { ...P1, nextOffset: '4', state: null },
      ],
      results: [
        result(job, 0, { total: '1.00' }),
        result(job, 0, { total: '10.50' }),
        result(job, 60_000, null),
      ],
    });
    expect(receipt).toEqual({ changedResults: 2 });
    expect(await results(job)).toEqual([result(job, 0, { total: '10.50' }), result(job, 60_000, null)]);
    const second = await store.claim(job, [P1, P0], { owner: 'instance-b' });
    expect(second.epoch).toBeGreaterThan(first.epoch);
    expect(second.checkpoints.map((c) => [c.partition, c.nextOffset, c.state])).toEqual([
      [1, '4', null],
      [0, '17', { windows: [{ start: 0, sum: '10.50' }] }],
    ]);
  });

  it('re-committing the same batch changes nothing', async () => {
    const { store, results } = harness();
    const job = jobName();
    const { epoch } = await store.claim(job, [P0]);
    const commit = {
      job,
      epoch,
      partitions: [{ ...P0, nextOffset: '9', state: { n: 1 } }],
      results: [result(job, 0, { orders: 1 }), result(job, 0, { orders: 1 }, 'vip')],
    };
    expect(await store.commit(commit)).toEqual({ changedResults: 2 });
    expect(await store.commit(commit)).toEqual({ changedResults: 0 });
    expect(await results(job)).toEqual(commit.results);
    expect((await store.load(job, [P0]))[0]).toMatchObject({ nextOffset: '9', state: { n: 1 } });
    const [progress] = await store.load(job, [P0], { state: false });
    expect(progress).toMatchObject({ nextOffset: '9', epoch });
    expect(progress?.state === null || isDeepStrictEqual(progress?.state, { n: 1 })).toBe(true);
  });

  it('fences a stale owner after a rebalance: a typed FencedError, and nothing written', async () => {
    const { store, results } = harness();
    const job = jobName();
    const a = await store.claim(job, [P0, P1], { owner: 'a' });
    const b = await store.claim(job, [P1], { owner: 'b' });
    const stale = store.commit({
      job,
      epoch: a.epoch,
      partitions: [
        { ...P0, nextOffset: '5', state: 'a' },
        { ...P1, nextOffset: '5', state: 'a' },
      ],
      results: [result(job, 0, { by: 'a' })],
    });
    await expect(stale).rejects.toBeInstanceOf(FencedError);
    await expect(stale).rejects.toMatchObject({
      code: 'FENCED',
      retriable: false,
      job,
      epoch: a.epoch,
      newer: [{ ...P1, epoch: b.epoch }],
    });
    expect(await results(job)).toEqual([]);
    expect((await store.load(job, [P0, P1])).map((c) => c.nextOffset)).toEqual([null, null]);
    // a still owns P0 alone; b commits P1 with its own epoch.
    await store.commit({
      job,
      epoch: a.epoch,
      partitions: [{ ...P0, nextOffset: '6', state: 'a' }],
      results: [],
    });
    await store.commit({
      job,
      epoch: b.epoch,
      partitions: [{ ...P1, nextOffset: '7', state: 'b' }],
      results: [],
    });
    expect((await store.load(job, [P0, P1])).map((c) => [c.nextOffset, c.state, c.owner])).toEqual([
      ['6', 'a', 'a'],
      ['7', 'b', 'b'],
    ]);
  });

  it('refuses a commit for partitions the epoch never claimed', async () => {
    const { store } = harness();
    const job = jobName();
    const { epoch } = await store.claim(job, [P0]);
    await expect(
      store.commit({ job, epoch, partitions: [{ ...P1, nextOffset: '1', state: null }], results: [] }),
    ).rejects.toMatchObject({ code: 'NOT_CLAIMED' });
    await expect(
      store.commit({
        job,
        epoch: epoch + 1000,
        partitions: [{ ...P0, nextOffset: '1', state: null }],
        results: [],
      }),
    ).rejects.toMatchObject({ code: 'NOT_CLAIMED' });
  });

  const badCommits: [string, (job: string) => Partial<CheckpointCommit>, string, RegExp][] = [
    ['no partitions', () => ({ partitions: [] }), 'INVALID_COMMIT', /non-empty array/],
    [
      'a partition twice',
      () => ({ partitions: [0, 1].map((n) => ({ ...P0, nextOffset: String(n), state: null })) }),
      'INVALID_COMMIT',
      /listed twice/,
    ],
    [
      'an empty offset',
      () => ({ partitions: [{ ...P0, nextOffset: '', state: null }] }),
      'INVALID_COMMIT',
      /nextOffset/,
    ],
    [
      'a NaN in the state',
      () => ({ partitions: [{ ...P0, nextOffset: '1', state: { avg: Number.NaN } }] }),
      'INVALID_COMMIT',
      /state\.avg is NaN/,
    ],
    ['a zero epoch', () => ({ epoch: 0 }), 'INVALID_COMMIT', /epoch must be a positive integer/],
    [
      "another job's result",
      () => ({ results: [result('other', 0, {})] }),
      'INVALID_RESULT',
      /belongs to job "other"/,
    ],
    [
      'an inverted window',
      (job) => ({
        results: [{ topic: 't', id: { job, windowStart: 5, windowEnd: 5, key: 'k' }, value: null }],
      }),
      'INVALID_RESULT',
      /windowEnd must be after/,
    ],
  ];
  it.each(badCommits)(
    'refuses a commit with %s before writing anything',
    async (_what, patch, code, message) => {
      const { store, results } = harness();
      const job = jobName();
      const { epoch } = await store.claim(job, [P0]);
      const base = {
        job,
        epoch,
        partitions: [{ ...P0, nextOffset: '1', state: null }],
        results: [result(job, 0, {})],
      };
      const error = await store.commit({ ...base, ...patch(job) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobRuntimeError);
      expect(error).toMatchObject({ code });
      expect((error as Error).message).toMatch(message);
      expect(await results(job)).toEqual([]);
      expect((await store.load(job, [P0]))[0]?.nextOffset).toBeNull();
    },
  );

  it('a restart from the last checkpoint gives the results of a run without crashes', async () => {
    const { store, results } = harness();
    const events = countEvents(240, 42);
    const clean = jobName();
    await runJob(store, clean, events, { batch: 10 });
    const crashed = jobName();
    // Crash at batches 3, 11 and 17: the batch in flight is lost, and the dead owner's late commit is fenced.
    await runJob(store, crashed, events, { batch: 10, crashAt: [3, 11, 17] });
    expect(withJob(await results(crashed), clean)).toEqual(await results(clean));
    expect((await results(clean)).length).toBeGreaterThan(5);
    const [last] = await store.load(crashed, [P0]);
    expect(last?.nextOffset).toBe('240');
    const restored = new CountingCore(crashed);
    restored.restore(last?.state ?? null);
    expect(restored.snapshot()).toEqual(last?.state);
  });
}

describe('MemoryCheckpointStore (contract)', () => {
  const store = new MemoryCheckpointStore();
  checkpointStoreContract(() => ({ store, results: async (job) => store.results(job) }));
});

describeWithPostgres({ describe, it }, 'PostgresCheckpointStore (contract, real PostgreSQL)', () => {
  let temp: TempDatabase | undefined;
  let pool: pg.Pool | undefined;
  let harness: Harness;

  beforeAll(async () => {
    temp = await createTempDatabase({ prefix: 'ecom_jobs_ckpt', migrate: true });
    pool = new pg.Pool({ connectionString: temp.url, max: 4 });
    pool.on('error', () => undefined); // pool.end() does not wait for the sockets; the drop may end them
    const db = pool;
    harness = { store: new PostgresCheckpointStore(db), results: (job) => readJobResults(db, job) };
  });

  afterAll(async () => {
    await pool?.end();
    await temp?.drop();
  });

  checkpointStoreContract(() => harness);
});
