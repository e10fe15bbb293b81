// Merge/keyed tick errors are not swallowed: each is logged (pino, warn, with the error), counted by the runner and
// exported (ecom_jobs_tick_errors_total), and never rejects the loop; the next tick commits what was left pending.
import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
import type { CheckpointStore } from '../checkpoints/checkpoint-store.js';
import { JobRuntimeError } from '../errors.js';
import { JobMetrics } from '../observability/job-metrics.js';
import { countBatch, CountingTask } from '../testing/counting-task.js';
import { memoryLogger } from '../testing/log-lines.js';
import { flushStages, tickStages } from './stage-ticker.js';
import { TaskRunner } from './task-runner.js';

const P = { source: 'ecom-jobs.count.repartition', partition: 0 };

test('a failed tick is logged and counted, and the next tick retries it', async () => {
  const memory = new MemoryCheckpointStore();
  let down = false;
  const store: CheckpointStore = {
    claim: memory.claim.bind(memory),
    load: memory.load.bind(memory),
    commit: async (commit) => {
      if (down) throw new JobRuntimeError('STORE_UNAVAILABLE', 'connection terminated');
      return memory.commit(commit);
    },
  };
  const task = new CountingTask('count');
  const { logger, lines } = memoryLogger('info');
  const labels = { job: 'count', stage: 'merge' };
  const runner = new TaskRunner({
    job: 'count',
    store,
    deadLetters: { send: async () => undefined },
    createTask: () => task,
    relay: async () => undefined,
    retry: { attempts: 2, delayMs: 1 },
  });
  const metrics = new JobMetrics();
  metrics.watch(labels, { runner });
  const stages = [{ runner, logger: logger.child(labels), ticks: true }];
  await runner.assigned([P]);
  await runner.batch(countBatch(P, 0, [{ ts: 1_000, key: 'a' }]));

  task.extra.push({
    topic: 'counts',
    id: { job: 'count', windowStart: 0, windowEnd: 1, key: 'idle' },
    value: null,
  });
  down = true;
  await expect(tickStages(stages)).resolves.toBeUndefined();
  expect(runner.metrics).toMatchObject({ tickErrors: 1, commitRetries: 1, commits: 1 });
  expect(lines).toContainEqual(
    expect.objectContaining({
      level: 40,
      job: 'count',
      stage: 'merge',
      msg: expect.stringMatching(/^tick failed/),
      err: expect.objectContaining({ message: 'connection terminated', code: 'STORE_UNAVAILABLE' }),
    }),
  );
  expect(await metrics.text()).toContain('ecom_jobs_tick_errors_total{job="count",stage="merge"} 1');

  down = false;
  await tickStages(stages);
  expect(runner.metrics).toMatchObject({ tickErrors: 1, commits: 2, results: 1 });
  expect(memory.results('count').map((r) => r.id.key)).toEqual(['idle']);
});

test('flushStages commits what the commit interval deferred, and logs instead of rejecting', async () => {
  const store = new MemoryCheckpointStore();
  const { logger, lines } = memoryLogger('info');
  const runner = new TaskRunner({
    job: 'count',
    store,
    deadLetters: { send: async () => undefined },
    createTask: () => new CountingTask('count'),
    relay: async () => undefined,
    commitIntervalMs: 60_000,
  });
  await runner.assigned([P]);
  await runner.batch(countBatch(P, 0, [{ ts: 1_000, key: 'a' }]));
  await runner.batch(countBatch(P, 1, [{ ts: 2_000, key: 'a' }]));
  expect((await store.load('count', [P]))[0]?.nextOffset).toBe('1');
  await tickStages([{ runner, logger, ticks: false }]); // not due: nothing
  expect((await store.load('count', [P]))[0]?.nextOffset).toBe('1');
  await flushStages([{ runner, logger, ticks: false }]);
  expect((await store.load('count', [P]))[0]?.nextOffset).toBe('2');

  const failing = {
    tick: () => Promise.reject(new Error('x')),
    flush: () => Promise.reject(new Error('gone')),
  };
  await expect(flushStages([{ runner: failing, logger, ticks: true }])).resolves.toBeUndefined();
  expect(lines).toContainEqual(
    expect.objectContaining({ level: 40, err: expect.objectContaining({ message: 'gone' }) }),
  );
});
