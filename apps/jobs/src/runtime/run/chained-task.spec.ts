// The stages of a two-phase job fused into one ChainedTask (the in-process mode), on the in-memory checkpoint store:
// the revenue job's partials and merge in one task give the results of the single-process core, on WAL-position
// offsets (not digits); a crash after any batch, restored from the one checkpoint row, ends where a clean run does;
// a corrupt state is refused.
import { createDecoder, typeMapFromShopTables, type KafkaRecordLike } from '@ecom/cdc';
import { createRevenueJob } from '../../jobs/revenue/index.js';
import { createRevenueMergeJob } from '../../jobs/revenue/revenue-merge-job.js';
import { createRevenuePartialsJob } from '../../jobs/revenue/revenue-partials-job.js';
import { orderMessage } from '../../testing/order-messages.js';
import type { OrderVersion } from '../../testing/order-records.js';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
import { JobRuntimeError } from '../errors.js';
import type { SourceBatch } from '../source/change-source.js';
import { CdcTask, upstreamName } from './cdc-task.js';
import { ChainedTask } from './chained-task.js';
import { MergeTask } from './merge-task.js';
import { walPosition } from '../source/pgoutput-change-source.js';
import { TaskRunner } from './task-runner.js';

const T0 = Date.UTC(2026, 0, 1);
const SLOT: SourcePartition = { source: 'pgoutput:ecom_jobs_revenue', partition: 0 };
const decoder = createDecoder({ typeMap: typeMapFromShopTables() });

const order = (id: number, atS: number, total = '10.00'): OrderVersion => ({
  id,
  customer: 1 + (id % 3),
  at: T0 + atS * 1_000,
  total,
});

/** Orders over five minutes, some repriced or cancelled, then one that closes them all. */
const SCRIPT = [
  ...Array.from({ length: 30 }, (_, i) => orderMessage('c', null, order(i + 1, i * 9, `${i + 1}.25`))),
  orderMessage('u', order(3, 18, '3.25'), { ...order(3, 18, '3.25'), status: 'cancelled' }),
  orderMessage('u', order(7, 54, '7.25'), order(7, 54, '70.05')),
  orderMessage('c', null, order(99, 900)),
];

/** Batches of `size` from `from`, offsets as the pgoutput source gives them (WAL positions). */
function batches(from: number, size: number): SourceBatch[] {
  const out: SourceBatch[] = [];
  for (let i = from; i < SCRIPT.length; i += size) {
    const records: KafkaRecordLike[] = SCRIPT.slice(i, i + size).map((m, j) => ({
      topic: 'ecommerce-cdc.public.orders',
      partition: 0,
      offset: walPosition(1_000n + BigInt(i + j), 0),
      ...m,
    }));
    out.push({
      partition: SLOT,
      records,
      nextOffset: walPosition(1_000n + BigInt(i + records.length - 1), 0),
    });
  }
  return out;
}

const chained = () =>
  new ChainedTask(
    new CdcTask({
      core: createRevenuePartialsJob(),
      decoder,
      partition: SLOT,
      watermarks: { outOfOrdernessMs: 0 },
      forward: true,
    }),
    [
      {
        task: new MergeTask(createRevenueMergeJob({ inputs: [upstreamName(SLOT)] })),
        partition: { source: 'revenue.repartition', partition: 0 },
      },
    ],
  );

function runner(store: MemoryCheckpointStore, createTask: () => ChainedTask | CdcTask): TaskRunner {
  return new TaskRunner({
    job: 'revenue',
    store,
    deadLetters: { send: async (letters) => void expect(letters).toEqual([]) },
    createTask,
    relay: async () => undefined,
  });
}

async function runAll(createTask: () => ChainedTask | CdcTask, crashAfter?: number) {
  const store = new MemoryCheckpointStore();
  let r = runner(store, createTask);
  await r.assigned([SLOT]);
  const all = batches(0, 4);
  for (const [i, b] of all.entries()) {
    await r.batch(b);
    if (i === crashAfter) {
      r = runner(store, createTask); // a new process: restored from the one row
      const offsets = await r.assigned([SLOT]);
      expect(offsets.get(`${SLOT.source}\u0000${SLOT.partition}`)).toBe(b.nextOffset);
    }
  }
  return store.results('revenue');
}

describe('ChainedTask', () => {
  it('fuses partials and merge into the results of the single-process core, on WAL-position offsets', async () => {
    const single = () =>
      new CdcTask({
        core: createRevenueJob(),
        decoder,
        partition: SLOT,
        watermarks: { outOfOrdernessMs: 0 },
        forward: false,
      });
    const expected = await runAll(single);
    expect(expected.length).toBeGreaterThan(3);
    expect(await runAll(chained)).toEqual(expected);
  });

  it('a crash after any batch, restored from the checkpoint row, ends where a clean run does', async () => {
    const clean = await runAll(chained);
    for (const crashAfter of [0, 3, 5, 7]) expect(await runAll(chained, crashAfter)).toEqual(clean);
  });

  it('refuses a corrupt state and a chain without stages', () => {
    expect(() => chained().restore({ step: 'x' })).toThrow(JobRuntimeError);
    expect(() => chained().restore({ step: 1, head: null, stages: [] })).toThrow(
      'corrupt chained-task state',
    );
    const head = chained();
    expect(() => new ChainedTask(head, [])).toThrow('at least one stage');
  });
});
