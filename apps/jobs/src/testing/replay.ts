/**
 * Replaying a scripted stream into a job core, optionally snapshotting → JSON → restoring it into a fresh core at
 * given cut points, and reading the results the way a compacted topic keeps them. Works for any job core.
 */
import type { DomainRecord } from '@ecom/cdc';
import { MAX_TIMESTAMP } from '@ecom/windowing';
import type { JobResult, JsonValue, StreamJobCore } from '../runtime/stream-job.js';

/**
 * One step: a record, then the watermark (if any), then drain (if asked).
 *
 * @example
 * import type { DomainRecord } from '@ecom/cdc';
 * declare const record: DomainRecord;
 * const step: ReplayStep = { record, watermark: 59_999, drain: true };
 */
export interface ReplayStep {
  readonly record: DomainRecord;
  readonly watermark: number | null;
  readonly drain: boolean;
}

/**
 * Feeds the steps, then the final watermark (`MAX_TIMESTAMP`) and a last drain. `cuts` are positions (2 per step:
 * after the record, after the watermark) where the core is snapshotted, the snapshot sent through JSON and restored
 * into a fresh core from `build`.
 *
 * @example
 * const { outputs, late, job } = replay(() => createTopProductsJob(), [], new Set([0]));
 */
export function replay<J extends StreamJobCore>(
  build: () => J,
  steps: readonly ReplayStep[],
  cuts: ReadonlySet<number> = new Set(),
) {
  let job = build();
  const restart = () => {
    const copy = build();
    copy.restore(JSON.parse(JSON.stringify(job.snapshot())) as JsonValue);
    job = copy;
  };
  const outputs: JobResult[] = [];
  const late: unknown[] = [];
  const drain = () => {
    outputs.push(...job.drain());
    late.push(...job.drainTooLate());
  };
  steps.forEach((step, i) => {
    job.onRecord(step.record);
    if (cuts.has(2 * i)) restart();
    if (step.watermark !== null) job.onWatermark(step.watermark);
    if (cuts.has(2 * i + 1)) restart();
    if (step.drain) drain();
  });
  job.onWatermark(MAX_TIMESTAMP);
  drain();
  return { outputs, late, job };
}

/**
 * The latest value per `<windowStart>/<key>` (what the compacted topic keeps); retracted results are left out.
 *
 * @example
 * compacted([{ topic: 't', id: { job: 'j', windowStart: 0, windowEnd: 60_000, key: 'quantity/1' }, value: null }]).size; // 0
 */
export function compacted(outputs: readonly JobResult[]): Map<string, JobResult['value']> {
  const latest = new Map<string, JobResult['value']>();
  for (const r of outputs) {
    const key = `${r.id.windowStart}/${r.id.key}`;
    if (r.value === null) latest.delete(key);
    else latest.set(key, r.value);
  }
  return latest;
}

/**
 * A fresh core (from `fresh`) restored from `core`'s snapshot sent through JSON: a restart, as a checkpoint does it.
 *
 * @example
 * import { createRevenuePartialsJob } from '../jobs/revenue/index.js';
 * const copy = restarted(createRevenuePartialsJob(), () => createRevenuePartialsJob());
 */
export function restarted<T extends { snapshot(): unknown; restore(snapshot: never): void }>(
  core: T,
  fresh: () => T,
): T {
  const copy = fresh();
  copy.restore(JSON.parse(JSON.stringify(core.snapshot())) as never);
  return copy;
}
