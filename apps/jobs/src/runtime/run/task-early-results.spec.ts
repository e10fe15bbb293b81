// Early results wired into the tasks, on the in-memory checkpoint store: the two-phase revenue job (a CdcTask of
// partials forwarding to a MergeTask) and the single-process core in a CdcTask, with `everyEvents` and with `everyMs`
// on ticks. Early values (`final: false`) of the open window are committed with their batch; the final replaces
// them, and the final results are exactly those of a run without early results.
import { createDecoder, typeMapFromShopTables, type KafkaRecordLike } from '@ecom/cdc';
import { isEarly } from '../../jobs/early-results.js';
import { createRevenueJob } from '../../jobs/revenue/index.js';
import { createRevenueMergeJob } from '../../jobs/revenue/revenue-merge-job.js';
import { createRevenuePartialsJob } from '../../jobs/revenue/revenue-partials-job.js';
import { orderMessage } from '../../testing/order-messages.js';
import type { OrderVersion } from '../../testing/order-records.js';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
import { repartitionMessage, type RepartitionRecord } from '../repartition/repartition-message.js';
import type { SourceBatch } from '../source/change-source.js';
import type { JobResult, StreamJobCore } from '../stream-job.js';
import { CdcTask } from './cdc-task.js';
import type { EarlyTriggerOptions } from './early-trigger.js';
import { MergeTask } from './merge-task.js';
import { TaskRunner, type TaskRunnerOptions } from './task-runner.js';

const T0 = Date.UTC(2026, 0, 1);
const ORDERS = { source: 'ecommerce-cdc.public.orders', partition: 0 };
const REPARTITION = { source: 'revenue.repartition', partition: 0 };
const WINDOW = { job: 'revenue', windowStart: T0, windowEnd: T0 + 60_000, key: 'all' };

const order = (id: number, atS: number, total = '10.00'): OrderVersion => ({
  id,
  customer: id,
  at: T0 + atS * 1_000,
  total,
});

/** Four orders in [T0, T0 + 60 s) (one cancelled while the window is open), then two that close the next windows. */
const SCRIPT: readonly { key: string; value: string }[] = [
  orderMessage('c', null, order(1, 1)),
  orderMessage('c', null, order(2, 2, '5.50')),
  orderMessage('c', null, order(3, 3)),
  orderMessage('u', order(3, 3), { ...order(3, 3), status: 'cancelled' }),
  orderMessage('c', null, order(4, 4, '1.25')),
  orderMessage('c', null, order(5, 61)), // fires [T0, T0 + 60 s)
  orderMessage('c', null, order(6, 200)), // fires [T0 + 60 s, T0 + 120 s)
];

/** A batch of `messages` on `partition` from offset `from`, as the source gives it. */
function batch(
  partition: SourcePartition,
  from: number,
  messages: readonly { key: string; value: string }[],
): SourceBatch {
  const records: KafkaRecordLike[] = messages.map((m, i) => ({
    topic: partition.source,
    partition: partition.partition,
    offset: String(from + i),
    ...m,
  }));
  return { partition, records, nextOffset: String(from + messages.length) };
}

/** A store that also records every commit's results (what the outbox would relay), in commit order. */
function recordingStore(): { store: MemoryCheckpointStore; committed: JobResult[] } {
  const store = new MemoryCheckpointStore();
  const committed: JobResult[] = [];
  const commit = store.commit.bind(store);
  store.commit = async (c) => {
    const receipt = await commit(c);
    committed.push(...c.results);
    return receipt;
  };
  return { store, committed };
}

const runnerOptions = (store: MemoryCheckpointStore) =>
  ({
    store,
    deadLetters: { send: async () => undefined },
    relay: async () => undefined,
  }) satisfies Partial<TaskRunnerOptions>;

const decoder = createDecoder({ typeMap: typeMapFromShopTables() });

/** `createTask` of a runner of CdcTasks over `createCore`'s cores (forwarding partials, or committing results). */
const cdcTasks =
  (createCore: () => StreamJobCore, forward: boolean, earlyResults?: EarlyTriggerOptions) =>
  (partition: SourcePartition) =>
    new CdcTask({
      core: createCore(),
      decoder,
      partition,
      watermarks: { outOfOrdernessMs: 0 },
      forward,
      earlyResults,
    });

/** The two-phase revenue job in memory: a partials runner forwarding to a merge runner, one batch at a time. */
async function twoPhase(earlyResults: EarlyTriggerOptions | undefined, clock: () => number = () => 0) {
  const { store, committed } = recordingStore();
  let forwarded: RepartitionRecord[] = [];
  const partials = new TaskRunner({
    ...runnerOptions(store),
    job: 'revenue.partials',
    createTask: cdcTasks(createRevenuePartialsJob, true, earlyResults),
    forward: async (records) => void forwarded.push(...records),
  });
  const merge = new TaskRunner({
    ...runnerOptions(store),
    job: 'revenue',
    createTask: () =>
      new MergeTask(createRevenueMergeJob({ inputs: ['ecommerce-cdc.public.orders:0'] }), {
        earlyResults,
        clock,
      }),
  });
  await partials.assigned([ORDERS]);
  await merge.assigned([REPARTITION]);
  let read = 0;
  let sent = 0;
  /** Sends the script's next `n` records through both phases. */
  const send = async (n: number) => {
    await partials.batch(batch(ORDERS, read, SCRIPT.slice(read, read + n)));
    read += n;
    const messages = forwarded.map((r) => repartitionMessage(r, 0));
    forwarded = [];
    await merge.batch(batch(REPARTITION, sent, messages));
    sent += messages.length;
  };
  return { store, committed, merge, send };
}

const earlyOf = (results: readonly JobResult[]) => results.filter((r) => isEarly(r.value));
const finalOf = (results: readonly JobResult[]) => results.filter((r) => !isEarly(r.value));

describe('early results in the tasks', () => {
  it('everyEvents: the merging task commits early values of the open window; the final replaces them', async () => {
    const without = await twoPhase(undefined);
    for (let i = 0; i < SCRIPT.length; i++) await without.send(1);

    // Each partials batch forwards its partial and its watermark: the merge reads 4 records every 2 batches.
    const early = await twoPhase({ everyEvents: 4 });
    await early.send(1);
    expect(early.committed).toEqual([]);
    await early.send(1);
    expect(early.committed).toEqual([
      {
        topic: 'statistics_revenue',
        id: WINDOW,
        value: expect.objectContaining({ total_orders: 2, total_revenue: '15.50', final: false }),
      },
    ]);
    for (let i = 2; i < SCRIPT.length; i++) await early.send(1);

    const first = early.committed.filter((r) => r.id.windowStart === T0).map((r) => r.value);
    expect(first).toEqual([
      expect.objectContaining({ total_orders: 2, final: false }),
      expect.objectContaining({ total_orders: 3, total_revenue: '16.75', final: false }),
      expect.not.objectContaining({ final: expect.anything() }),
    ]);
    expect(finalOf(early.committed)).toEqual(without.committed);
    const latest = early.store.results('revenue');
    expect(latest.filter((r) => !isEarly(r.value))).toEqual(without.store.results('revenue'));
    expect(earlyOf(latest).map((r) => r.id.windowStart)).toEqual([T0 + 180_000]); // still open
  });

  it('everyMs: a tick emits early results once the interval passed and records came since', async () => {
    let now = 0;
    const early = await twoPhase({ everyMs: 1_000 }, () => now);
    await early.send(2);
    await early.merge.tick();
    expect(early.committed).toEqual([]);
    now = 1_000;
    await early.merge.tick(); // no new record, but some since the clock started
    expect(earlyOf(early.committed)).toHaveLength(1);
    now = 5_000;
    await early.merge.tick(); // nothing new since the last early emission
    expect(early.committed).toHaveLength(1);
  });

  it('a CdcTask over the single-process core emits early results every N events, finals unchanged', async () => {
    const run = async (earlyResults?: EarlyTriggerOptions) => {
      const { store, committed } = recordingStore();
      const runner = new TaskRunner({
        ...runnerOptions(store),
        job: 'revenue',
        createTask: cdcTasks(createRevenueJob, false, earlyResults),
      });
      await runner.assigned([ORDERS]);
      for (let i = 0; i < SCRIPT.length; i++) await runner.batch(batch(ORDERS, i, SCRIPT.slice(i, i + 1)));
      return { store, committed };
    };
    const without = await run();
    const early = await run({ everyEvents: 2 });
    // After records 2, 4 and 6: the open window's 2 orders, the same again (not repeated), the next window's 1.
    expect(earlyOf(early.committed).map((r) => [r.id.windowStart - T0, r.value?.['total_orders']])).toEqual([
      [0, 2],
      [60_000, 1],
    ]);
    expect(finalOf(early.committed)).toEqual(without.committed);
    const latest = early.store.results('revenue');
    expect(latest.filter((r) => !isEarly(r.value))).toEqual(without.store.results('revenue'));
  });
});
