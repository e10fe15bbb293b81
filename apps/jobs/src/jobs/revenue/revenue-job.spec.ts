/**
 * The revenue job's rules, one by one, on real `orders` domain records (ChangeEvent → toDomainRecord).
 */
import type { DomainRecord } from '@ecom/cdc';
import type { JobResult } from '../../runtime/stream-job.js';
import { createRevenueJob } from './revenue-job.js';
import type { RevenueJob } from './revenue-job-types.js';
import { orders, type OrderVersion } from '../../testing/order-records.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 2026-11-25T10:00:00Z, on every window grid used here. */
const T0 = Date.UTC(2026, 10, 25, 10);
const W1 = T0;
const W2 = T0 + MIN;
const W3 = T0 + 2 * MIN;
/** The watermark that fires the 1-minute window starting at `start`. */
const fires = (start: number, size = MIN) => start + size - 1;

function feed(job: RevenueJob, records: readonly DomainRecord[], watermark?: number): JobResult[] {
  for (const r of records) job.onRecord(r);
  if (watermark !== undefined) job.onWatermark(watermark);
  return job.drain();
}

const order = (id: number, at: number, total: string, customer = 100 + id): OrderVersion => ({
  id,
  customer,
  at,
  total,
});
const valueOf = (results: readonly JobResult[], start: number) =>
  results.find((r) => r.id.windowStart === start)?.value;

describe('revenue job: windows and figures', () => {
  it('emits a window once the watermark passes its end, with the original fields and the new ones', () => {
    const job = createRevenueJob();
    expect(feed(job, [orders.create(order(1, W1 + 5_000, '2099.98', 7))], fires(W1) - 1)).toEqual([]);
    expect(feed(job, [], fires(W1))).toEqual([
      {
        topic: 'statistics_revenue',
        id: { job: 'revenue', windowStart: W1, windowEnd: W1 + MIN, key: 'all' },
        value: {
          metric: 'revenue',
          window_start: '2026-11-25T10:00:00.000Z',
          window_end: '2026-11-25T10:01:00.000Z',
          total_orders: 1,
          total_revenue: '2099.98',
          window_duration_minutes: 1,
          average_order_value: '2099.98',
          unique_customers: 1,
          trend_revenue_abs: null,
          trend_revenue_pct: null,
          trend_orders_abs: null,
        },
      },
    ]);
    expect(feed(job, [], fires(W3))).toEqual([]); // no orders, no result
  });

  it('counts each order once, however many CDC events it has (snapshot read, create, updates)', () => {
    const job = createRevenueJob();
    const v = order(1, W1, '100.00');
    const records = [
      orders.read(v),
      orders.create(v),
      orders.update(v, { ...v, status: 'shipped' }),
      orders.update({ ...v, status: 'shipped' }, { ...v, status: 'delivered' }),
    ];
    expect(valueOf(feed(job, records, fires(W1)), W1)).toMatchObject({
      total_orders: 1,
      total_revenue: '100.00',
    });
  });

  it('an update of total_price replaces the amount (it is not added)', () => {
    const job = createRevenueJob();
    const v = order(1, W1, '100.00');
    const results = feed(job, [orders.create(v), orders.update(v, { ...v, total: '250.50' })], fires(W1));
    expect(valueOf(results, W1)).toMatchObject({
      total_orders: 1,
      total_revenue: '250.50',
      average_order_value: '250.50',
    });
  });

  it('average order value: exact, 2 places, half-even; unique customers', () => {
    const job = createRevenueJob();
    const results = feed(
      job,
      [
        orders.create(order(1, W1, '0.01', 7)),
        orders.create(order(2, W1 + 1, '0.04', 7)), // 0.05 / 2 = 0.025 → 0.02 (half-up would give 0.03)
        orders.create(order(3, W2, '10.00', 7)),
        orders.create(order(4, W2, '10.00', 8)),
        orders.create(order(5, W2, '10.01', 9)), // 30.01 / 3 = 10.00333… → 10.00
        orders.create(order(6, W3, '0.01', 1)),
        orders.create(order(7, W3, '0.02', 2)), // 0.03 / 2 = 0.015 → 0.02 (to even)
      ],
      fires(W3),
    );
    expect(results.map((r) => [r.value?.['average_order_value'], r.value?.['unique_customers']])).toEqual([
      ['0.02', 1],
      ['10.00', 3],
      ['0.02', 2],
    ]);
  });

  it('money stays exact beyond NUMERIC(14,2) and float precision', () => {
    const job = createRevenueJob();
    const records = [1, 2, 3].map((id) => orders.create(order(id, W1, '999999999999.99')));
    expect(valueOf(feed(job, records, fires(W1)), W1)).toMatchObject({
      total_revenue: '2999999999999.97',
      average_order_value: '999999999999.99',
    });
  });

  it('trend against the previous window: absolute and percent; null without a previous window or for 0', () => {
    const job = createRevenueJob();
    const results = feed(
      job,
      [
        orders.create(order(1, W1, '60.00')),
        orders.create(order(2, W1, '40.00')),
        orders.create(order(3, W2, '150.00')),
        orders.create(order(4, W3, '0.00')),
        orders.create(order(5, W3 + MIN, '12.34')), // W4: its previous window W3 has revenue 0
        orders.create(order(6, W3 + 3 * MIN, '1.00')), // W6: W5 has no orders
      ],
      fires(W3 + 3 * MIN),
    );
    const trend = (start: number) => {
      const v = valueOf(results, start);
      return [v?.['trend_revenue_abs'], v?.['trend_revenue_pct'], v?.['trend_orders_abs']];
    };
    expect(trend(W1)).toEqual([null, null, null]);
    expect(trend(W2)).toEqual(['50.00', '50.00', -1]);
    expect(trend(W3)).toEqual(['-150.00', '-100.00', 0]);
    expect(trend(W3 + MIN)).toEqual(['12.34', null, 0]);
    expect(trend(W3 + 3 * MIN)).toEqual([null, null, null]);
  });

  it('trend percent rounds half-even to 2 places', () => {
    const job = createRevenueJob();
    const results = feed(
      job,
      [orders.create(order(1, W1, '3.00')), orders.create(order(2, W2, '4.00'))], // +33.333…%
      fires(W2),
    );
    expect(valueOf(results, W2)?.['trend_revenue_pct']).toBe('33.33');
    const tie = createRevenueJob();
    const out = feed(
      tie,
      [orders.create(order(1, W1, '800.00')), orders.create(order(2, W2, '800.01'))],
      fires(W2),
    );
    expect(valueOf(out, W2)?.['trend_revenue_pct']).toBe('0.00'); // 0.00125 % → 0.00
  });

  it('one watermark jump over many windows fires them in order, each trend from its previous window', () => {
    const job = createRevenueJob({ correctionHorizon: 0 }); // the jump also cleans every window up
    const results = feed(
      job,
      [orders.create(order(1, W1, '10.00')), orders.create(order(2, W2, '15.00'))],
      fires(W3) + HOUR,
    );
    expect(results.map((r) => [r.id.windowStart, r.value?.['trend_revenue_pct']])).toEqual([
      [W1, null],
      [W2, '50.00'],
    ]);
    expect(job.stateSize()).toEqual({ windows: 0, orders: 0 });
  });

  it('5-minute and 1-hour windows by option', () => {
    for (const size of [5 * MIN, HOUR]) {
      const job = createRevenueJob({ windowSize: size });
      const results = feed(job, [orders.create(order(1, T0 + size - 1, '1.00'))], fires(T0, size));
      expect(results.map((r) => r.id)).toEqual([
        { job: 'revenue', windowStart: T0, windowEnd: T0 + size, key: 'all' },
      ]);
      expect(results[0]?.value).toMatchObject({ window_duration_minutes: size / MIN, total_orders: 1 });
    }
  });

  it('refuses bad options with INVALID_OPTION', () => {
    for (const options of [
      { windowSize: 10_000 },
      { windowSize: 0 },
      { windowSize: 1.5 * MIN },
      { correctionHorizon: -1 },
    ]) {
      expect(() => createRevenueJob(options)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    }
  });

  it('watermarks never regress; a bad watermark is a typed error', () => {
    const job = createRevenueJob();
    job.onWatermark(fires(W2));
    job.onWatermark(W1);
    expect(job.watermark).toBe(fires(W2));
    expect(() => job.onWatermark(Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_WATERMARK' }));
  });
});

describe('revenue job: cancellations, deletes, moves and corrections', () => {
  it('a cancellation after the window fired emits a corrected result for the same id', () => {
    const job = createRevenueJob();
    const a = order(1, W1, '100.00');
    feed(job, [orders.create(a), orders.create(order(2, W1, '50.00'))], fires(W1));
    const corrected = feed(job, [orders.cancel(a)]);
    expect(corrected.map((r) => r.id)).toEqual([
      { job: 'revenue', windowStart: W1, windowEnd: W1 + MIN, key: 'all' },
    ]);
    expect(corrected[0]?.value).toMatchObject({
      total_orders: 1,
      total_revenue: '50.00',
      unique_customers: 1,
    });
    expect(job.metrics).toMatchObject({ results: 2, corrections: 1, retractions: 0 });
  });

  it('a window whose orders all got cancelled is retracted (value null), and the next window loses its trend', () => {
    const job = createRevenueJob();
    const a = order(1, W1, '100.00');
    const out = feed(job, [orders.create(a), orders.create(order(2, W2, '150.00'))], fires(W2));
    expect(valueOf(out, W2)).toMatchObject({ trend_revenue_abs: '50.00' });
    const corrected = feed(job, [orders.cancel(a)]);
    expect(corrected).toEqual([
      {
        topic: 'statistics_revenue',
        id: { job: 'revenue', windowStart: W1, windowEnd: W2, key: 'all' },
        value: null,
      },
      expect.objectContaining({
        id: expect.objectContaining({ windowStart: W2 }),
        value: expect.objectContaining({
          total_revenue: '150.00',
          trend_revenue_abs: null,
          trend_revenue_pct: null,
        }),
      }),
    ]);
    expect(job.metrics).toMatchObject({ retractions: 1, corrections: 2 });
    expect(job.stateSize()).toEqual({ windows: 1, orders: 1 });
  });

  it('a delete of the order row behaves like a cancellation (with or without before)', () => {
    const job = createRevenueJob();
    const a = order(1, W1, '100.00');
    const b = order(2, W1, '30.00');
    feed(job, [orders.create(a), orders.create(b)], fires(W1));
    expect(valueOf(feed(job, [orders.delete(a)]), W1)).toMatchObject({
      total_orders: 1,
      total_revenue: '30.00',
    });
    const keyOnly: DomainRecord = { ...orders.delete(b), before: null }; // REPLICA IDENTITY DEFAULT: only the key
    expect(feed(job, [keyOnly])).toEqual([expect.objectContaining({ value: null })]);
  });

  it('a cancellation before the window fired: the window never shows the order', () => {
    const job = createRevenueJob();
    const a = order(1, W1, '100.00');
    expect(feed(job, [orders.create(a), orders.cancel(a)], fires(W2))).toEqual([]);
    expect(job.stateSize()).toEqual({ windows: 0, orders: 0 });
  });

  it('an order whose order_date changes moves between windows (retract from old, add to new), trends follow', () => {
    const job = createRevenueJob();
    const a = order(1, W1, '100.00');
    feed(
      job,
      [orders.create(a), orders.create(order(2, W1, '10.00')), orders.create(order(3, W2, '20.00'))],
      fires(W3),
    );
    const moved = feed(job, [orders.update(a, { ...a, at: W2 + 30_000 })]);
    expect(
      moved.map((r) => [r.id.windowStart, r.value?.['total_orders'], r.value?.['total_revenue']]),
    ).toEqual([
      [W1, 1, '10.00'],
      [W2, 2, '120.00'],
    ]);
    expect(valueOf(moved, W2)).toMatchObject({
      trend_revenue_abs: '110.00',
      trend_revenue_pct: '1100.00',
      trend_orders_abs: 1,
    });
  });

  it('a move into a window that has not fired shows at its firing; a later correction changes only what changed', () => {
    const job = createRevenueJob();
    const a = order(1, W1, '100.00');
    feed(job, [orders.create(a)], fires(W1));
    expect(feed(job, [orders.update(a, { ...a, at: W3 })])).toEqual([
      expect.objectContaining({ value: null }),
    ]);
    expect(valueOf(feed(job, [], fires(W3)), W3)).toMatchObject({
      total_revenue: '100.00',
      trend_revenue_abs: null,
    });
    expect(feed(job, [orders.update({ ...a, at: W3 }, { ...a, at: W3, status: 'shipped' })])).toEqual([]);
  });

  it("a late order (window fired, within the horizon) corrects the window and the next window's trend at once", () => {
    const job = createRevenueJob();
    feed(
      job,
      [orders.create(order(1, W1, '100.00')), orders.create(order(2, W2, '100.00'))],
      fires(W2) + HOUR,
    );
    const late = feed(job, [orders.create(order(3, W1 + 1, '100.00'))]);
    expect(
      late.map((r) => [r.id.windowStart, r.value?.['total_revenue'], r.value?.['trend_revenue_abs']]),
    ).toEqual([
      [W1, '200.00', null],
      [W2, '100.00', '-100.00'],
    ]);
  });

  it('a cancelled order that becomes active again counts again', () => {
    const job = createRevenueJob();
    const a = order(1, W1, '100.00');
    feed(job, [orders.create(a), orders.cancel(a)], fires(W1));
    const back = feed(job, [orders.update({ ...a, status: 'cancelled' }, { ...a, status: 'paid' })]);
    expect(valueOf(back, W1)).toMatchObject({ total_orders: 1 });
  });
});

describe('revenue job: correction horizon', () => {
  const HORIZON = 10 * MIN;

  it('keeps per-order state until the horizon, then drops it (the frozen figures only feed the next trend)', () => {
    const job = createRevenueJob({ correctionHorizon: HORIZON });
    feed(job, [orders.create(order(1, W1, '100.00')), orders.create(order(2, W2, '50.00'))], fires(W2));
    expect(job.stateSize()).toEqual({ windows: 2, orders: 2 });
    job.onWatermark(fires(W1) + HORIZON);
    expect(job.stateSize()).toEqual({ windows: 2, orders: 1 }); // W1 frozen
    // A correction of W2 still computes its trend from W1's frozen figures.
    const corrected = feed(job, [orders.update(order(2, W2, '50.00'), order(2, W2, '75.00'))]);
    expect(valueOf(corrected, W2)).toMatchObject({ total_revenue: '75.00', trend_revenue_abs: '-25.00' });
    job.onWatermark(fires(W2) + HORIZON);
    expect(job.stateSize()).toEqual({ windows: 1, orders: 0 }); // W2 frozen: W3's trend may still need it
    job.onWatermark(fires(W3) + HORIZON);
    expect(job.stateSize()).toEqual({ windows: 0, orders: 0 });
    expect(job.drain()).toEqual([]);
  });

  it('a change to a window past the horizon is not applied: counted in tooLate and reported, never silent', () => {
    const job = createRevenueJob({ correctionHorizon: HORIZON });
    const a = order(1, W1, '100.00');
    feed(job, [orders.create(a)], fires(W1) + HORIZON);
    expect(feed(job, [orders.cancel(a)])).toEqual([]);
    expect(job.metrics.tooLate).toBe(1);
    expect(job.drainTooLate()).toEqual([
      { orderId: 1, op: 'update', eventTime: W1, windows: [W1], watermark: fires(W1) + HORIZON },
    ]);
    expect(job.drainTooLate()).toEqual([]);
  });

  it('a create or delete past the horizon is reported; an update that changes no figure is not', () => {
    const job = createRevenueJob({ correctionHorizon: HORIZON });
    const a = order(1, W1, '100.00');
    feed(job, [orders.create(a)], fires(W1) + HORIZON);
    expect(feed(job, [orders.update(a, { ...a, status: 'shipped' })])).toEqual([]);
    expect(job.metrics.tooLate).toBe(0);
    feed(job, [orders.create(order(2, W1 + 1, '5.00')), orders.delete(a)]);
    expect(job.drainTooLate().map((t) => [t.orderId, t.op, t.windows])).toEqual([
      [2, 'create', [W1]],
      [1, 'delete', [W1]],
    ]);
  });

  it('an order moved out of a window past the horizon into a live one: added there, the old part reported', () => {
    const job = createRevenueJob({ correctionHorizon: HORIZON });
    const a = order(1, W1, '100.00');
    feed(job, [orders.create(a)], fires(W1) + HORIZON);
    const later = T0 + HOUR;
    const out = feed(job, [orders.update(a, { ...a, at: later })], fires(later));
    expect(out.map((r) => [r.id.windowStart, r.value?.['total_revenue']])).toEqual([[later, '100.00']]);
    expect(job.drainTooLate()).toEqual([expect.objectContaining({ orderId: 1, windows: [W1] })]);
  });

  it('horizon 0: no corrections at all, every late change is reported', () => {
    const job = createRevenueJob({ correctionHorizon: 0 });
    const a = order(1, W1, '100.00');
    expect(feed(job, [orders.create(a)], fires(W1))).toHaveLength(1);
    expect(job.stateSize()).toEqual({ windows: 1, orders: 0 });
    expect(feed(job, [orders.cancel(a)])).toEqual([]);
    expect(job.metrics.tooLate).toBe(1);
  });
});
