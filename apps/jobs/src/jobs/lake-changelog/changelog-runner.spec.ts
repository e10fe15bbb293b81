import { createDecoder, typeMapFromShopTables, type KafkaRecordLike } from '@ecom/cdc';
import type { ObjectStore } from '@ecom/lakehouse';
import { parquetReadObjects } from 'hyparquet';
import { MemoryCheckpointStore } from '../../runtime/checkpoints/memory-checkpoint-store.js';
import type { CheckpointStore } from '../../runtime/checkpoints/checkpoint-store.js';
import type { DeadLetter } from '../../runtime/run/dead-letters.js';
import { orderMessage } from '../../testing/order-messages.js';
import type { OrderVersion } from '../../testing/order-records.js';
import { ChangeLogRunner, type ChangeLogRollPolicy } from './changelog-runner.js';

const partition = { source: 'ecommerce-cdc.public.orders', partition: 0 };
const DAY = Date.UTC(2026, 11, 3, 22);

class MemoryObjects implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  puts = 0;
  failPutAt = Infinity;
  async put(key: string, body: Uint8Array) {
    if (++this.puts >= this.failPutAt) throw new Error('crash during put');
    this.objects.set(key, body);
  }
  async get(key: string) {
    return this.objects.get(key) ?? null;
  }
  async list(prefix: string) {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix));
  }
  async delete(key: string) {
    this.objects.delete(key);
  }
}

/** A checkpoint store whose n-th commit fails (a crash right before it). */
function crashingStore(inner: CheckpointStore, failAt: { n: number }): CheckpointStore {
  let commits = 0;
  return {
    claim: (...a) => inner.claim(...a),
    load: (...a) => inner.load(...a),
    commit: async (c) => {
      if (++commits === failAt.n) throw new Error('crash before commit');
      return inner.commit(c);
    },
  };
}

/** Seeded changes of orders over two commit days (creates, updates, deletes), Kafka offsets 0…n−1. */
function changes(n: number): KafkaRecordLike[] {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const live = new Map<number, OrderVersion>();
  const out: KafkaRecordLike[] = [];
  for (let offset = 0; offset < n; offset++) {
    const at = DAY + offset * 60_000; // crosses midnight UTC after 120 changes
    const pick = [...live.keys()][Math.floor(random() * live.size)];
    let message: { key: string; value: string };
    if (pick === undefined || random() < 0.5) {
      const v = { id: offset + 1, customer: 1 + Math.floor(random() * 9), at, total: `${offset}.05` };
      live.set(v.id, v);
      message = orderMessage('c', null, v);
    } else if (random() < 0.8) {
      const before = live.get(pick) as OrderVersion;
      const after = { ...before, at, total: `${offset}.10` };
      live.set(pick, after);
      message = orderMessage('u', before, after);
    } else {
      const before = { ...(live.get(pick) as OrderVersion), at };
      live.delete(pick);
      message = orderMessage('d', before, null);
    }
    out.push({ topic: partition.source, partition: 0, offset: String(offset), ...message });
  }
  return out;
}

async function readAll(objects: MemoryObjects): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const body of objects.objects.values()) {
    const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
    rows.push(...((await parquetReadObjects({ file })) as Record<string, unknown>[]));
  }
  return rows;
}

const ROLL: ChangeLogRollPolicy = { maxRecords: 40, maxBytes: 1 << 30, maxAgeMs: 60_000 };

/** Runs instances until every record is read and the last buffer rolled; `crash` arms a failure per instance. */
async function run(
  records: readonly KafkaRecordLike[],
  objects: MemoryObjects,
  crash: (instance: number) => { commitAt: number; putAt: number } | null,
): Promise<{ instances: number; letters: DeadLetter[] }> {
  const base = new MemoryCheckpointStore();
  const letters: DeadLetter[] = [];
  let now = 0;
  for (let instance = 0; ; instance++) {
    const armed = crash(instance);
    const failAt = { n: armed?.commitAt ?? Infinity };
    objects.puts = 0;
    objects.failPutAt = armed?.putAt ?? Infinity;
    const runner = new ChangeLogRunner({
      store: crashingStore(base, failAt),
      objects,
      prefix: 'changelog',
      decoder: createDecoder({ typeMap: typeMapFromShopTables() }),
      deadLetters: { send: async (batch) => void letters.push(...batch) },
      roll: ROLL,
      clock: () => now,
    });
    try {
      const offsets = await runner.assigned([partition]);
      let next = Number(offsets.values().next().value ?? 0);
      while (next < records.length) {
        const slice = records.slice(next, next + 7);
        next += slice.length;
        await runner.batch({ partition, records: slice, nextOffset: String(next) });
        now += 1_000;
      }
      now += ROLL.maxAgeMs;
      await runner.tick();
      expect(runner.buffered).toBe(0);
      return { instances: instance + 1, letters };
    } catch (e) {
      if (!/crash/.test((e as Error).message)) throw e;
    }
  }
}

describe('ChangeLogRunner', () => {
  const records = changes(300);

  it('rolls by count and by age into files named by their first and last offsets, each change once', async () => {
    const objects = new MemoryObjects();
    const { letters } = await run(records, objects, () => null);
    expect(letters).toEqual([]);
    const keys = [...objects.objects.keys()].sort();
    expect(keys).toContain(
      'changelog/orders/event_date=2026-12-03/part-ecommerce-cdc.public.orders_0-0_0-39_0.parquet',
    );
    expect(keys.some((k) => k.includes('event_date=2026-12-04/'))).toBe(true);
    const rows = await readAll(objects);
    expect(rows.map((r) => Number(r['source_offset'])).sort((a, b) => a - b)).toEqual(
      records.map((_, i) => i),
    );
    const first = rows.find((r) => r['source_offset'] === 0n) as Record<string, unknown>;
    expect(first['op']).toBe('c');
    expect(first['after_order_id']).toBe(1);
    expect(first['before_order_id']).toBeNull();
    expect(first['source_partition']).toBe('ecommerce-cdc.public.orders/0');
  });

  it('after crashes before commits and in the middle of rolls, the files are those of a crash-free run', async () => {
    const clean = new MemoryObjects();
    await run(records, clean, () => null);
    const crashed = new MemoryObjects();
    let seed = 3;
    const random = (n: number) => 1 + ((seed = (seed * 48_271) % 2_147_483_647) % n);
    const { instances } = await run(records, crashed, (i) =>
      i < 12
        ? i % 2 === 0
          ? { commitAt: random(12), putAt: Infinity }
          : { commitAt: Infinity, putAt: random(3) }
        : null,
    );
    expect(instances).toBeGreaterThan(6);
    expect([...crashed.objects.keys()].sort()).toEqual([...clean.objects.keys()].sort());
    const rows = await readAll(crashed);
    const offsets = rows.map((r) => Number(r['source_offset']));
    expect(new Set(offsets).size).toBe(offsets.length);
    expect(offsets.sort((a, b) => a - b)).toEqual(records.map((_, i) => i));
  });

  it('dead-letters an undecodable record and keeps going', async () => {
    const objects = new MemoryObjects();
    const bad = [
      ...records.slice(0, 10),
      { topic: partition.source, partition: 0, offset: '10', key: null, value: '{' },
    ];
    const { letters } = await run(bad, objects, () => null);
    expect(letters.map((l) => l.headers['cdc.error.code'])).toEqual(['MALFORMED_JSON']);
    expect((await readAll(objects)).length).toBe(10);
  });
});
