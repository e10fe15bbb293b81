/**
 * Windowing benchmarks (`npm run bench -- windowing`). Fixed seed, pre-generated columns, results in
 * bench/results/windowing.json. Every throughput case is compared with a hand-written Map-based tumbling sum
 * run on the same events in the same process (`map-baseline-tumbling-sum`).
 *
 * Events: 2 M, 100 K customer keys (uniform), 10 K products, timestamps over 4 minutes (≈ 5 events per key per
 * 1-minute window), up to 2 s out of order; watermark = max − 2000 − 1 after each element.
 */
import { runSuite, type BenchCase } from '../../../tools/bench/harness.js';
import {
  createWindowOperator,
  count,
  decimalSum,
  sliding,
  sum,
  tumbling,
  type AggregateFunction,
  type TriggerSpec,
  type WindowResult,
} from './index.js';

const N = Number(process.env.BENCH_EVENTS ?? 2_000_000);
const KEYS = 100_000;
const PRODUCTS = 10_000;
const SPAN_MS = 240_000;
const DISORDER_MS = 2000;
const BASE = 1_700_000_040_000; // a multiple of 60 000

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = mulberry32(Number(process.env.BENCH_SEED ?? 6));
const customerNames = Array.from({ length: KEYS }, (_, i) => `c${i}`);
const productNames = Array.from({ length: PRODUCTS }, (_, i) => `p${i}`);
const customers: string[] = new Array(N);
const products: string[] = new Array(N);
const amounts = new Float64Array(N);
const times = new Float64Array(N);
for (let i = 0; i < N; i++) {
  customers[i] = customerNames[Math.floor(rnd() * KEYS)];
  products[i] = productNames[Math.floor(rnd() * rnd() * PRODUCTS)]; // skewed popularity
  amounts[i] = 1 + Math.floor(rnd() * 10_000);
  times[i] = BASE + Math.floor((i * SPAN_MS) / N) - Math.floor(rnd() * DISORDER_MS);
}

let sink = 0;

/** The yardstick: what one would write by hand with Maps for a 1-minute tumbling sum per key. */
function mapBaseline(): void {
  const size = 60_000;
  const windows = new Map<number, Map<string, number>>();
  let lastStart = Number.NaN;
  let last: Map<string, number> | undefined;
  let maxTs = -Infinity;
  let watermark = -Infinity;
  let nextClose = Infinity;
  const emit = (start: number, m: Map<string, number>): void => {
    for (const [key, value] of m) sink += ({ key, start, end: start + size, value }).value;
  };
  for (let i = 0; i < N; i++) {
    const ts = times[i];
    const start = ts - (ts % size);
    if (start + size - 1 <= watermark) continue; // late: dropped
    if (start !== lastStart) {
      last = windows.get(start);
      if (last === undefined) {
        last = new Map();
        windows.set(start, last);
        if (start + size - 1 < nextClose) nextClose = start + size - 1;
      }
      lastStart = start;
    }
    const key = customers[i];
    last!.set(key, (last!.get(key) ?? 0) + amounts[i]);
    if (ts > maxTs) {
      maxTs = ts;
      watermark = maxTs - DISORDER_MS - 1;
      if (watermark >= nextClose) {
        nextClose = Infinity;
        for (const [s, m] of windows) {
          if (s + size - 1 <= watermark) {
            emit(s, m);
            windows.delete(s);
            if (s === lastStart) lastStart = Number.NaN;
          } else if (s + size - 1 < nextClose) nextClose = s + size - 1;
        }
      }
    }
  }
  for (const [s, m] of windows) emit(s, m);
}

function libraryTumblingSum(): void {
  const op = createWindowOperator<string, number, number, number>({
    assigner: tumbling({ size: 60_000 }),
    aggregate: sum(),
    watermarks: { type: 'bounded', outOfOrderness: DISORDER_MS },
    onResult: (r) => {
      sink += r.value;
    },
  });
  for (let i = 0; i < N; i++) op.onElement(customers[i], amounts[i], times[i]);
  op.onWatermark(Number.MAX_SAFE_INTEGER);
}

/** Order totals as NUMERIC(14,2) strings (`'8123450.07'`), made from the same amounts (setup of the decimal pair). */
let totals: string[] = [];
const makeTotals = (): void => {
  totals = Array.from({ length: N }, (_, i) => `${amounts[i] * 1000}.${String(i % 100).padStart(2, '0')}`);
};

/**
 * The decimal yardstick: a hand-written 1-minute tumbling sum per key in `Map<key, bigint>` (scale 2 assumed, no
 * validation), same watermark and late-drop rule, results formatted back to decimal strings.
 */
function mapBaselineDecimalSum(out?: Map<string, string>): void {
  const size = 60_000;
  const open = new Map<number, Map<string, bigint>>();
  let watermark = -Infinity;
  let cachedStart = Number.NaN;
  let cached = new Map<string, bigint>();
  const fire = (start: number, sums: Map<string, bigint>): void => {
    for (const [key, units] of sums) {
      const digits = units.toString().padStart(3, '0');
      const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
      if (out) out.set(`${key}@${start}`, text);
      else sink += text.length;
    }
  };
  for (let i = 0; i < N; i++) {
    const ts = times[i];
    const start = ts - (ts % size);
    if (start + size - 1 > watermark) {
      if (start !== cachedStart) {
        cached = open.get(start) ?? new Map();
        open.set(start, cached);
        cachedStart = start;
      }
      const key = customers[i];
      const total = totals[i];
      cached.set(key, (cached.get(key) ?? 0n) + BigInt(total.slice(0, -3) + total.slice(-2)));
    }
    if (ts - DISORDER_MS - 1 > watermark) {
      watermark = ts - DISORDER_MS - 1;
      for (const [s, sums] of open) {
        if (s + size - 1 > watermark) continue;
        fire(s, sums);
        open.delete(s);
        if (s === cachedStart) cachedStart = Number.NaN;
      }
    }
  }
  for (const [s, sums] of open) fire(s, sums);
}

/** The same with `decimalSum()` (validates every string, tracks the scale, merges exactly). */
function libraryTumblingDecimalSum(out?: Map<string, string>): void {
  const op = createWindowOperator({
    assigner: tumbling({ size: 60_000 }),
    aggregate: decimalSum(),
    watermarks: { type: 'bounded', outOfOrderness: DISORDER_MS },
    onResult: (r: WindowResult<string, string>) => {
      if (out) out.set(`${r.key}@${r.window.start}`, r.value);
      else sink += r.value.length;
    },
  });
  for (let i = 0; i < N; i++) op.onElement(customers[i], totals[i], times[i]);
  op.onWatermark(Number.MAX_SAFE_INTEGER);
}

/** Correctness check, run once before timing: both give the same decimal string for every (key, window). */
function checkDecimalSums(): void {
  const expected = new Map<string, string>();
  const actual = new Map<string, string>();
  mapBaselineDecimalSum(expected);
  libraryTumblingDecimalSum(actual);
  if (expected.size !== actual.size || [...expected].some(([k, v]) => actual.get(k) !== v)) {
    throw new Error('tumbling decimal sum: the library and the Map<key, bigint> baseline disagree on the benchmark events');
  }
  console.log(`tumbling decimal sum check: library == Map<key, bigint> baseline (${expected.size} results)`);
}

type TopN = Map<number, WindowResult<string, number>[]>;

/**
 * Sliding 5 min / 1 min product counts, top 10 products per window. The top-N is computed in `onResult`, i.e.
 * once per fired (product, window) result (≈ 9 windows × 10 K products), not per event; events are counted by
 * the library. `observe` (correctness check only) sees every result.
 */
function slidingTopN(
  aggregate: AggregateFunction<unknown, number, number>,
  trigger: TriggerSpec,
  observe?: (r: WindowResult<string, number>) => void,
): { top: TopN; results: number } {
  const TOP = 10;
  const top: TopN = new Map();
  let results = 0;
  const op = createWindowOperator<string, unknown, number, number>({
    assigner: sliding({ size: 300_000, slide: 60_000 }),
    aggregate,
    trigger,
    watermarks: { type: 'bounded', outOfOrderness: DISORDER_MS },
    onResult: (r) => {
      results++;
      observe?.(r);
      let best = top.get(r.window.start);
      if (best === undefined) top.set(r.window.start, (best = []));
      if (best.length === TOP && best[TOP - 1].value >= r.value) return;
      let j = best.length < TOP ? best.length : TOP - 1;
      while (j > 0 && best[j - 1].value < r.value) {
        best[j] = best[j - 1];
        j--;
      }
      best[j] = r;
    },
  });
  for (let i = 0; i < N; i++) op.onElement(products[i], null, times[i]);
  op.onWatermark(Number.MAX_SAFE_INTEGER);
  return { top, results };
}

const EVENT_TIME: TriggerSpec = { type: 'event-time' };

/** The timed case: `count()` is commutative, so the operator keeps per-slice counts (the sliced path). */
function librarySlidingTopN(): Record<string, number> {
  const { top, results } = slidingTopN(count(), EVENT_TIME);
  for (const best of top.values()) sink += best[0].value;
  return { resultsPerRound: results };
}

/**
 * Correctness check, run once before timing: the sliced path, the per-window fast path (same aggregate declared
 * non-commutative) and the generic per-pane path (an early trigger that never fires) must produce the same
 * results (order-sensitive hash over every result) and the same top-N on the same events.
 */
function checkSlidingPaths(): void {
  const digest = (aggregate: AggregateFunction<unknown, number, number>, trigger: TriggerSpec): string => {
    let h = 0;
    const { top, results } = slidingTopN(aggregate, trigger, (r) => {
      for (let i = 0; i < r.key.length; i++) h = (Math.imul(h, 31) + r.key.charCodeAt(i)) | 0;
      h = (Math.imul(h, 31) + r.window.start + Math.imul(r.value, 7919) + (r.timing === 'on-time' ? 1 : 2)) | 0;
    });
    const tops = [...top].map(([start, best]) => [start, best.map((r) => [r.key, r.value])]);
    return JSON.stringify({ results, h, tops });
  };
  const sliced = digest(count(), EVENT_TIME);
  const perWindow = digest({ ...count(), commutative: false }, EVENT_TIME);
  const generic = digest(count(), { type: 'event-time', earlyEveryElements: Number.MAX_SAFE_INTEGER });
  if (sliced !== perWindow || sliced !== generic) {
    throw new Error('sliding top-N: the sliced, per-window and generic paths disagree on the benchmark events');
  }
  console.log(`sliding top-N check: sliced == per-window == generic (${JSON.parse(sliced).results} results)`);
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Heap bytes per logical (key, window) pane and per stored accumulator: 100 K keys × windows of an operator,
 * measured with forced GCs. With slicing, one (key, slice) accumulator serves `size / slide` windows.
 */
function stateBytes(kind: 'tumbling' | 'sliding'): Record<string, number | string> {
  if (!gc) return { bytesPerPane: 'run with --expose-gc' };
  const assigner = kind === 'tumbling' ? tumbling({ size: 60_000 }) : sliding({ size: 300_000, slide: 60_000 });
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const op = createWindowOperator<string, number, number, number>({ assigner, aggregate: sum(), onResult: () => undefined });
  for (let k = 0; k < KEYS; k++) op.onElement(customerNames[k], 1, BASE + (k % 60_000));
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  const panes = op.stateSize().panes; // logical (key, window) pairs
  const stored = op.snapshot().panes.length; // accumulators actually held: per (key, window), or per (key, slice)
  sink += panes;
  return {
    panes,
    bytesPerPane: Math.round((after - before) / panes),
    storedEntries: stored,
    bytesPerStoredEntry: Math.round((after - before) / stored),
  };
}

const cases: BenchCase[] = [
  { name: 'map-baseline-tumbling-sum', ops: N, run: mapBaseline },
  { name: 'tumbling-1m-sum-100k-keys', ops: N, run: libraryTumblingSum, baseline: 'map-baseline-tumbling-sum' },
  {
    name: 'sliding-5m-1m-count-top10',
    ops: N,
    run: librarySlidingTopN,
    baseline: 'map-baseline-tumbling-sum',
    setup: process.env.BENCH_SKIP_CHECK ? undefined : checkSlidingPaths,
  },
  {
    name: 'map-baseline-tumbling-decimal-sum',
    ops: N,
    run: () => mapBaselineDecimalSum(),
    setup: () => {
      makeTotals();
      if (!process.env.BENCH_SKIP_CHECK) checkDecimalSums();
    },
  },
  { name: 'tumbling-1m-decimal-sum-100k-keys', ops: N, run: () => libraryTumblingDecimalSum(), baseline: 'map-baseline-tumbling-decimal-sum' },
  { name: 'state-bytes-tumbling', ops: KEYS, run: () => stateBytes('tumbling') },
  { name: 'state-bytes-sliding-5-windows', ops: KEYS * 5, run: () => stateBytes('sliding') },
];

await runSuite('windowing', cases, { rounds: Number(process.env.BENCH_ROUNDS ?? 5), warmup: Number(process.env.BENCH_WARMUP ?? 2) });
if (sink === 42) console.log('');
