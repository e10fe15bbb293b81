/**
 * The partial a source partition's revenue stage sends to the merging stage: the full current content of one
 * window in that partition (an upsert, not a delta, so a resent or replayed partial is harmless).
 */
import type { JobResult, JsonValue } from '../../runtime/stream-job.js';
import { JobError } from '../job-error.js';
import { formatHundredths, parseHundredths } from '../decimal.js';
import { REVENUE_JOB_NAME } from './options.js';

/**
 * A window's content in one partition: its orders, their revenue in hundredths and its distinct customers.
 *
 * @example
 * const p: RevenuePartial = { start: 0, orders: 2, cents: 15_000n, customers: [7, 9] };
 */
export interface RevenuePartial {
  readonly start: number;
  readonly orders: number;
  readonly cents: bigint;
  /** Distinct customer ids, ascending. */
  readonly customers: readonly number[];
}

/**
 * The result id and topic partials travel under (`key` `'all'`: one global figure per window).
 *
 * @example
 * const topic: string = REVENUE_PARTIALS; // 'revenue.partials'
 */
export const REVENUE_PARTIALS = 'revenue.partials';

/**
 * The partial as a `JobResult` (`value.revenue` a 2-place decimal string).
 *
 * @example
 * partialResult({ start: 0, orders: 1, cents: 100n, customers: [7] }, 60_000).value; // { orders: 1, revenue: '1.00', customers: [7] }
 */
export function partialResult(p: RevenuePartial, windowSize: number): JobResult {
  return {
    topic: REVENUE_PARTIALS,
    id: { job: REVENUE_JOB_NAME, windowStart: p.start, windowEnd: p.start + windowSize, key: 'all' },
    value: { orders: p.orders, revenue: formatHundredths(p.cents), customers: p.customers as JsonValue[] },
  };
}

function refuse(why: string, raw: unknown): never {
  throw new JobError(REVENUE_JOB_NAME, 'INVALID_RECORD', `cannot use a revenue partial: ${why}`, { raw });
}

/**
 * Reads a partial back from its result, checking every field (a `JobError` `INVALID_RECORD` otherwise).
 *
 * @example
 * const p = readPartial(partialResult({ start: 0, orders: 1, cents: 100n, customers: [7] }, 60_000), 60_000);
 * p.cents; // 100n
 */
export function readPartial(result: JobResult, windowSize: number): RevenuePartial {
  const { id, value } = result;
  if (id.job !== REVENUE_JOB_NAME || id.key !== 'all')
    refuse(`id ${JSON.stringify(id)} is not a revenue window`, result);
  if (
    !Number.isSafeInteger(id.windowStart) ||
    id.windowStart % windowSize !== 0 ||
    id.windowEnd !== id.windowStart + windowSize
  ) {
    refuse(`window [${id.windowStart}, ${id.windowEnd}) is not on the ${windowSize} ms grid`, result);
  }
  if (value === null) refuse('no value', result);
  const { orders, revenue, customers } = value as {
    orders?: unknown;
    revenue?: unknown;
    customers?: unknown;
  };
  if (typeof orders !== 'number' || !Number.isSafeInteger(orders) || orders < 0)
    refuse('orders is not a count', result);
  const cents = parseHundredths(revenue);
  if (cents === undefined) refuse('revenue is not a decimal with 2 places', result);
  if (
    !Array.isArray(customers) ||
    !customers.every((c) => typeof c === 'number' && Number.isSafeInteger(c))
  ) {
    refuse('customers is not a list of integer ids', result);
  }
  return { start: id.windowStart, orders, cents, customers: customers as number[] };
}
