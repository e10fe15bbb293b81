/**
 * One canonical text per {@link ResultId}: the Kafka message key of the compacted output topics, the `id` of a
 * JSON-lines record, and the key results are deduplicated by. Compaction compares key bytes, so the field order is
 * fixed here and nowhere else.
 */
import type { JobResult, ResultId } from '../stream-job.js';

/**
 * The canonical JSON of a result id: `{"job":…,"windowStart":…,"windowEnd":…,"key":…}`, in that order.
 *
 * @example
 * resultIdJson({ job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' });
 * // '{"job":"revenue","windowStart":0,"windowEnd":60000,"key":"all"}'
 */
export function resultIdJson(id: ResultId): string {
  return JSON.stringify({ job: id.job, windowStart: id.windowStart, windowEnd: id.windowEnd, key: id.key });
}

/**
 * The last result per id, in the order each id last appeared: what an idempotent sink must end up holding after
 * writing `results` in order. (A batch may correct the same window twice; only the latest truth is written.)
 *
 * @example
 * const id = { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' };
 * latestById([
 *   { topic: 't', id, value: { n: 1 } },
 *   { topic: 't', id, value: { n: 2 } },
 * ]); // [{ topic: 't', id, value: { n: 2 } }]
 */
export function latestById(results: readonly JobResult[]): JobResult[] {
  const latest = new Map<string, JobResult>();
  for (const result of results) {
    const key = resultIdJson(result.id);
    latest.delete(key);
    latest.set(key, result);
  }
  return [...latest.values()];
}

/**
 * Orders results by job, window start, window end, then key (code-unit order, like PostgreSQL's `COLLATE "C"`):
 * the order stores list results in and lock their rows in.
 *
 * @example
 * const a = { topic: 't', id: { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' }, value: null };
 * const b = { topic: 't', id: { job: 'revenue', windowStart: 60_000, windowEnd: 120_000, key: 'all' }, value: null };
 * [b, a].sort(compareResultIds); // [a, b]
 */
export function compareResultIds(a: JobResult, b: JobResult): number {
  const { id: x } = a;
  const { id: y } = b;
  if (x.job !== y.job) return x.job < y.job ? -1 : 1;
  if (x.windowStart !== y.windowStart) return x.windowStart - y.windowStart;
  if (x.windowEnd !== y.windowEnd) return x.windowEnd - y.windowEnd;
  return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
}
