/**
 * Pipeline health from two samples of what PostgreSQL holds: rates are differences over the time between them.
 */
import type { RawHealth } from './dashboard-queries.js';
import type { PipelineCounters, PipelineHealth } from './dashboard-types.js';

/** `(b − a) / seconds`, or `null` when a side is missing, no time passed or a counter went back (a reset). */
function rate(a: string | null | undefined, b: string | null | undefined, seconds: number): number | null {
  if (a == null || b == null || seconds <= 0) return null;
  const diff = Number(BigInt(b.split('.')[0] ?? '0') - BigInt(a.split('.')[0] ?? '0'));
  return diff < 0 ? null : Math.round((diff / seconds) * 10) / 10;
}

/**
 * The health the page shows, from the current sample, the previous one (for rates; `undefined` on the first) and
 * the in-process counters when this process runs the jobs.
 *
 * @example
 * declare const previous: RawHealth, current: RawHealth;
 * pipelineHealth(current, previous, null).eventsPerSecond; // e.g. 12.5 row changes per second
 */
export function pipelineHealth(
  current: RawHealth,
  previous: RawHealth | undefined,
  counters: PipelineCounters | null,
): PipelineHealth {
  const seconds = previous === undefined ? 0 : (current.nowMs - previous.nowMs) / 1000;
  const before = new Map(previous?.checkpoints.map((c) => [c.job, c.kafkaOffsets]) ?? []);
  return {
    at: new Date(current.nowMs).toISOString(),
    eventsPerSecond: rate(previous?.shopChanges, current.shopChanges, seconds),
    slots: current.slots,
    jobs: current.checkpoints.map((c) => ({
      job: c.job,
      partitions: c.partitions,
      lastCommit: new Date(c.lastCommitMs).toISOString(),
      offsetsPerSecond: rate(before.get(c.job), c.kafkaOffsets, seconds),
    })),
    resultDelays: current.finalWindowEnds.map((f) => ({
      job: f.job,
      windowEnd: new Date(f.endMs).toISOString(),
      delaySeconds: Math.max(0, Math.round((current.nowMs - f.endMs) / 1000)),
    })),
    outbox: current.outbox,
    alertDeliveries: current.alertDeliveries,
    counters,
  };
}
