/**
 * Checks what a job core hands the runtime before anything is written, so a bad result fails with a typed error
 * that names it instead of a PostgreSQL error halfway through a transaction.
 */
import { JobRuntimeError } from '../errors.js';
import type { JobResult } from '../stream-job.js';
import { jsonProblem, textProblem } from './json-text.js';

/** The earliest instant PostgreSQL's `timestamptz` holds (4714-11-24 BC), epoch ms. */
const MIN_WINDOW_MS = -210_866_803_200_000;
/** The latest instant a JavaScript `Date` holds, epoch ms. */
const MAX_WINDOW_MS = 8_640_000_000_000_000;

function nameProblem(value: unknown, what: string): string | null {
  if (typeof value !== 'string' || value === '') return `${what} must be a non-empty string`;
  const problem = textProblem(value);
  return problem && `${what} ${problem}`;
}

function windowProblem(value: unknown, what: string): string | null {
  return Number.isSafeInteger(value) &&
    (value as number) >= MIN_WINDOW_MS &&
    (value as number) <= MAX_WINDOW_MS
    ? null
    : `${what} must be an integer epoch-ms instant between 4714 BC and 275760 AD`;
}

function resultProblem(result: JobResult, job: string | undefined): string | null {
  if (typeof result !== 'object' || result === null) return 'is not an object';
  const { id, topic, value } = result;
  if (typeof id !== 'object' || id === null) return 'has no id';
  const problem =
    nameProblem(topic, 'topic') ??
    nameProblem(id.job, 'id.job') ??
    nameProblem(id.key, 'id.key') ??
    windowProblem(id.windowStart, 'id.windowStart') ??
    windowProblem(id.windowEnd, 'id.windowEnd');
  if (problem) return problem;
  if (id.windowEnd <= id.windowStart) return 'id.windowEnd must be after id.windowStart';
  if (job !== undefined && id.job !== job)
    return `belongs to job ${JSON.stringify(id.job)}, not ${JSON.stringify(job)}`;
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    return 'value must be an object, or null to retract';
  }
  return jsonProblem(value, 'value');
}

/**
 * Throws {@link JobRuntimeError} `INVALID_RESULT` naming the first unusable result (its index, and the result as `raw`):
 * empty names, non-integer or inverted windows, a value that is not a plain JSON object (or `null`), text PostgreSQL
 * refuses. With `job`, every result must belong to that job.
 *
 * @example
 * assertResults([{ topic: 'statistics_revenue', id: { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' }, value: null }]);
 * assertResults([], 'revenue'); // nothing to check
 */
export function assertResults(results: readonly JobResult[], job?: string): void {
  if (!Array.isArray(results))
    throw new JobRuntimeError('INVALID_RESULT', 'results must be an array', { raw: results });
  for (let i = 0; i < results.length; i++) {
    const problem = resultProblem(results[i] as JobResult, job);
    if (problem) throw new JobRuntimeError('INVALID_RESULT', `result ${i}: ${problem}`, { raw: results[i] });
  }
}
