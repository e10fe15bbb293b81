// JobRunner on the in-memory checkpoint store with raw Debezium JSON records: watermarks (min across
// partitions, checkpointed), restore after a crash, dead letters (undecodable, refused, too late), commit retry
// on STORE_UNAVAILABLE, fencing. The real-Kafka/PostgreSQL run is kafka-job.int.spec.ts.
import { createDecoder, typeMapFromShopTables, type KafkaRecordLike } from '@ecom/cdc';
import { createRevenueJob, JobError } from '../../jobs/revenue/index.js';
import { orderMessage } from '../../testing/order-messages.js';
import type { OrderVersion } from '../../testing/order-records.js';
import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
import type { CheckpointStore } from '../checkpoints/checkpoint-store.js';
import { FencedError, JobRuntimeError } from '../errors.js';
import type { SourceBatch } from '../source/change-source.js';
import type { StreamJobCore } from '../stream-job.js';
import type { DeadLetter } from './dead-letters.js';
import { JobRunner, type JobRunnerOptions } from './job-runner.js';

const TOPIC = 'ecommerce-cdc.public.orders';
const T0 = Date.UTC(2026, 0, 1);
const P0 = { source: TOPIC, partition: 0 };
const P1 = { source: TOPIC, partition: 1 };

function batchOf(
  partition: typeof P0,
  from: number,
  values: readonly { key: string; value: string }[],
): SourceBatch {
  const records: KafkaRecordLike[] = values.map((m, i) => ({
    topic: TOPIC,
    partition: partition.partition,
    offset: String(from + i),
    ...m,
  }));
  return { partition, records, nextOffset: String(from + values.length) };
}

const order = (id: number, at: number, total = '10.00'): OrderVersion => ({ id, customer: id, at, total });
const created = (v: OrderVersion) => orderMessage('c', null, v);

function runner(overrides: Partial<JobRunnerOptions> & { letters?: DeadLetter[] } = {}): JobRunner {
  const letters = overrides.letters ?? [];
  return new JobRunner({
    core: createRevenueJob(),
    store: new MemoryCheckpointStore(),
    decoder: createDecoder({ typeMap: typeMapFromShopTables() }),
    deadLetters: { send: async (batch) => void letters.push(...batch) },
    watermarks: { outOfOrdernessMs: 5_000, idleTimeoutMs: 0 },
    relay: async () => undefined,
    retry: { attempts: 4, delayMs: 1 },
    ...overrides,
  });
}

describe('JobRunner', () => {
  test('the job watermark is the minimum over the partitions, and survives a restart with the offsets', async () => {
    const store = new MemoryCheckpointStore();
    const core = createRevenueJob();
    const watermarks: number[] = [];
    const spy: StreamJobCore = Object.assign(Object.create(core) as StreamJobCore, {
      onWatermark: (w: number) => {
        watermarks.push(w);
        core.onWatermark(w);
      },
    });
    const a = runner({ store, core: spy });
    expect(await a.assigned([P0, P1])).toEqual(
      new Map([
        [`${TOPIC}\u00000`, null],
        [`${TOPIC}\u00001`, null],
      ]),
    );
    await a.batch(batchOf(P0, 0, [created(order(1, T0 + 120_000))]));
    expect(watermarks).toEqual([]); // partition 1 has no event yet
    await a.batch(batchOf(P1, 0, [created(order(2, T0 + 65_000))]));
    expect(watermarks).toEqual([T0 + 59_999]);

    const b = runner({ store }); // a crash: a fresh core and fresh watermarks, restored from the checkpoint
    const offsets = await b.assigned([P0, P1]);
    expect([...offsets.values()]).toEqual(['1', '1']);
    expect(b.watermark).toBe(T0 + 59_999);
    await b.batch(batchOf(P1, 1, [created(order(3, T0 + 200_000))]));
    expect(b.watermark).toBe(T0 + 114_999); // P0's restored maximum (120 s) holds it back
    expect((await store.load('revenue', [P0, P1])).map((c) => c.nextOffset)).toEqual(['1', '2']);
  });

  test('undecodable and refused records go to the dead letters with their bytes; the batch still commits', async () => {
    const letters: DeadLetter[] = [];
    const core = createRevenueJob();
    const refusing: StreamJobCore = Object.assign(Object.create(core) as StreamJobCore, {
      onRecord: (record: Parameters<StreamJobCore['onRecord']>[0]) => {
        if (record.table === 'orders' && record.after?.order_id === 13)
          throw new JobError('revenue', 'INVALID_RECORD', 'unlucky');
        core.onRecord(record);
      },
    });
    const store = new MemoryCheckpointStore();
    const r = runner({ letters, core: refusing, store });
    await r.assigned([P0]);
    await r.batch(
      batchOf(P0, 0, [{ key: 'k', value: '{"before":' }, created(order(13, T0)), created(order(14, T0))]),
    );
    expect(letters.map((l) => l.headers['cdc.error.code'])).toEqual(['MALFORMED_JSON', 'INVALID_RECORD']);
    expect(String(letters[0]?.value)).toBe('{"before":');
    expect(letters[1]?.headers).toMatchObject({
      'cdc.error.job': 'revenue',
      'cdc.error.offset': '1',
      'cdc.error.partition': '0',
    });
    expect(JSON.parse(String(letters[1]?.value)).after.order_id).toBe(13);
    expect(r.metrics).toMatchObject({ records: 3, deadLetters: 2, commits: 1 });
    expect((await store.load('revenue', [P0]))[0]?.nextOffset).toBe('3');
  });

  test('a change past the correction horizon is a TOO_LATE dead letter', async () => {
    const letters: DeadLetter[] = [];
    const r = runner({ letters, core: createRevenueJob({ correctionHorizon: 60_000 }) });
    await r.assigned([P0]);
    const v = order(1, T0);
    await r.batch(batchOf(P0, 0, [created(v), created(order(2, T0 + 600_000))]));
    await r.batch(batchOf(P0, 2, [orderMessage('u', v, { ...v, total: '99.00' })]));
    expect(letters.map((l) => l.headers['cdc.error.code'])).toEqual(['TOO_LATE']);
    expect(r.metrics.tooLate).toBe(1);
  });

  test('a commit failing with STORE_UNAVAILABLE is retried as is; STORE_FAILED is not', async () => {
    const memory = new MemoryCheckpointStore();
    let failures = 2;
    let code: 'STORE_UNAVAILABLE' | 'STORE_FAILED' = 'STORE_UNAVAILABLE';
    const store: CheckpointStore = {
      claim: memory.claim.bind(memory),
      load: memory.load.bind(memory),
      commit: async (commit) => {
        if (failures-- > 0) throw new JobRuntimeError(code, 'connection terminated');
        return memory.commit(commit);
      },
    };
    const r = runner({ store });
    await r.assigned([P0]);
    await r.batch(batchOf(P0, 0, [created(order(1, T0))]));
    expect(r.metrics).toMatchObject({ commits: 1, commitRetries: 2 });
    failures = 1;
    code = 'STORE_FAILED';
    await expect(r.batch(batchOf(P0, 1, [created(order(2, T0))]))).rejects.toMatchObject({
      code: 'STORE_FAILED',
    });
  });

  test('a stale owner is fenced and stops until it is assigned again', async () => {
    const store = new MemoryCheckpointStore();
    const stale = runner({ store });
    await stale.assigned([P0]);
    const owner = runner({ store });
    await owner.assigned([P0]);
    await expect(stale.batch(batchOf(P0, 0, [created(order(1, T0))]))).rejects.toBeInstanceOf(FencedError);
    expect(stale.metrics.fenced).toBe(1);
    await expect(stale.batch(batchOf(P0, 0, [created(order(1, T0))]))).rejects.toMatchObject({
      code: 'NOT_CLAIMED',
    });
    await owner.batch(batchOf(P0, 0, [created(order(1, T0))]));
    expect(owner.metrics.commits).toBe(1);
  });
});
