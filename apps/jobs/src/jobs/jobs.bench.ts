/**
 * Operator-only benchmarks of the job cores (issue 12 §5, `npm run bench -- jobs.bench`): the revenue and the
 * top-products cores fed pre-built `DomainRecord`s from memory, each against hand-written `Map` aggregations over
 * the same records in the same run, and the state memory per order, item and window. Results in
 * bench/results/jobs-revenue.json and bench/results/jobs-top-products.json.
 *
 * Yardsticks: `map-<job>` (map-baselines.bench.ts) does what the job's README demands with plain Maps (each order
 * once, retractions, the join, corrections, every field, the horizon) and no validation; the goal is the core at
 * ≥ 0.5× its throughput. Before anything is timed, each core's latest value per result id is checked to equal its
 * yardstick's. `map-add-only-<job>` (the previous yardstick) only adds the creates into per-window Maps, without
 * per-order state, join, corrections or the derived fields: it does less than the spec demands (wrong figures on
 * the stream with changes) and is kept as a reference (its ratio is to `map-<job>`; the core's ratio to it is
 * printed below the table).
 *
 * Stream (seed `BENCH_SEED`, default 12; `BENCH_ORDERS` orders, default 100 K): orders over 30 one-minute windows
 * from 100 K customers, in event-time order up to 2 s out of order; 8 % of the orders later change their total
 * (updates) and 4 % are cancelled, each change arriving a few thousand records after its order (so mostly a
 * correction of a fired window). The watermark (max event time − 5 s − 1) is sent every 1 000 records and results
 * are drained then, as the runtime does. Records are built through `toDomainRecord` before anything is timed. Each
 * core also runs a creates-only stream (no corrections). `BENCH_JOBS=revenue` (or `top-products`) runs one suite.
 */
import type { DomainRecord } from '@ecom/cdc';
import { MAX_TIMESTAMP } from '@ecom/windowing';
import { isDeepStrictEqual } from 'node:util';
import { rng } from '../../../../libs/cdc/test/fixtures.js';
import { runSuite, type BenchResult } from '../../../../tools/bench/harness.js';
import type { JobResult, StreamJobCore } from '../runtime/stream-job.js';
import { create, itemRow, orderRow, productRow, categoryRow, update } from '../testing/change-records.js';
import { orders, type OrderVersion } from '../testing/order-records.js';
import { compacted } from '../testing/replay.js';
import { formatHundredths } from './decimal.js';
import {
  hundredths,
  revenueMap,
  topProductsMap,
  type ResultSink,
  type Stream,
} from './map-baselines.bench.js';
import { createRevenueJob } from './revenue/index.js';
import { createTopProductsJob } from './top-products/index.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
/** Which suites run (`BENCH_JOBS=revenue`, for profiling one core). */
const JOBS = (process.env.BENCH_JOBS ?? 'revenue,top-products').split(',');
const CUSTOMERS = 100_000;
const PRODUCTS = 10_000;
const CATEGORIES = 50;
const WINDOW = 60_000;
const SPAN = 30 * WINDOW;
const DISORDER = 2_000;
const OUT_OF_ORDERNESS = 5_000;
const WATERMARK_EVERY = 1_000;
const CHANGE_DELAY = 3_000; // records between an order and its later change
const BASE = Date.UTC(2026, 0, 1, 10);
const TOP_N = 10;

const cents = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

/** Orders in event-time order (bounded disorder) with their later changes spliced in `CHANGE_DELAY` records on. */
function schedule<T>(
  rnd: () => number,
  creates: (i: number, at: number) => T[],
  change: (i: number) => T[],
): T[] {
  const out: T[] = [];
  const due = new Map<number, T[]>();
  for (let i = 0; i < ORDERS; i++) {
    const at = BASE + Math.floor((i * SPAN) / ORDERS) - Math.floor(rnd() * DISORDER);
    out.push(...creates(i, at));
    const later = change(i);
    if (later.length > 0) {
      const slot = i + CHANGE_DELAY + Math.floor(rnd() * CHANGE_DELAY);
      due.set(slot, [...(due.get(slot) ?? []), ...later]);
    }
    out.push(...(due.get(i) ?? []));
    due.delete(i);
  }
  for (const rest of due.values()) out.push(...rest);
  return out;
}

function withWatermarks(records: DomainRecord[]): Stream {
  const watermarks = new Float64Array(records.length).fill(Number.NaN);
  let max = -Infinity;
  records.forEach((r, i) => {
    if (r.table === 'orders' || r.table === 'order_items') max = Math.max(max, r.eventTime);
    if ((i + 1) % WATERMARK_EVERY === 0 && max > -Infinity) watermarks[i] = max - OUT_OF_ORDERNESS - 1;
  });
  return { records, watermarks };
}

/** Orders from `CUSTOMERS` customers; with `changes`, later updates and cancellations. */
function revenueStream(seed: number, changes: boolean): Stream {
  const rnd = rng(seed);
  const versions: OrderVersion[] = [];
  const records = schedule(
    rnd,
    (i, at) => {
      const v = {
        id: i + 1,
        customer: 1 + Math.floor(rnd() * CUSTOMERS),
        at,
        total: cents(500 + Math.floor(rnd() * 50_000)),
      };
      versions.push(v);
      return [orders.create(v)];
    },
    (i) => {
      const v = versions[i];
      const p = changes ? rnd() : 1;
      if (p < 0.04) return [orders.cancel(v)];
      if (p < 0.12) return [orders.update(v, { ...v, total: cents(500 + Math.floor(rnd() * 50_000)) })];
      return [];
    },
  );
  return withWatermarks(records);
}

/** The catalog, then orders with 1–3 items; with `changes`, later cancellations and quantity edits. */
function topProductsStream(seed: number, changes: boolean): Stream {
  const rnd = rng(seed);
  const catalog: DomainRecord[] = [];
  for (let c = 1; c <= CATEGORIES; c++) catalog.push(create('categories', categoryRow(c, `Category ${c}`)));
  for (let p = 1; p <= PRODUCTS; p++)
    catalog.push(create('products', productRow(p, `Product ${p}`, 1 + (p % CATEGORIES))));
  let itemId = 0;
  const placed: { date: number; items: ReturnType<typeof itemRow>[] }[] = [];
  const records = schedule(
    rnd,
    (i, at) => {
      const order = create('orders', orderRow(i + 1, at));
      const items = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () =>
        itemRow(
          ++itemId,
          i + 1,
          1 + Math.floor(rnd() * rnd() * PRODUCTS), // skewed popularity
          1 + Math.floor(rnd() * 4),
          cents(100 + Math.floor(rnd() * 20_000)),
          at,
        ),
      );
      placed.push({ date: at, items });
      const lines = items.map((row) => create('order_items', row));
      return rnd() < 0.5 ? [order, ...lines] : [...lines, order]; // an item may come before its order
    },
    (i) => {
      const { date, items } = placed[i];
      const p = changes ? rnd() : 1;
      if (p < 0.04) return [update('orders', orderRow(i + 1, date), orderRow(i + 1, date, 'cancelled'))];
      if (p < 0.12) {
        const row = items[0];
        return [update('order_items', row, { ...row, quantity: (row['quantity'] as number) + 1 })];
      }
      return [];
    },
  );
  return withWatermarks([...catalog, ...records]);
}

let sink = 0;

/** Feeds a core the stream, draining at every watermark; returns the number of results (collected with `out`). */
function runCore(
  job: StreamJobCore & { drainTooLate(): unknown[] },
  { records, watermarks }: Stream,
  out?: JobResult[],
): number {
  let results = 0;
  const drain = () => {
    const drained = job.drain();
    out?.push(...drained);
    return drained.length;
  };
  for (let i = 0; i < records.length; i++) {
    job.onRecord(records[i]);
    const wm = watermarks[i];
    if (wm === wm) {
      job.onWatermark(wm);
      results += drain();
      job.drainTooLate();
    }
  }
  job.onWatermark(MAX_TIMESTAMP);
  return results + drain();
}

/**
 * Fires, at every watermark, the windows that ended, with `emit`; `add` puts one record into its window's
 * accumulator. Late records (window already fired) are dropped. No retractions, no corrections, no validation.
 */
function mapAggregation<A>(
  { records, watermarks }: Stream,
  fresh: () => A,
  add: (acc: A, record: DomainRecord) => void,
  emit: (start: number, acc: A) => number,
): number {
  const open = new Map<number, A>();
  let fired = -Infinity;
  let results = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const start = r.eventTime - (r.eventTime % WINDOW);
    if (start + WINDOW - 1 > fired) {
      let acc = open.get(start);
      if (acc === undefined) open.set(start, (acc = fresh()));
      add(acc, r);
    }
    const wm = watermarks[i];
    if (wm === wm) {
      for (const [s, acc] of open) {
        if (s + WINDOW - 1 > wm) continue;
        results += emit(s, acc);
        open.delete(s);
      }
      fired = Math.max(fired, wm);
    }
  }
  for (const [s, acc] of open) results += emit(s, acc);
  return results;
}

interface RevenueAcc {
  count: number;
  cents: bigint;
  customers: Set<number>;
}

/** The add-only revenue reference: per window, order count, exact revenue and unique customers of the creates. */
function revenueAddOnly(stream: Stream): number {
  return mapAggregation<RevenueAcc>(
    stream,
    () => ({ count: 0, cents: 0n, customers: new Set() }),
    (acc, r) => {
      if (r.table !== 'orders' || r.op !== 'create' || r.after === null || r.after.status === 'cancelled')
        return;
      acc.count += 1;
      acc.cents += hundredths(r.after.total_price);
      acc.customers.add(r.after.customer_id);
    },
    (start, acc) => {
      const value = {
        window_start: new Date(start).toISOString(),
        total_orders: acc.count,
        total_revenue: formatHundredths(acc.cents),
        unique_customers: acc.customers.size,
      };
      sink += value.total_revenue.length;
      return 1;
    },
  );
}

interface ProductAcc {
  quantity: number;
  cents: bigint;
}

/** The add-only top-products reference: per window and product, quantity and revenue of item creates; top N of each. */
function topProductsAddOnly(stream: Stream): number {
  return mapAggregation<Map<number, ProductAcc>>(
    stream,
    () => new Map(),
    (acc, r) => {
      if (r.table !== 'order_items' || r.op !== 'create' || r.after === null) return;
      const { product_id, quantity, price } = r.after;
      const p = acc.get(product_id);
      const line = hundredths(price) * BigInt(quantity);
      if (p === undefined) acc.set(product_id, { quantity, cents: line });
      else {
        p.quantity += quantity;
        p.cents += line;
      }
    },
    (start, acc) => {
      const all = [...acc];
      const byQuantity = all.sort((a, b) => b[1].quantity - a[1].quantity || a[0] - b[0]).slice(0, TOP_N);
      const byRevenue = all
        .sort((a, b) => (a[1].cents < b[1].cents ? 1 : a[1].cents > b[1].cents ? -1 : a[0] - b[0]))
        .slice(0, TOP_N);
      for (const [id, p] of [...byQuantity, ...byRevenue]) {
        sink += id + formatHundredths(p.cents).length + start;
      }
      return byQuantity.length + byRevenue.length;
    },
  );
}

type Core = StreamJobCore & { drainTooLate(): unknown[] };

/**
 * Heap held by a core after the whole stream but the final watermark (nothing is past the 24 h horizon), with
 * what `describe` reads from the core then; the core is dropped before this returns.
 */
function heldBytes<J extends Core>(
  build: () => J,
  { records, watermarks }: Stream,
  describe: (job: J) => Record<string, number>,
): Record<string, number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc (npm run bench does)');
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const job = build();
  for (let i = 0; i < records.length; i++) {
    job.onRecord(records[i]);
    if (watermarks[i] === watermarks[i]) {
      job.onWatermark(watermarks[i]);
      job.drain();
      job.drainTooLate();
    }
  }
  gc();
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  return { 'state MB': +(bytes / 1e6).toFixed(1), ...describe(job), bytes };
}

/** The latest value per `<window start>/<key>` a baseline emitted (retracted ones left out; JSON text parsed). */
function latestOf(run: (sink: ResultSink) => number): Map<string, unknown> {
  const latest = new Map<string, unknown>();
  run((key, value) => {
    if (value === null) latest.delete(key);
    else latest.set(key, typeof value === 'string' ? JSON.parse(value) : value);
  });
  return latest;
}

/** Throws unless the core and its yardstick leave the same latest value per result id (the baseline is fair). */
function checkSameResults(name: string, stream: Stream, baseline: Baseline, core: () => Core): void {
  const results: JobResult[] = [];
  runCore(core(), stream, results);
  const mine = compacted(results);
  const theirs = latestOf((sink) => baseline(stream, sink));
  if (mine.size === 0 || !isDeepStrictEqual(mine, theirs)) {
    const differ = [...new Set([...mine.keys(), ...theirs.keys()])].filter(
      (k) => !isDeepStrictEqual(mine.get(k), theirs.get(k)),
    );
    throw new Error(`${name}: core and map-${name} differ at ${differ.length} result ids, e.g. ${differ[0]}`);
  }
  console.log(`${name}: core and map baseline agree on ${mine.size} result ids`);
}

type Baseline = (stream: Stream, sink?: ResultSink) => number;

/**
 * On one stream: the spec-complete baseline, the core (its ratio is to that baseline) and the add-only reference
 * (its ratio too: how much less it does).
 */
function cases(
  name: string,
  stream: Stream,
  map: Baseline,
  addOnly: Baseline,
  core: () => Core,
  metrics = {},
) {
  const ops = stream.records.length;
  checkSameResults(name, stream, map, core);
  return [
    { name: `map-${name}`, ops, run: () => map(stream) },
    {
      name: `${name}-core`,
      ops,
      run: () => {
        sink += runCore(core(), stream);
        return metrics;
      },
      baseline: `map-${name}`,
    },
    { name: `map-add-only-${name}`, ops, run: () => addOnly(stream), baseline: `map-${name}` },
  ];
}

/** Prints each core's ratio to its add-only reference (core ratio ÷ add-only ratio, both to the same yardstick). */
function printAddOnlyRatios(results: BenchResult[]): void {
  for (const core of results.filter((r) => r.name.endsWith('-core'))) {
    const name = core.name.slice(0, -'-core'.length);
    const addOnly = results.find((r) => r.name === `map-add-only-${name}`);
    if (core.ratioToBaseline === undefined || addOnly?.ratioToBaseline === undefined) continue;
    console.log(
      `${core.name}: ${(core.ratioToBaseline / addOnly.ratioToBaseline).toFixed(2)}× map-add-only-${name}`,
    );
  }
}

const seed = Number(process.env.BENCH_SEED ?? 12);

if (JOBS.includes('revenue')) {
  const revenue = revenueStream(seed, true);
  const { bytes, ...memory } = heldBytes(createRevenueJob, revenue, (job) => {
    const { windows, orders } = job.stateSize();
    return { windows, orders, 'corrections+retractions': job.metrics.corrections };
  });
  memory['B/order'] = Math.round(bytes / memory.orders);
  memory['KB/window'] = Math.round(bytes / memory.windows / 1e3);
  console.log(`revenue stream: ${revenue.records.length} records, ${ORDERS} orders, ${CUSTOMERS} customers`);
  const creates = revenueStream(seed, false);
  printAddOnlyRatios(
    await runSuite('jobs-revenue', [
      ...cases('revenue', revenue, revenueMap, revenueAddOnly, createRevenueJob, memory),
      ...cases('revenue-creates-only', creates, revenueMap, revenueAddOnly, createRevenueJob),
    ]),
  );
}

if (JOBS.includes('top-products')) {
  const top = topProductsStream(seed, true);
  const { bytes, ...memory } = heldBytes(createTopProductsJob, top, (job) => {
    const { windows, orders, items } = job.stateSize();
    return { windows, orders, items, recomputations: job.metrics.firings };
  });
  memory['B/item'] = Math.round(bytes / memory.items);
  memory['B/order'] = Math.round(bytes / memory.orders);
  memory['KB/window'] = Math.round(bytes / memory.windows / 1e3);
  console.log(`top-products stream: ${top.records.length} records, ${ORDERS} orders, ${memory.items} items`);
  const creates = topProductsStream(seed, false);
  printAddOnlyRatios(
    await runSuite('jobs-top-products', [
      ...cases('top-products', top, topProductsMap, topProductsAddOnly, createTopProductsJob, memory),
      ...cases(
        'top-products-creates-only',
        creates,
        topProductsMap,
        topProductsAddOnly,
        createTopProductsJob,
      ),
    ]),
  );
}
if (sink === 0) console.log('(nothing emitted)');
