/**
 * Early results of the revenue job (`emitEarly()`): the open windows' current figures marked `final: false`,
 * replaced by later early results and by the final one, retracted when the window empties before it fires.
 */
import type { JobResult } from '../../runtime/stream-job.js';
import { orders, type OrderVersion } from '../../testing/order-records.js';
import { createRevenueJob } from './revenue-job.js';
import { createRevenueMergeJob } from './revenue-merge-job.js';
import { createRevenuePartialsJob } from './revenue-partials-job.js';

const MIN = 60_000;
const W1 = Date.UTC(2026, 10, 25, 10);
const W2 = W1 + MIN;
const fires = (start: number) => start + MIN - 1;
const order = (id: number, at: number, total: string): OrderVersion => ({
  id,
  customer: 100 + id,
  at,
  total,
});
const figures = (r: JobResult) => {
  const { total_orders, total_revenue, trend_revenue_abs, final } = r.value ?? {};
  return { start: r.id.windowStart, total_orders, total_revenue, trend_revenue_abs, final };
};

describe('revenue job: early results', () => {
  it('gives an open window its current figures, marked final: false, then its final result', () => {
    const job = createRevenueJob();
    const a = order(1, W1 + 1_000, '100.00');
    job.onRecord(orders.create(a));
    job.emitEarly();
    const [early, ...rest] = job.drain();
    expect(rest).toEqual([]);
    expect(early?.id).toEqual({ job: 'revenue', windowStart: W1, windowEnd: W2, key: 'all' });
    expect(early?.value).toMatchObject({
      metric: 'revenue',
      total_orders: 1,
      total_revenue: '100.00',
      final: false,
    });
    job.emitEarly();
    expect(job.drain()).toEqual([]); // nothing changed since

    job.onRecord(orders.create(order(2, W1 + 2_000, '50.00')));
    job.emitEarly();
    expect(job.drain().map(figures)).toEqual([
      { start: W1, total_orders: 2, total_revenue: '150.00', trend_revenue_abs: null, final: false },
    ]);

    job.onWatermark(fires(W1));
    const [final] = job.drain();
    expect(final?.id.windowStart).toBe(W1);
    expect(final?.value).not.toHaveProperty('final'); // final results are as they always were
    expect(final?.value).toMatchObject({ total_orders: 2, total_revenue: '150.00' });
    job.emitEarly();
    expect(job.drain()).toEqual([]); // a fired window gets corrections, never early results
    expect(job.metrics).toMatchObject({ results: 1, corrections: 0 });
  });

  it('gives early results with the trend against the previous window, only for open windows', () => {
    const job = createRevenueJob();
    job.onRecord(orders.create(order(1, W1, '100.00')));
    job.onRecord(orders.create(order(2, W2, '150.00')));
    job.onWatermark(fires(W1));
    job.emitEarly();
    expect(job.drain().map(figures)).toEqual([
      { start: W1, total_orders: 1, total_revenue: '100.00', trend_revenue_abs: null, final: undefined },
      { start: W2, total_orders: 1, total_revenue: '150.00', trend_revenue_abs: '50.00', final: false },
    ]);
  });

  it('retracts the early result of a window that empties before it fires; a window without one stays silent', () => {
    const job = createRevenueJob();
    const a = order(1, W1, '100.00');
    const b = order(2, W2, '80.00');
    job.onRecord(orders.create(a));
    job.emitEarly();
    job.drain();
    job.onRecord(orders.cancel(a));
    expect(job.drain()).toEqual([
      {
        topic: 'statistics_revenue',
        id: { job: 'revenue', windowStart: W1, windowEnd: W2, key: 'all' },
        value: null,
      },
    ]);
    job.onRecord(orders.create(b));
    job.onRecord(orders.cancel(b)); // never shown early: nothing to retract
    job.emitEarly();
    expect(job.drain()).toEqual([]);
    job.onWatermark(fires(W2));
    expect(job.drain()).toEqual([]);
    expect(job.stateSize()).toEqual({ windows: 0, orders: 0 });
  });

  it('two phases: the merge gives early results from the partials it has, then the same final result', () => {
    const stages = [createRevenuePartialsJob(), createRevenuePartialsJob()];
    const merge = createRevenueMergeJob({ inputs: ['orders:0', 'orders:1'] });
    const forward = (watermark?: number) => {
      stages.forEach((stage, p) => {
        if (watermark !== undefined) stage.onWatermark(watermark);
        stage.emitEarly();
        for (const partial of stage.drain()) merge.onPartial(`orders:${p}`, partial);
        if (watermark !== undefined) merge.onInputWatermark(`orders:${p}`, watermark);
      });
      merge.emitEarly();
      return merge.drain().map(figures);
    };
    stages[0]?.onRecord(orders.create(order(1, W1, '100.00')));
    stages[1]?.onRecord(orders.create(order(2, W1, '20.00')));
    expect(forward()).toEqual([
      { start: W1, total_orders: 2, total_revenue: '120.00', trend_revenue_abs: null, final: false },
    ]);
    stages[1]?.onRecord(orders.update(order(2, W1, '20.00'), order(2, W1, '30.00')));
    expect(forward()).toEqual([
      { start: W1, total_orders: 2, total_revenue: '130.00', trend_revenue_abs: null, final: false },
    ]);
    expect(forward(fires(W1))).toEqual([
      { start: W1, total_orders: 2, total_revenue: '130.00', trend_revenue_abs: null, final: undefined },
    ]);
  });
});
