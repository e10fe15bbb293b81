// TaskRunner on the in-memory checkpoint store with the counting task: the commit interval (batches share a
// commit; a crash replays from the stored offset and ends where a clean run does), ticks on the processed offset,
// failed ticks retried with what they left pending, a half-applied batch dropping its task.
import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
import type { CheckpointStore } from '../checkpoints/checkpoint-store.js';
import { JobRuntimeError } from '../errors.js';
import { countEvents, type CountEvent } from '../testing/counting-job.js';
import { countBatch, CountingTask } from '../testing/counting-task.js';
import type { DeadLetter } from './dead-letters.js';
import type { Task } from './task.js';
import { TaskRunner, type TaskRunnerOptions } from './task-runner.js';

const P = { source: 'counts', partition: 0 };
const JOB = 'count';

function runner(overrides: Partial<TaskRunnerOptions> & { letters?: DeadLetter[] } = {}): TaskRunner {
  const letters = overrides.letters ?? [];
  return new TaskRunner({
    job: JOB,
    store: new MemoryCheckpointStore(),
    deadLetters: { send: async (batch) => void letters.push(...batch) },
    createTask: () => new CountingTask(JOB),
    relay: async () => undefined,
    retry: { attempts: 2, delayMs: 1 },
    ...overrides,
  });
}

/** A store whose commits fail with `code` while `failing` is set. */
function flaky(memory = new MemoryCheckpointStore()): CheckpointStore & { failing: string | null } {
  const store = {
    failing: null as string | null,
    claim: memory.claim.bind(memory),
    load: memory.load.bind(memory),
    commit: async (commit: Parameters<CheckpointStore['commit']>[0]) => {
      if (store.failing !== null)
        throw new JobRuntimeError(store.failing as 'STORE_FAILED', 'connection terminated');
      return memory.commit(commit);
    },
  };
  return store;
}

async function feed(r: TaskRunner, events: readonly CountEvent[], from: number, size: number): Promise<void> {
  for (let i = from; i < events.length; i += size) await r.batch(countBatch(P, i, events.slice(i, i + size)));
}

describe('TaskRunner', () => {
  test('commits every batch by default', async () => {
    const store = new MemoryCheckpointStore();
    const r = runner({ store });
    await r.assigned([P]);
    await feed(r, countEvents(30, 1), 0, 10);
    expect(r.metrics).toMatchObject({ records: 30, commits: 3 });
    expect((await store.load(JOB, [P]))[0]?.nextOffset).toBe('30');
  });

  test('with a commit interval, batches within it share the next commit (state, offset and all their results)', async () => {
    const store = new MemoryCheckpointStore();
    let now = 0;
    const r = runner({ store, commitIntervalMs: 1_000, clock: () => now });
    await r.assigned([P]);
    const events = [
      { ts: 1_000, key: 'a' },
      { ts: 70_000, key: 'a' }, // fires [0, 60 s)
      { ts: 140_000, key: 'b' }, // fires [60 s, 120 s)
    ];
    await r.batch(countBatch(P, 0, events.slice(0, 1))); // the first batch after a claim commits at once
    now = 400;
    await r.batch(countBatch(P, 1, events.slice(1, 2)));
    now = 800;
    await r.batch(countBatch(P, 2, events.slice(2, 3)));
    expect(r.metrics.commits).toBe(1);
    expect((await store.load(JOB, [P]))[0]?.nextOffset).toBe('1');
    expect(store.results(JOB)).toEqual([]);

    await r.flush(); // not due yet
    expect(r.metrics.commits).toBe(1);
    now = 1_000;
    await r.flush();
    expect(r.metrics).toMatchObject({ commits: 2, results: 2 });
    expect((await store.load(JOB, [P]))[0]?.nextOffset).toBe('3');
    expect(store.results(JOB).map((x) => [x.id.windowStart, x.id.key, x.value])).toEqual([
      [0, 'a', { count: 1 }],
      [60_000, 'a', { count: 1 }],
    ]);
  });

  test('a crash with deferred batches replays from the stored offset and ends where a clean run does', async () => {
    const events = countEvents(200, 7);
    const clean = new MemoryCheckpointStore();
    const a = runner({ store: clean });
    await a.assigned([P]);
    await feed(a, events, 0, 20);
    expect(clean.results(JOB).length).toBeGreaterThan(5);

    const store = new MemoryCheckpointStore();
    let now = 0;
    const doomed = runner({ store, commitIntervalMs: 1_000, clock: () => now });
    await doomed.assigned([P]);
    for (let i = 0; i < 120; i += 15) {
      now += 300;
      await doomed.batch(countBatch(P, i, events.slice(i, i + 15)));
    }
    const stored = Number((await store.load(JOB, [P]))[0]?.nextOffset);
    expect(stored).toBeLessThan(120); // the last batches were processed but not committed: then it dies

    const successor = runner({ store, commitIntervalMs: 1_000, clock: () => now });
    const offsets = await successor.assigned([P]);
    expect([...offsets.values()]).toEqual([String(stored)]);
    await feed(successor, events.slice(0), stored, 25);
    await successor.flush({ force: true });
    expect((await store.load(JOB, [P]))[0]?.nextOffset).toBe('200');
    expect(store.results(JOB)).toEqual(clean.results(JOB));
  });

  test('a tick commits on the processed offset, not the last committed one', async () => {
    const store = new MemoryCheckpointStore();
    let now = 0;
    const task = new CountingTask(JOB);
    const r = runner({ store, commitIntervalMs: 1_000, clock: () => now, createTask: () => task });
    await r.assigned([P]);
    await r.batch(countBatch(P, 0, [{ ts: 1_000, key: 'a' }]));
    await r.batch(countBatch(P, 1, [{ ts: 2_000, key: 'a' }])); // deferred
    task.extra.push({
      topic: 'counts',
      id: { job: JOB, windowStart: 0, windowEnd: 1, key: 'x' },
      value: null,
    });
    now = 1_000;
    await r.tick();
    expect((await store.load(JOB, [P]))[0]).toMatchObject({ nextOffset: '2' });
    expect(store.results(JOB).map((x) => x.id.key)).toEqual(['x']);
    expect(r.metrics.commits).toBe(2);
  });

  test('a failed tick is counted; what it produced stays pending and the next tick commits it', async () => {
    const store = flaky();
    const task = new CountingTask(JOB);
    const r = runner({ store, createTask: () => task });
    await r.assigned([P]);
    await r.batch(countBatch(P, 0, [{ ts: 1_000, key: 'a' }]));
    task.extra.push({
      topic: 'counts',
      id: { job: JOB, windowStart: 0, windowEnd: 1, key: 'x' },
      value: null,
    });
    store.failing = 'STORE_FAILED';
    await expect(r.tick()).rejects.toMatchObject({ code: 'STORE_FAILED' });
    expect(r.metrics).toMatchObject({ tickErrors: 1, commits: 1 });
    store.failing = null;
    await r.tick();
    expect(r.metrics).toMatchObject({ tickErrors: 1, commits: 2, results: 1 });
  });

  test('dead letters and too-late reports are counted and sent before the commit', async () => {
    const letters: DeadLetter[] = [];
    const r = runner({ letters });
    await r.assigned([P]);
    await r.batch(countBatch(P, 0, ['{', { ts: 1, key: 'late' }, { ts: 2, key: 'a' }]));
    expect(letters.map((l) => l.headers['cdc.error.code'])).toEqual(['INVALID_REPARTITION', 'TOO_LATE']);
    expect(r.metrics).toMatchObject({ records: 3, deadLetters: 1, tooLate: 1, commits: 1 });
  });

  test('a batch that fails halfway drops its task: ticks skip it and its batches fail until the next claim', async () => {
    const store = new MemoryCheckpointStore();
    const breaking = (): Task => {
      const task = new CountingTask(JOB);
      const process = task.process.bind(task);
      return Object.assign(task, {
        process: async (record: Parameters<Task['process']>[0]) => {
          if (record.value === 'boom') throw new Error('boom');
          return process(record);
        },
      });
    };
    const r = runner({ store, createTask: breaking, commitIntervalMs: 1_000 });
    await r.assigned([P]);
    await r.batch(countBatch(P, 0, [{ ts: 1_000, key: 'a' }]));
    await expect(r.batch(countBatch(P, 1, [{ ts: 2_000, key: 'a' }, 'boom']))).rejects.toThrow('boom');
    expect(r.partitions).toEqual([]);
    await r.flush({ force: true }); // nothing half-applied is committed
    await expect(r.batch(countBatch(P, 1, [{ ts: 2_000, key: 'a' }]))).rejects.toMatchObject({
      code: 'NOT_CLAIMED',
    });
    expect((await store.load(JOB, [P]))[0]?.nextOffset).toBe('1');
    expect([...(await r.assigned([P])).values()]).toEqual(['1']);
  });

  test('lists the watermark of each owned task', async () => {
    const r = runner();
    await r.assigned([P]);
    await r.batch(countBatch(P, 0, [{ ts: 61_000, key: 'a' }]));
    expect(r.watermarks()).toEqual([{ partition: P, watermark: 56_000 }]);
  });
});
