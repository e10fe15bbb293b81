/**
 * Seeded properties of the revenue job: random streams of order creates, snapshot reads, updates (amount, date,
 * customer, status), cancellations and deletes, in an arrival order shuffled within a bound (each order's own
 * changes stay in order, as Kafka keeps them per key), with watermark = max event time − bound.
 *
 * 1. After the final watermark, the latest result per window equals a batch computation over the final state of
 *    every order (latest version; cancelled and deleted excluded), decimal-exact, trends included. The batch side
 *    is an @ecom/windowing window operator over the final versions plus an independent trend reference.
 * 3. Two phases (a partial core per partition of the orders, by order id, and one merging core; restarted from
 *    JSON snapshots at random points) give the same final results as the batch computation.
 * 2. Snapshot → JSON → restore at random cut points (between a record and its watermark, with results not yet
 *    drained) gives identical outputs, too-late reports and metrics, for horizons down to 0.
 * 4. Early results (`emitEarly()` at random points, in one core and in both phases) are only for windows still open,
 *    marked `final: false`, and leave the latest result per window as it is without them; with restarts from
 *    snapshots at random points, the outputs are the same as without restarts.
 */
import type { DomainRecord } from '@ecom/cdc';
import { fromMinorUnits, type OrderStatus } from '@ecom/domain';
import {
  aggregates,
  count,
  countDistinct,
  createWindowOperator,
  decimalAverage,
  decimalSum,
  MAX_TIMESTAMP,
  MIN_TIMESTAMP,
  tumbling,
} from '@ecom/windowing';
import fc from 'fast-check';
import type { JobResult } from '../../runtime/stream-job.js';
import type { RevenueJobOptions } from './options.js';
import { createRevenueJob } from './revenue-job.js';
import { createRevenueMergeJob } from './revenue-merge-job.js';
import { createRevenuePartialsJob } from './revenue-partials-job.js';
import type { RevenueJob, TooLateChange } from './revenue-job-types.js';
import { isEarly } from '../early-results.js';
import { orders, type OrderVersion } from '../../testing/order-records.js';
import { compacted, replay, restarted, type ReplayStep } from '../../testing/replay.js';

const params = {
  seed: Number(process.env.FC_SEED ?? 20_261_125),
  numRuns: Number(process.env.FC_RUNS ?? 150),
};
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const BASE = Date.UTC(2026, 10, 25, 10);
const SPAN = 12 * MIN;
const BOUND = 90_000;

interface Fields {
  customer: number;
  at: number;
  total: string;
  status: OrderStatus;
}
type Change = { kind: 'update'; v: Fields } | { kind: 'cancel' } | { kind: 'delete' };
interface History {
  first: Fields;
  read: boolean;
  changes: Change[];
}
interface Scenario {
  histories: History[];
  jitter: number[];
  ticks: boolean[];
  windowSize: number;
}

const total = fc.oneof(
  fc.constantFrom('0.00', '0.01', '0.05', '129.90', '45000000.00', '999999999999.99'),
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => fromMinorUnits(BigInt(n))),
);
const fields: fc.Arbitrary<Fields> = fc.record({
  customer: fc.integer({ min: 1, max: 4 }),
  at: fc.integer({ min: 0, max: SPAN }).map((t) => BASE + t),
  total,
  status: fc.constantFrom<OrderStatus>('pending', 'paid', 'paid', 'shipped', 'delivered', 'cancelled'),
});
const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 4, arbitrary: fields.map((v) => ({ kind: 'update' as const, v })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancel' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
);
const scenario: fc.Arbitrary<Scenario> = fc.record({
  histories: fc.array(
    fc.record({ first: fields, read: fc.boolean(), changes: fc.array(change, { maxLength: 4 }) }),
    {
      minLength: 1,
      maxLength: 14,
    },
  ),
  jitter: fc.array(fc.nat(BOUND), { minLength: 1, maxLength: 40 }),
  ticks: fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
  windowSize: fc.constantFrom(MIN, 5 * MIN),
});

/** The arrival order of the scenario's records, and the final version of every order (`null`: deleted). */
function build(s: Scenario): { arrivals: DomainRecord[]; final: (OrderVersion | null)[] } {
  const all: { record: DomainRecord; key: number; seq: number }[] = [];
  const final: (OrderVersion | null)[] = [];
  s.histories.forEach((h, i) => {
    const id = i + 1;
    let current: OrderVersion = { id, ...h.first };
    const records = [h.read ? orders.read(current) : orders.create(current)];
    let alive = true;
    for (const c of h.changes) {
      if (!alive) break;
      if (c.kind === 'delete') {
        records.push(orders.delete(current));
        alive = false;
        continue;
      }
      const next: OrderVersion = c.kind === 'cancel' ? { ...current, status: 'cancelled' } : { id, ...c.v };
      records.push(orders.update(current, next));
      current = next;
    }
    final.push(alive ? current : null);
    let last = Number.NEGATIVE_INFINITY;
    for (const record of records) {
      const key = Math.max(record.eventTime + (s.jitter[all.length % s.jitter.length] ?? 0), last + 1);
      last = key;
      all.push({ record, key, seq: all.length });
    }
  });
  all.sort((a, b) => a.key - b.key || a.seq - b.seq);
  return { arrivals: all.map((a) => a.record), final };
}

/** Feeds the arrivals (watermark = max − BOUND on ticks); `cuts` are steps (2 per record) where the job restarts. */
function run(
  s: Scenario,
  arrivals: readonly DomainRecord[],
  options: RevenueJobOptions,
  cuts = new Set<number>(),
) {
  let max = MIN_TIMESTAMP;
  const steps: ReplayStep[] = arrivals.map((record, i) => {
    max = Math.max(max, record.eventTime);
    return {
      record,
      watermark: s.ticks[i % s.ticks.length] ? max - BOUND : null,
      drain: s.ticks[(i + 1) % s.ticks.length] ?? false,
    };
  });
  const { outputs, late, job } = replay(() => createRevenueJob(options), steps, cuts);
  return { outputs, late: late as TooLateChange[], job };
}

/**
 * Like {@link run}, calling `emitEarly()` (and draining) after the records where `early` (cycled) says so; `cuts`
 * are arrival indexes where the job restarts from a JSON snapshot. Every early value must be for an open window.
 */
function runEarly(
  s: Scenario,
  arrivals: readonly DomainRecord[],
  options: RevenueJobOptions,
  early: readonly boolean[],
  cuts: ReadonlySet<number> = new Set(),
) {
  let job: RevenueJob = createRevenueJob(options);
  const outputs: JobResult[] = [];
  let max = MIN_TIMESTAMP;
  arrivals.forEach((record, i) => {
    job.onRecord(record);
    max = Math.max(max, record.eventTime);
    if (s.ticks[i % s.ticks.length]) job.onWatermark(max - BOUND);
    if (early[i % early.length]) {
      job.emitEarly();
      for (const r of job.drain()) {
        if (isEarly(r.value)) expect(r.id.windowEnd - 1).toBeGreaterThan(job.watermark);
        outputs.push(r);
      }
    }
    if (s.ticks[(i + 1) % s.ticks.length]) outputs.push(...job.drain());
    if (cuts.has(i)) job = restarted(job, () => createRevenueJob(options));
  });
  job.onWatermark(MAX_TIMESTAMP);
  outputs.push(...job.drain());
  return { outputs, job };
}

/** Where to call `emitEarly()` (cycled over the arrivals): never, or at random points. */
const earlyPoints = fc.oneof(fc.constant([false]), fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }));

/** The latest value per window start (upsert by ResultId), retracted ones left out. */
function latest(outputs: readonly JobResult[]): Map<number, JobResult['value']> {
  return new Map([...compacted(outputs)].map(([key, value]) => [Number(key.split('/')[0]), value]));
}

const cents = (decimal: string): bigint => BigInt(decimal.replace('.', ''));
function decimal(units: bigint): string {
  const digits = (units < 0n ? -units : units).toString().padStart(3, '0');
  return `${units < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
/** n / d rounded half-even, by floor division (d > 0). */
function halfEven(n: bigint, d: bigint): bigint {
  let q = n / d;
  if (q * d > n) q -= 1n;
  const twice = 2n * (n - q * d);
  return twice > d || (twice === d && q % 2n !== 0n) ? q + 1n : q;
}

/** The batch computation over the final versions: a window operator, then the trend from adjacent windows. */
function batch(final: readonly (OrderVersion | null)[], size: number): Map<number, JobResult['value']> {
  const op = createWindowOperator({
    assigner: tumbling({ size }),
    aggregate: aggregates({
      orders: count(),
      revenue: decimalSum((o: OrderVersion) => o.total),
      average: decimalAverage((o: OrderVersion) => o.total, { scale: 2 }),
      customers: countDistinct((o: OrderVersion) => o.customer),
    }),
    emit: 'final',
  });
  for (const o of final) if (o !== null && o.status !== 'cancelled') op.onElement('all', o, o.at);
  op.onWatermark(MAX_TIMESTAMP);
  const figures = new Map(op.drain().results.map((r) => [r.window.start, r.value]));
  const expected = new Map<number, JobResult['value']>();
  for (const [start, f] of figures) {
    const prev = figures.get(start - size);
    const diff = prev === undefined ? 0n : cents(f.revenue) - cents(prev.revenue);
    expected.set(start, {
      metric: 'revenue',
      window_start: new Date(start).toISOString(),
      window_end: new Date(start + size).toISOString(),
      total_orders: f.orders,
      total_revenue: f.revenue,
      window_duration_minutes: size / MIN,
      average_order_value: f.average,
      unique_customers: f.customers,
      trend_revenue_abs: prev === undefined ? null : decimal(diff),
      trend_revenue_pct:
        prev === undefined || cents(prev.revenue) === 0n
          ? null
          : decimal(halfEven(diff * 10_000n, cents(prev.revenue))),
      trend_orders_abs: prev === undefined ? null : f.orders - prev.orders,
    });
  }
  return expected;
}

/**
 * The two-phase job: the arrivals split over `partitions` by order id (each order's changes in order), a partial core
 * per partition, and a merging core fed each partition's partials and watermark (max − BOUND on ticks) after its
 * drains; `cuts` are arrival indexes where every core restarts from a JSON snapshot.
 */
function runTwoPhase(
  s: Scenario,
  arrivals: readonly DomainRecord[],
  partitions: number,
  cuts: ReadonlySet<number>,
  early: readonly boolean[] = [false],
) {
  const options = { windowSize: s.windowSize };
  const inputs = Array.from({ length: partitions }, (_, p) => `orders:${p}`);
  let stages = inputs.map(() => createRevenuePartialsJob(options));
  let merge = createRevenueMergeJob({ ...options, inputs });
  const max = inputs.map(() => MIN_TIMESTAMP);
  const outputs: JobResult[] = [];
  const forward = (p: number, watermark: number | null, emitEarly = false) => {
    const stage = stages[p];
    if (stage === undefined) return;
    if (watermark !== null) stage.onWatermark(watermark);
    if (emitEarly) stage.emitEarly();
    for (const partial of stage.drain()) merge.onPartial(`orders:${p}`, partial);
    if (watermark !== null) merge.onInputWatermark(`orders:${p}`, watermark);
    if (emitEarly) merge.emitEarly();
    for (const r of merge.drain()) {
      if (isEarly(r.value)) expect(r.id.windowEnd - 1).toBeGreaterThan(merge.watermark);
      outputs.push(r);
    }
  };
  arrivals.forEach((record, i) => {
    const row = (record.after ?? record.before) as { order_id: number };
    const p = row.order_id % partitions;
    stages[p]?.onRecord(record);
    max[p] = Math.max(max[p] ?? MIN_TIMESTAMP, record.eventTime);
    if (s.ticks[i % s.ticks.length]) forward(p, (max[p] ?? MIN_TIMESTAMP) - BOUND);
    if (early[i % early.length]) forward(p, null, true);
    if (cuts.has(i)) {
      stages = stages.map((stage) => restarted(stage, () => createRevenuePartialsJob(options)));
      merge = restarted(merge, () => createRevenueMergeJob({ ...options, inputs }));
    }
  });
  inputs.forEach((_, p) => forward(p, MAX_TIMESTAMP));
  return { outputs, merge };
}

describe('revenue job properties (seeded)', () => {
  it('two phases (partials per partition, one merge), restarted and asked for early results at random points, equal the batch computation', () => {
    const seen = { runs: 0, early: 0 };
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        earlyPoints,
        (s, partitions, cutPoints, early) => {
          const { arrivals, final } = build(s);
          const cuts = new Set(cutPoints.map((c) => c % arrivals.length));
          const { outputs, merge } = runTwoPhase(s, arrivals, partitions, cuts, early);
          expect(latest(outputs)).toEqual(batch(final, s.windowSize));
          expect(merge.metrics.tooLate).toBe(0);
          seen.runs += 1;
          if (outputs.some((r) => isEarly(r.value))) seen.early += 1;
        },
      ),
      params,
    );
    expect(seen.early).toBeGreaterThan(seen.runs / 3); // not vacuous
  });

  it('after the final watermark, every window equals the batch computation over the final orders', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { arrivals, final } = build(s);
        const { outputs, job } = run(s, arrivals, { windowSize: s.windowSize });
        expect(latest(outputs)).toEqual(batch(final, s.windowSize));
        expect(job.metrics.tooLate).toBe(0);
        expect(job.stateSize()).toEqual({ windows: 0, orders: 0 });
      }),
      params,
    );
  });

  it('snapshot → JSON → restore at random cut points gives identical outputs, reports and metrics', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.constantFrom(0, MIN, 3 * MIN, DAY),
        fc.array(fc.nat(), { maxLength: 5 }),
        (s, correctionHorizon, cutPoints) => {
          const { arrivals, final } = build(s);
          const options = { windowSize: s.windowSize, correctionHorizon };
          const cuts = new Set(cutPoints.map((c) => c % (2 * arrivals.length)));
          const whole = run(s, arrivals, options);
          const resumed = run(s, arrivals, options, cuts);
          expect(resumed.outputs).toEqual(whole.outputs);
          expect(resumed.late).toEqual(whole.late);
          expect(resumed.job.metrics).toEqual(whole.job.metrics);
          expect(whole.late).toHaveLength(whole.job.metrics.tooLate);
          // Whatever the horizon: when no change came too late, the figures are the batch ones.
          if (whole.job.metrics.tooLate === 0)
            expect(latest(whole.outputs)).toEqual(batch(final, s.windowSize));
        },
      ),
      params,
    );
  });

  it('early results at random points are for open windows only and leave every latest result as it is', () => {
    const seen = { runs: 0, early: 0, earlyRetracted: 0 };
    fc.assert(
      fc.property(scenario, fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), (s, early) => {
        const { arrivals, final } = build(s);
        const options = { windowSize: s.windowSize };
        const { outputs } = runEarly(s, arrivals, options, early);
        expect(latest(outputs)).toEqual(latest(run(s, arrivals, options).outputs));
        expect(latest(outputs)).toEqual(batch(final, s.windowSize));
        const ids = (rs: JobResult[]) => new Set(rs.map((r) => r.id.windowStart));
        const earlyIds = ids(outputs.filter((r) => isEarly(r.value)));
        const retracted = ids(outputs.filter((r) => r.value === null));
        seen.runs += 1;
        if (earlyIds.size > 0) seen.early += 1;
        if ([...earlyIds].some((w) => retracted.has(w) && !latest(outputs).has(w))) seen.earlyRetracted += 1;
      }),
      params,
    );
    // Not vacuous: most runs see early results, some see an early result retracted (its window emptied).
    expect(seen.early).toBeGreaterThan(seen.runs / 2);
    expect(seen.earlyRetracted).toBeGreaterThan(0);
  });

  it('with early results, snapshot → JSON → restore at random points gives identical outputs', () => {
    fc.assert(
      fc.property(
        scenario,
        earlyPoints,
        fc.constantFrom(0, MIN, DAY),
        fc.array(fc.nat(), { maxLength: 5 }),
        (s, early, correctionHorizon, cutPoints) => {
          const { arrivals } = build(s);
          const options = { windowSize: s.windowSize, correctionHorizon };
          const cuts = new Set(cutPoints.map((c) => c % arrivals.length));
          const whole = runEarly(s, arrivals, options, early);
          const resumed = runEarly(s, arrivals, options, early, cuts);
          expect(resumed.outputs).toEqual(whole.outputs);
          expect(resumed.job.metrics).toEqual(whole.job.metrics);
        },
      ),
      params,
    );
  });
});
