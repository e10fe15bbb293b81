/**
 * Early results of the top-products job (`emitEarly()`): the open windows' rows marked `final: false`, replaced by
 * later early rows and by the final ones, retracted when they disappear (an emptied window, a rank no longer filled).
 */
import type { JobResult } from '../../runtime/stream-job.js';
import { categoryRow, create, itemRow, orderRow, productRow, update } from '../../testing/change-records.js';
import { createTopProductsJob, type TopProductsJob } from './top-products-job.js';
import { createTopProductsMergeJob } from './top-products-merge-job.js';
import { createTopProductsPartialsJob } from './top-products-partials-job.js';
import { createTopProductsRouterJob } from './top-products-router.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1, 10);

const keys = (results: readonly JobResult[]) =>
  results.map((r) => `${r.id.key}${r.value === null ? ' ✗' : r.value['final'] === false ? ' early' : ''}`);

function early(job: TopProductsJob): JobResult[] {
  job.onRecord(create('categories', categoryRow(1, 'Phones')));
  job.onRecord(create('products', productRow(7, 'Phone X', 1)));
  job.onRecord(create('products', productRow(8, 'Phone Y', 1)));
  job.onRecord(create('orders', orderRow(1, T0 + 5_000)));
  job.onRecord(create('order_items', itemRow(10, 1, 7, 2, '5.00')));
  job.emitEarly();
  return job.drain();
}

describe('top-products job: early results', () => {
  test("an open window's rows come early, marked final: false, then final (without the mark)", () => {
    const job = createTopProductsJob({ n: 2 });
    const first = early(job);
    expect(keys(first)).toEqual([
      'quantity/1 early',
      'revenue/1 early',
      'trending/1 early',
      'category/1 early',
    ]);
    expect(first[0]?.value).toMatchObject({
      metric: 'top_product_window',
      product_id: 7,
      total_quantity: 2,
      total_revenue: '10.00',
      product_name: 'Phone X',
      final: false,
    });
    job.emitEarly();
    expect(job.drain()).toEqual([]); // nothing changed since

    job.onRecord(create('order_items', itemRow(11, 1, 8, 3, '1.00')));
    job.emitEarly();
    expect(keys(job.drain())).toEqual([
      'quantity/1 early',
      'quantity/2 early',
      'revenue/2 early',
      'trending/1 early',
      'trending/2 early',
      'category/1 early',
    ]);

    job.onRecord(update('order_items', itemRow(11, 1, 8, 3, '1.00'), itemRow(11, 1, 7, 3, '1.00'))); // now product 7
    job.onWatermark(T0 + MIN - 1);
    const final = job.drain();
    expect(keys(final)).toEqual([
      'quantity/1',
      'revenue/1',
      'trending/1',
      'category/1',
      'quantity/2 ✗',
      'revenue/2 ✗',
      'trending/2 ✗',
    ]);
    for (const r of final) if (r.value !== null) expect(r.value).not.toHaveProperty('final');
    job.emitEarly();
    expect(job.drain()).toEqual([]); // a fired window gets corrections, never early rows
  });

  test('an open window that loses all its items has its early rows retracted', () => {
    const job = createTopProductsJob({ n: 2 });
    early(job);
    job.onRecord(update('orders', orderRow(1, T0 + 5_000), orderRow(1, T0 + 5_000, 'cancelled')));
    job.emitEarly();
    expect(keys(job.drain())).toEqual(['quantity/1 ✗', 'revenue/1 ✗', 'trending/1 ✗', 'category/1 ✗']);
    job.onWatermark(T0 + MIN - 1);
    expect(job.drain()).toEqual([]);
    expect(job.stateSize()).toMatchObject({ emittedWindows: 0 });
  });

  test('scaled out: the partial stage sends its totals early, the merge gives early rows, then the final ones', () => {
    const router = createTopProductsRouterJob({ n: 2 });
    const stage = createTopProductsPartialsJob({ n: 2, inputs: ['src:0'] });
    const merge = createTopProductsMergeJob({ n: 2, inputs: ['keyed:0'] });
    const forward = (watermark?: number) => {
      if (watermark !== undefined) router.onWatermark(watermark);
      for (const routed of router.drain()) stage.onPartial('src:0', routed);
      if (watermark !== undefined) stage.onInputWatermark('src:0', watermark);
      stage.emitEarly();
      for (const totals of stage.drain()) merge.onPartial('keyed:0', totals);
      if (watermark !== undefined) merge.onInputWatermark('keyed:0', stage.watermark);
      merge.emitEarly();
      return keys(merge.drain());
    };
    router.onRecord(create('products', productRow(7, 'Phone X', 1)));
    router.onRecord(create('orders', orderRow(1, T0 + 5_000)));
    router.onRecord(create('order_items', itemRow(10, 1, 7, 2, '5.00')));
    expect(forward()).toEqual([
      'quantity/1 early',
      'revenue/1 early',
      'trending/1 early',
      'category/1 early',
    ]);
    expect(forward(T0 + MIN - 1)).toEqual(['quantity/1', 'revenue/1', 'trending/1', 'category/1']);
  });
});
