/**
 * A scripted revenue stream for the runtime's Kafka specs: 60 orders over ~7 minutes (event times jittered within the
 * bound), some updated or cancelled, a torn record and an invalid row, then one flush order per partition; with the
 * truth the pure core computes for it, as a compacted topic's readers see it.
 */
import type { DomainRecord } from '@ecom/cdc';
import { createRevenueJob, type RevenueJobOptions } from '../jobs/revenue/index.js';
import type { CheckpointStore } from '../runtime/checkpoints/checkpoint-store.js';
import { latestById } from '../runtime/results/result-id.js';
import { toKafkaMessage } from '../runtime/sinks/kafka-messages.js';
import type { JobResult } from '../runtime/stream-job.js';
import { orderMessage } from './order-messages.js';
import { orders, type OrderVersion } from './order-records.js';

const T0 = Date.UTC(2026, 0, 1);
/** The event time of the flush orders that close every window of the script. */
const FLUSH_AT = T0 + 3_600_000 + 30_000;
/** The script's out-of-orderness bound (ms). */
export const SCRIPT_BOUND = 5_000;

/**
 * One scripted Kafka record: its partition, its message and the domain record it carries (`null`: garbage).
 *
 * @example
 * const c: ScriptedChange = { partition: 0, message: { key: '{"order_id":1}', value: '{' }, record: null };
 */
export interface ScriptedChange {
  readonly partition: number;
  readonly message: { key: string; value: string };
  readonly record: DomainRecord | null;
}

/**
 * The script, over `partitions` partitions (by order id), with one flush order per partition at the end.
 *
 * @example
 * revenueScript(2).filter((c) => c.record === null).length; // 2: the torn record and the invalid row
 */
export function revenueScript(partitions = 2): ScriptedChange[] {
  const out: ScriptedChange[] = [];
  const push = (op: 'c' | 'u', before: OrderVersion | null, after: OrderVersion, record: DomainRecord) =>
    out.push({ partition: after.id % partitions, message: orderMessage(op, before, after), record });
  for (let i = 1; i <= 60; i++) {
    const v: OrderVersion = {
      id: i,
      customer: 1 + (i % 7),
      at: T0 + i * 7_000 - ((i * 1_237) % 3_000),
      total: `${i * 3}.${i % 10}5`,
    };
    push('c', null, v, orders.create(v));
    if (i % 3 === 0) {
      const u = { ...v, total: `${i * 5}.00` };
      push('u', v, u, orders.update(v, u));
      if (i % 9 === 0) push('u', u, { ...u, status: 'cancelled' }, orders.cancel(u));
    } else if (i % 5 === 0) push('u', v, { ...v, status: 'cancelled' }, orders.cancel(v));
    if (i === 45)
      out.push({
        partition: 0,
        message: { key: '{"order_id":45}', value: '{"before":null,"after":' },
        record: null,
      });
    if (i === 46) {
      const bad = { ...v, id: 9_999 };
      const message = orderMessage('c', null, bad);
      out.push({
        partition: 1 % partitions,
        message: { ...message, value: message.value.replace('"customer_id":', '"customer_id":"x","c":') },
        record: null,
      });
    }
  }
  for (let p = 0; p < partitions; p++) {
    const v: OrderVersion = { id: 1_001 + p, customer: 1, at: FLUSH_AT, total: '1.00' };
    out.push({ partition: p, message: orderMessage('c', null, v), record: orders.create(v) });
  }
  return out;
}

/**
 * Result id JSON → value of the non-retracted results (what a compacted topic's readers see).
 *
 * @example
 * revenueTruth([]).size; // 0
 */
export function revenueTruth(results: readonly JobResult[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const r of latestById(results)) {
    if (r.value === null) continue;
    const m = toKafkaMessage(r);
    out.set(String(m.key), JSON.parse(String(m.value)));
  }
  return out;
}

/**
 * What the pure single-process core (with `options`) computes for scripted changes, once the watermark of the
 * latest event time (the flush orders) closed every window before it.
 *
 * @example
 * pureRevenueTruth(revenueScript()).size > 5; // true
 */
export function pureRevenueTruth(
  changes: readonly ScriptedChange[],
  options: RevenueJobOptions = {},
): Map<string, unknown> {
  const core = createRevenueJob(options);
  let max = Number.MIN_SAFE_INTEGER;
  for (const c of changes) {
    if (c.record === null) continue;
    core.onRecord(c.record);
    max = Math.max(max, c.record.eventTime);
  }
  core.onWatermark(max - SCRIPT_BOUND - 1);
  return revenueTruth(core.drain());
}

/**
 * A store whose commits fail once `killed` is set: the instance "dies" with its last batches uncommitted.
 *
 * @example
 * import { MemoryCheckpointStore } from '../runtime/checkpoints/memory-checkpoint-store.js';
 * const store = killable(new MemoryCheckpointStore());
 * store.killed = true;
 */
export function killable(store: CheckpointStore): CheckpointStore & { killed: boolean } {
  const s = {
    killed: false,
    claim: store.claim.bind(store),
    load: store.load.bind(store),
    commit: (commit: Parameters<CheckpointStore['commit']>[0]) =>
      s.killed ? Promise.reject(new Error('killed')) : store.commit(commit),
  };
  return s;
}
