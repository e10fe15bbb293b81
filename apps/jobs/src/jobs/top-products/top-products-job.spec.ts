import { isDomainError } from '@ecom/domain';
import { JobError } from '../job-error.js';
import type { JobResult } from '../../runtime/stream-job.js';
import { createTopProductsJob, type TopProductsJob } from './top-products-job.js';
import {
  categoryRow,
  create,
  itemRow,
  orderRow,
  productRow,
  record,
  remove,
  update,
} from '../../testing/change-records.js';
import { compacted } from '../../testing/replay.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1, 10); // a minute boundary
const HOUR = 3_600_000;

/** The latest value per result key of the window at `start` (what the compacted topic holds), null → absent. */
function latest(results: readonly JobResult[], start = T0): Record<string, unknown> {
  const prefix = `${start}/`;
  const rows = [...compacted(results)].filter(([key]) => key.startsWith(prefix));
  return Object.fromEntries(rows.map(([key, value]) => [key.slice(prefix.length), value]));
}

function fire(job: TopProductsJob, watermark: number): JobResult[] {
  job.onWatermark(watermark);
  return job.drain();
}

const keys = (results: readonly JobResult[]) =>
  results.map((r) => `${r.id.key}${r.value === null ? ' ✗' : ''}`);

function shop(job: TopProductsJob): void {
  job.onRecord(create('categories', categoryRow(1, 'Phones')));
  job.onRecord(create('categories', categoryRow(2, 'Books')));
  job.onRecord(create('products', productRow(7, 'Phone X', 1)));
  job.onRecord(create('products', productRow(8, 'Phone Y', 1)));
  job.onRecord(create('products', productRow(9, 'A Book', 2)));
}

describe('top-products job: windows, rankings and fields', () => {
  test('one window: top by quantity and by revenue, trending and category totals with the original fields', () => {
    const job = createTopProductsJob({ n: 2 });
    shop(job);
    job.onRecord(create('orders', orderRow(1, T0 + 5_000)));
    job.onRecord(create('order_items', itemRow(10, 1, 7, 1, '15000000.00')));
    job.onRecord(create('order_items', itemRow(11, 1, 9, 3, '0.10')));
    job.onRecord(create('orders', orderRow(2, T0 + 30_000)));
    job.onRecord(create('order_items', itemRow(12, 2, 8, 2, '199000.50')));
    expect(fire(job, T0 + MIN - 2)).toEqual([]); // end − 1 not reached
    const results = fire(job, T0 + MIN - 1);
    expect(keys(results)).toEqual([
      'quantity/1',
      'quantity/2',
      'revenue/1',
      'revenue/2',
      'trending/1',
      'trending/2',
      'category/1',
      'category/2',
    ]);
    expect(results[0]).toEqual({
      topic: 'statistics_top_product',
      id: { job: 'top-products', windowStart: T0, windowEnd: T0 + MIN, key: 'quantity/1' },
      value: {
        metric: 'top_product_window',
        window_start: '2026-01-01T10:00:00.000Z',
        window_end: '2026-01-01T10:01:00.000Z',
        product_id: 9,
        total_quantity: 3,
        rank: 1,
        window_duration_minutes: 1,
        total_revenue: '0.30',
        product_name: 'A Book',
        category_id: 2,
        category_name: 'Books',
      },
    });
    const rows = latest(results);
    expect(rows['quantity/2']).toMatchObject({
      product_id: 8,
      total_quantity: 2,
      total_revenue: '398001.00',
    });
    expect(rows['revenue/1']).toMatchObject({
      metric: 'top_product_revenue_window',
      product_id: 7,
      total_revenue: '15000000.00',
      rank: 1,
    });
    expect(rows['revenue/2']).toMatchObject({ product_id: 8, rank: 2 });
    expect(rows['trending/1']).toMatchObject({
      metric: 'trending_product_window',
      product_id: 9,
      previous_quantity: 0,
      growth: 3,
    });
    expect(rows['category/1']).toEqual({
      metric: 'category_window',
      window_start: '2026-01-01T10:00:00.000Z',
      window_end: '2026-01-01T10:01:00.000Z',
      product_id: null,
      total_quantity: 3,
      rank: null,
      window_duration_minutes: 1,
      total_revenue: '15398001.00',
      product_name: null,
      category_id: 1,
      category_name: 'Phones',
    });
    expect(rows['category/2']).toMatchObject({
      total_quantity: 3,
      total_revenue: '0.30',
      category_name: 'Books',
    });
    expect(fire(job, T0 + 10 * MIN)).toEqual([]); // fired once; nothing changed
  });

  test('ties: equal scores rank by ascending product id, whatever the arrival order; revenue is exact', () => {
    const job = createTopProductsJob({ n: 3 });
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 30, 1, '0.10')));
    job.onRecord(create('order_items', itemRow(2, 1, 10, 1, '0.10')));
    job.onRecord(create('order_items', itemRow(3, 1, 20, 1, '0.20')));
    job.onRecord(create('order_items', itemRow(4, 1, 30, 2, '0.05'))); // 0.10 + 2 × 0.05 = 0.20
    const rows = latest(fire(job, T0 + MIN));
    expect([1, 2, 3].map((r) => (rows[`quantity/${r}`] as { product_id: number }).product_id)).toEqual([
      30, 10, 20,
    ]);
    expect([1, 2, 3].map((r) => rows[`revenue/${r}`])).toMatchObject([
      { product_id: 20, total_revenue: '0.20' },
      { product_id: 30, total_revenue: '0.20' },
      { product_id: 10, total_revenue: '0.10' },
    ]);
  });

  test('5-minute and 1-hour windows: bounds, duration and a job name per size', () => {
    for (const [windowSize, name, minutes] of [
      [5 * MIN, 'top-products-5m', 5],
      [HOUR, 'top-products-1h', 60],
    ] as const) {
      const job = createTopProductsJob({ windowSize });
      expect(job.name).toBe(name);
      job.onRecord(create('orders', orderRow(1, T0 + 4 * MIN)));
      job.onRecord(create('order_items', itemRow(1, 1, 7, 1, '1.00')));
      const [first] = fire(job, T0 + windowSize);
      expect(first.id).toEqual({ job: name, windowStart: T0, windowEnd: T0 + windowSize, key: 'quantity/1' });
      expect(first.value).toMatchObject({
        window_duration_minutes: minutes,
        window_end: new Date(T0 + windowSize).toISOString(),
      });
    }
  });
});

describe('top-products job: the order/item join', () => {
  test('items wait for their order; the order brings them into its window (event time = order_date)', () => {
    const job = createTopProductsJob();
    job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00', T0 + 3 * MIN)));
    expect(fire(job, T0 + MIN)).toEqual([]);
    expect(job.stateSize()).toMatchObject({ items: 1, waitingItems: 1, orders: 0 });
    job.onRecord(create('orders', orderRow(1, T0 + 2 * MIN + 1)));
    expect(job.stateSize().waitingItems).toBe(0);
    const rows = latest(fire(job, T0 + 3 * MIN), T0 + 2 * MIN);
    expect(rows['quantity/1']).toMatchObject({ product_id: 7, total_quantity: 2, total_revenue: '10.00' });
  });

  test('an item update replaces it, a delete removes it (and retracts what it leaves empty)', () => {
    const job = createTopProductsJob();
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00')));
    job.onRecord(create('order_items', itemRow(2, 1, 8, 1, '5.00')));
    job.onRecord(update('order_items', itemRow(1, 1, 7, 2, '5.00'), itemRow(1, 1, 7, 3, '5.00')));
    const results = fire(job, T0 + MIN);
    expect(latest(results)['quantity/1']).toMatchObject({
      product_id: 7,
      total_quantity: 3,
      total_revenue: '15.00',
    });
    job.onRecord(remove('order_items', itemRow(1, 1, 7, 3, '5.00')));
    const corrections = job.drain();
    expect(keys(corrections)).toEqual([
      'quantity/1',
      'revenue/1',
      'trending/1',
      'category/unknown',
      'quantity/2 ✗',
      'revenue/2 ✗',
      'trending/2 ✗',
    ]);
    expect(latest([...results, ...corrections])).toMatchObject({
      'quantity/1': { product_id: 8, total_quantity: 1 },
    });
    job.onRecord(remove('order_items', itemRow(2, 1, 8, 1, '5.00')));
    expect(job.drain().every((r) => r.value === null)).toBe(true);
  });

  test('a cancellation after the window fired retracts its rows; un-cancelling brings them back', () => {
    const job = createTopProductsJob();
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00')));
    job.onRecord(create('orders', orderRow(2, T0 + 1)));
    job.onRecord(create('order_items', itemRow(2, 2, 8, 1, '5.00')));
    const fired = fire(job, T0 + MIN);
    job.onRecord(update('orders', orderRow(1, T0), orderRow(1, T0, 'cancelled')));
    const corrected = fire(job, T0 + 2 * MIN);
    expect(latest([...fired, ...corrected])).toMatchObject({
      'quantity/1': { product_id: 8, total_quantity: 1 },
      'category/unknown': { total_quantity: 1, total_revenue: '5.00' },
    });
    expect(latest([...fired, ...corrected])['quantity/2']).toBeUndefined();
    job.onRecord(update('orders', orderRow(2, T0 + 1), orderRow(2, T0 + 1, 'cancelled')));
    const gone = job.drain();
    expect(gone.every((r) => r.value === null)).toBe(true);
    expect(latest([...fired, ...corrected, ...gone])).toEqual({});
    job.onRecord(update('orders', orderRow(1, T0, 'cancelled'), orderRow(1, T0, 'paid')));
    expect(latest(job.drain())['quantity/1']).toMatchObject({ product_id: 7, total_quantity: 2 });
  });

  test('a paid → shipped → delivered status change is no change', () => {
    const job = createTopProductsJob();
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00')));
    fire(job, T0 + MIN);
    job.onRecord(update('orders', orderRow(1, T0), orderRow(1, T0, 'shipped')));
    job.onRecord(update('orders', orderRow(1, T0, 'shipped'), orderRow(1, T0, 'delivered')));
    expect(fire(job, T0 + 2 * MIN)).toEqual([]);
  });

  test("an order's date change moves its items: both windows are corrected", () => {
    const job = createTopProductsJob();
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00')));
    const first = fire(job, T0 + 3 * MIN);
    job.onRecord(update('orders', orderRow(1, T0), orderRow(1, T0 + 2 * MIN)));
    const moved = job.drain();
    const all = [...first, ...moved];
    expect(latest(all)).toEqual({});
    expect(latest(all, T0 + 2 * MIN)['quantity/1']).toMatchObject({
      product_id: 7,
      total_quantity: 2,
      window_start: '2026-01-01T10:02:00.000Z',
    });
  });

  test('an order delete puts its items back to waiting: they count nowhere', () => {
    const job = createTopProductsJob();
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00')));
    const fired = fire(job, T0 + MIN);
    job.onRecord(remove('orders', orderRow(1, T0)));
    expect(latest([...fired, ...job.drain()])).toEqual({});
    expect(job.stateSize()).toMatchObject({ orders: 0, waitingItems: 1 });
  });
});

describe('top-products job: trending', () => {
  test('growth against the previous window, positive only, ties by product id; a correction of the previous window re-ranks', () => {
    const job = createTopProductsJob();
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 7, 5, '1.00')));
    job.onRecord(create('order_items', itemRow(2, 1, 8, 1, '1.00')));
    job.onRecord(create('orders', orderRow(2, T0 + MIN)));
    job.onRecord(create('order_items', itemRow(3, 2, 7, 6, '1.00'))); // +1
    job.onRecord(create('order_items', itemRow(4, 2, 8, 2, '1.00'))); // +1
    job.onRecord(create('order_items', itemRow(5, 2, 9, 1, '1.00'))); // +1 (new)
    job.onRecord(create('order_items', itemRow(6, 2, 6, 1, '1.00'))); // +1 (new)
    const fired = fire(job, T0 + 2 * MIN);
    const second = latest(fired, T0 + MIN);
    expect([1, 2, 3, 4].map((r) => second[`trending/${r}`])).toMatchObject([
      { product_id: 6, growth: 1, previous_quantity: 0, total_quantity: 1 },
      { product_id: 7, growth: 1, previous_quantity: 5, total_quantity: 6 },
      { product_id: 8, growth: 1, previous_quantity: 1, total_quantity: 2 },
      { product_id: 9, growth: 1, previous_quantity: 0, total_quantity: 1 },
    ]);
    job.onRecord(update('orders', orderRow(1, T0), orderRow(1, T0, 'cancelled'))); // the previous window empties
    const corrected = job.drain();
    const after = latest([...fired, ...corrected], T0 + MIN);
    expect([1, 2, 3, 4].map((r) => after[`trending/${r}`])).toMatchObject([
      { product_id: 7, growth: 6, previous_quantity: 0 },
      { product_id: 8, growth: 2 },
      { product_id: 6, growth: 1 },
      { product_id: 9, growth: 1 },
    ]);
    expect(latest([...fired, ...corrected])).toEqual({});
  });
});

describe('top-products job: products and categories as tables', () => {
  test('an unknown product has null fields and an unknown category; its arrival corrects the rows', () => {
    const job = createTopProductsJob();
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00')));
    const fired = fire(job, T0 + MIN);
    expect(latest(fired)['quantity/1']).toMatchObject({
      product_name: null,
      category_id: null,
      category_name: null,
    });
    expect(latest(fired)['category/unknown']).toMatchObject({ category_id: null, total_quantity: 2 });
    job.onRecord(create('products', productRow(7, 'Phone X', 1)));
    job.onRecord(create('categories', categoryRow(1, 'Phones')));
    const rows = latest([...fired, ...job.drain()]);
    expect(rows['quantity/1']).toMatchObject({
      product_name: 'Phone X',
      category_id: 1,
      category_name: 'Phones',
    });
    expect(rows['category/unknown']).toBeUndefined();
    expect(rows['category/1']).toMatchObject({
      total_quantity: 2,
      total_revenue: '10.00',
      category_name: 'Phones',
    });
  });

  /** Product 7 (Phone X, Phones) sold twice in the fired window at T0. */
  function fired(): TopProductsJob {
    const job = createTopProductsJob();
    shop(job);
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00')));
    fire(job, T0 + MIN);
    return job;
  }

  test('a stock or price update changes nothing; a rename or a new category corrects the open windows', () => {
    const job = fired();
    job.onRecord(update('products', productRow(7, 'Phone X', 1), productRow(7, 'Phone X', 1, 3)));
    expect(job.drain()).toEqual([]);
    job.onRecord(update('products', productRow(7, 'Phone X', 1, 3), productRow(7, 'Phone X2', 2, 3)));
    const renamed = job.drain();
    expect(keys(renamed)).toEqual(['quantity/1', 'revenue/1', 'trending/1', 'category/2', 'category/1 ✗']);
    expect(latest(renamed)['quantity/1']).toMatchObject({
      product_name: 'Phone X2',
      category_id: 2,
      category_name: 'Books',
    });
    job.onRecord(update('categories', categoryRow(2, 'Books'), categoryRow(2, 'Gadgets')));
    expect(latest(job.drain())['category/2']).toMatchObject({ category_name: 'Gadgets' });
  });

  test('a product deleted from the table leaves its rows with null fields', () => {
    const job = fired();
    job.onRecord(remove('products', productRow(7, 'Phone X', 1)));
    expect(latest(job.drain())['quantity/1']).toMatchObject({ product_name: null, category_id: null });
  });
});

describe('top-products job: correction horizon, late changes, bounded state', () => {
  const horizon = 10 * MIN;

  function closedWindow(): TopProductsJob {
    const job = createTopProductsJob({ correctionHorizon: horizon });
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00', T0)));
    fire(job, T0 + MIN - 1 + horizon - 1); // still open for corrections
    return job;
  }

  test('corrections are taken until end − 1 + horizon; then a change is late: counted, reported, not applied', () => {
    const job = closedWindow();
    job.onRecord(update('order_items', itemRow(1, 1, 7, 2, '5.00', T0), itemRow(1, 1, 7, 4, '5.00', T0)));
    expect(latest(job.drain())['quantity/1']).toMatchObject({ total_quantity: 4 });
    job.onWatermark(T0 + MIN - 1 + horizon); // closed
    const cancel = update('orders', orderRow(1, T0), orderRow(1, T0, 'cancelled'));
    job.onRecord(cancel);
    expect(job.drain()).toEqual([]);
    expect(job.metrics).toMatchObject({ lateChanges: 1 });
    expect(job.drainTooLate()).toEqual([
      {
        reason: 'closed_window',
        table: 'orders',
        op: 'update',
        id: 1,
        windowStart: T0,
        watermark: T0 + MIN - 1 + horizon,
        topic: 'ecommerce-cdc.public.orders',
        partition: 0,
        offset: cancel.event.offset,
      },
    ]);
    expect(job.drainTooLate()).toEqual([]);
  });

  test('after the horizon a status change between counted statuses is ignored, not reported', () => {
    const job = closedWindow();
    job.onWatermark(T0 + 5 * horizon); // evicted
    job.onRecord(update('orders', orderRow(1, T0), orderRow(1, T0, 'shipped')));
    expect(job.metrics).toMatchObject({ lateChanges: 0, ignoredChanges: 1 });
    expect(job.stateSize().orders).toBe(0);
  });

  test('after eviction the before image still tells a late change: a new item, a delete, a date move', () => {
    const job = closedWindow();
    job.onWatermark(T0 + 5 * horizon);
    job.onRecord(create('order_items', itemRow(2, 1, 7, 1, '5.00', T0))); // its order was dropped
    job.onRecord(remove('order_items', itemRow(1, 1, 7, 2, '5.00', T0)));
    job.onRecord(update('orders', orderRow(1, T0), orderRow(1, T0 + 5 * horizon)));
    expect(job.drainTooLate().map((l) => [l.table, l.op, l.id, l.windowStart])).toEqual([
      ['order_items', 'create', 2, T0],
      ['order_items', 'delete', 1, T0],
      ['orders', 'update', 1, T0],
    ]);
    expect(job.stateSize()).toMatchObject({ orders: 0, items: 0 });
  });

  test('state is bounded by the horizon: windows, orders and items are dropped once closed (one window later for trending)', () => {
    const job = createTopProductsJob({ correctionHorizon: horizon });
    for (let i = 0; i < 30; i++) {
      job.onRecord(create('orders', orderRow(i + 1, T0 + i * MIN)));
      job.onRecord(create('order_items', itemRow(i + 1, i + 1, 7, 1, '1.00', T0 + i * MIN)));
      job.onWatermark(T0 + i * MIN);
      job.drain();
    }
    // open for corrections: windows ending after wm − horizon, plus the one before the oldest (trending)
    expect(job.stateSize()).toMatchObject({ orders: 12, items: 12, windows: 12, emittedWindows: 10 });
    job.onWatermark(T0 + 100 * MIN);
    expect(job.stateSize()).toMatchObject({ orders: 0, items: 0, windows: 0, emittedWindows: 0 });
  });

  test('an item whose order never comes is reported as orphaned once its created_at window closes', () => {
    const job = createTopProductsJob({ correctionHorizon: horizon });
    job.onRecord(create('order_items', itemRow(5, 99, 7, 1, '1.00', T0)));
    job.onWatermark(T0 + MIN - 2 + horizon);
    expect(job.stateSize().waitingItems).toBe(1);
    job.onWatermark(T0 + MIN - 1 + horizon);
    expect(job.stateSize()).toMatchObject({ waitingItems: 0, items: 0 });
    expect(job.metrics.orphanedItems).toBe(1);
    expect(job.drainTooLate()).toMatchObject([
      { reason: 'orphaned_item', table: 'order_items', id: 5, windowStart: T0, op: null },
    ]);
  });

  test('horizon 0: the window fires once, every later change is late', () => {
    const job = createTopProductsJob({ correctionHorizon: 0 });
    job.onRecord(create('orders', orderRow(1, T0)));
    job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00', T0)));
    expect(keys(fire(job, T0 + 5 * MIN))).toEqual([
      'quantity/1',
      'revenue/1',
      'trending/1',
      'category/unknown',
    ]);
    expect(job.stateSize()).toMatchObject({ orders: 0, items: 0 });
    job.onRecord(update('orders', orderRow(1, T0), orderRow(1, T0, 'cancelled')));
    expect(job.metrics.lateChanges).toBe(1);
  });
});

describe('top-products job: bad input', () => {
  function expectRefused(job: TopProductsJob, act: () => void, code: string, message: RegExp): JobError {
    const before = JSON.stringify(job.snapshot());
    let error: unknown;
    try {
      act();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobError);
    expect(error).toMatchObject({ code, job: job.name, retriable: false });
    expect((error as Error).message).toMatch(message);
    expect(JSON.stringify(job.snapshot())).toBe(before); // state untouched
    return error as JobError;
  }

  test('a table the job does not read (WRONG_TABLE), a truncate (UNSUPPORTED_OP): naming table and op, state untouched', () => {
    const job = createTopProductsJob();
    job.onRecord(create('orders', orderRow(1, T0)));
    const payment = record('payments', 'create', null, {
      payment_id: 3,
      order_id: 1,
      customer_id: 7,
      payment_date: '2026-01-01T10:00:00Z',
      amount: '129.90',
      payment_method: 'credit_card',
      transaction_id: 'tx-1',
      status: 'completed',
      created_at: '2026-01-01T10:00:00Z',
      updated_at: '2026-01-01T10:00:00Z',
    });
    expectRefused(
      job,
      () => job.onRecord(payment),
      'WRONG_TABLE',
      /^top-products: cannot use payments\/create: /,
    );
    const truncate = record('order_items', 'truncate', null, null);
    expectRefused(job, () => job.onRecord(truncate), 'UNSUPPORTED_OP', /cannot use order_items\/truncate/);
    expect(job.tables).toEqual(['order_items', 'orders', 'products', 'categories']);
  });

  test('a line whose revenue is beyond NUMERIC(14,2): INVALID_RECORD with the money error as cause', () => {
    const job = createTopProductsJob();
    const huge = create('order_items', itemRow(1, 1, 7, 2_000_000_000, '999999999999.99'));
    const error = expectRefused(
      job,
      () => job.onRecord(huge),
      'INVALID_RECORD',
      /order_items\/create: line revenue/,
    );
    expect(error.raw).toBe(huge);
    expect(isDomainError(error.cause)).toBe(true);
  });

  test('a delete without before or key columns has no primary key: MISSING_ROW', () => {
    const job = createTopProductsJob();
    const bare = record('orders', 'delete', null, null);
    expectRefused(job, () => job.onRecord(bare), 'MISSING_ROW', /orders\/delete: no order_id/);
  });

  test('a watermark that is not epoch ms; options out of range', () => {
    const job = createTopProductsJob();
    expectRefused(job, () => job.onWatermark(1.5), 'INVALID_WATERMARK', /watermark/);
    expectRefused(job, () => job.onWatermark(Number.NaN), 'INVALID_WATERMARK', /watermark/);
    expect(() => createTopProductsJob({ windowSize: 0 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringMatching(/windowSize must be an integer ≥ 1/),
      }),
    );
    expect(() => createTopProductsJob({ n: 0 })).toThrow(/n must be an integer ≥ 1/);
    expect(() => createTopProductsJob({ correctionHorizon: -1 })).toThrow(/correctionHorizon/);
    expect(() => createTopProductsJob({ name: '' })).toThrow(/name/);
  });

  test('a snapshot of another format or other options is refused, state untouched', () => {
    const job = createTopProductsJob();
    job.onRecord(create('orders', orderRow(1, T0)));
    const other = createTopProductsJob({ n: 3 }).snapshot();
    expectRefused(job, () => job.restore(other), 'SNAPSHOT_MISMATCH', /other options/);
    expectRefused(
      job,
      () => job.restore({ format: 'nope' }),
      'INVALID_SNAPSHOT',
      /cannot restore the snapshot/,
    );
  });
});

describe('top-products job: snapshots', () => {
  test('JSON round trip mid-stream (pending output, dirty windows, waiting items) continues identically', () => {
    const build = () => {
      const job = createTopProductsJob({ n: 2, correctionHorizon: 5 * MIN });
      shop(job);
      job.onRecord(create('orders', orderRow(1, T0)));
      job.onRecord(create('order_items', itemRow(1, 1, 7, 2, '5.00', T0)));
      job.onRecord(create('order_items', itemRow(2, 2, 8, 1, '7.00', T0)));
      job.onWatermark(T0 + MIN);
      job.onRecord(update('orders', orderRow(1, T0), orderRow(1, T0, 'cancelled')));
      return job;
    };
    const rest = (job: TopProductsJob) => {
      const out = [...job.drain()];
      job.onRecord(create('orders', orderRow(2, T0 + MIN)));
      out.push(...fire(job, T0 + 20 * MIN));
      return { out, late: job.drainTooLate(), metrics: job.metrics, size: job.stateSize() };
    };
    const straight = build();
    const snapshot = JSON.parse(JSON.stringify(straight.snapshot())) as ReturnType<
      TopProductsJob['snapshot']
    >;
    const restored = createTopProductsJob({ n: 2, correctionHorizon: 5 * MIN });
    restored.restore(snapshot);
    expect(restored.watermark).toBe(T0 + MIN);
    expect(rest(restored)).toEqual(rest(straight));
  });
});
