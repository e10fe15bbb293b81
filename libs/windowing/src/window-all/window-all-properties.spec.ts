import fc from 'fast-check';
import { fcParams } from '../../test/fc-params.js';
import {
  MAX_TIMESTAMP,
  createWindowAllOperator,
  createWindowOperator,
  sliding,
  sumBy,
  topN,
  tumbling,
  type LateElement,
  type RankedItem,
  type SlidingWindows,
  type TumblingWindows,
  type WindowAllPartial,
  type WindowAllResult,
  type WindowAllSnapshot,
  type WindowOperator,
} from '../index.js';

const params = fcParams(20_261_127, 200);
const PARTITIONS = [0, 1, 2];
const N = 3;

interface Sale {
  product: string;
  qty: number;
  ts: number;
  partition: number;
}
const sale: fc.Arbitrary<Sale> = fc.record({
  product: fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5'),
  qty: fc.integer({ min: 1, max: 5 }),
  ts: fc.integer({ min: 0, max: 300 }),
  partition: fc.constantFrom(...PARTITIONS),
});
const grid: fc.Arbitrary<() => TumblingWindows | SlidingWindows> = fc.oneof(
  fc.integer({ min: 20, max: 120 }).map((size) => () => tumbling({ size })),
  fc.tuple(fc.integer({ min: 20, max: 60 }), fc.integer({ min: 1, max: 3 })).map(([slide, k]) => () => sliding({ size: slide * k, slide })),
);

type Ranked = RankedItem<number>[];

/**
 * Phase one: a keyed window operator per partition (per-product quantity sums), each with its own bounded
 * watermark; phase two: the window-all stage (global top-N over the partials), fed the results and watermarks.
 * `snapshotAt` steps round-trip the stage through JSON.
 */
function twoPhase(assigner: () => TumblingWindows | SlidingWindows, arrival: readonly Sale[], bound: number, lateness: number, snapshotAt: ReadonlySet<number>) {
  const results: WindowAllResult<Ranked>[] = [];
  const upstreamLate: LateElement<string, Sale>[] = [];
  const buildStage = () =>
    createWindowAllOperator({
      assigner: assigner(),
      inputs: PARTITIONS,
      allowedLateness: lateness,
      aggregate: topN({ n: N, item: (p: WindowAllPartial<string, number>) => p.key, score: (p) => p.value }),
      onResult: (r) => results.push(r),
    });
  let stage = buildStage();
  const upstream: WindowOperator<string, Sale, number>[] = PARTITIONS.map((p) =>
    createWindowOperator<string, Sale, number, number>({
      assigner: assigner(),
      aggregate: sumBy((s: Sale) => s.qty),
      allowedLateness: lateness,
      watermarks: { type: 'bounded', outOfOrderness: bound },
      onResult: (r) => stage.onResult(p, r),
      onLate: (e) => upstreamLate.push(e),
    }),
  );
  arrival.forEach((s, i) => {
    if (snapshotAt.has(i)) {
      const bytes = JSON.stringify(stage.snapshot());
      stage = buildStage();
      stage.restore(JSON.parse(bytes) as WindowAllSnapshot);
    }
    const op = upstream[s.partition];
    op.onElement(s.product, s, s.ts);
    stage.onWatermark(s.partition, op.watermark);
  });
  for (const p of PARTITIONS) {
    upstream[p].onWatermark(MAX_TIMESTAMP);
    stage.onWatermark(p, upstream[p].watermark);
  }
  return { results, upstreamLate, stage };
}

/** Batch top-N per window over `sales`. */
function batchTop(assigner: TumblingWindows | SlidingWindows, sales: readonly Sale[]): Map<string, Ranked> {
  const totals = new Map<string, Map<string, number>>();
  for (const s of sales) {
    for (const w of assigner.assign(null, s.ts)) {
      const id = `${w.start},${w.end}`;
      const m = totals.get(id) ?? new Map<string, number>();
      totals.set(id, m.set(s.product, (m.get(s.product) ?? 0) + s.qty));
    }
  }
  const out = new Map<string, Ranked>();
  for (const [id, m] of totals) {
    const ranked = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, N);
    out.set(id, ranked.map(([item, score], i) => ({ rank: i + 1, item, score })));
  }
  return out;
}

const lastPerWindow = (results: readonly WindowAllResult<Ranked>[]): Map<string, Ranked> =>
  new Map(results.map((r) => [`${r.window.start},${r.window.end}`, r.value]));

describe('window-all properties: two-phase top-N', () => {
  it('equals the single-phase top-N (same results, same order, same timing) when no data is late', () => {
    fc.assert(
      fc.property(grid, fc.integer({ min: 0, max: 30 }), fc.array(sale, { maxLength: 80, size: 'max' }), fc.array(fc.nat(30), { minLength: 80, maxLength: 80 }), fc.array(fc.nat(), { maxLength: 3 }), (assigner, bound, sales, delays, cuts) => {
        // Arrival: by ts + delay (< bound + 1), per partition within the watermark bound, so nothing is late anywhere.
        const arrival = sales.map((s, i) => ({ s, at: s.ts + (delays[i] % (bound + 1)), i })).sort((x, y) => x.at - y.at || x.i - y.i).map((x) => x.s);
        const two = twoPhase(assigner, arrival, bound, 0, new Set(cuts.map((c) => c % (arrival.length + 1))));
        const single: WindowAllResult<Ranked>[] = [];
        const op = createWindowOperator({
          assigner: assigner(),
          aggregate: topN({ n: N, item: (s: Sale) => s.product, score: (s) => s.qty }),
          watermarks: { type: 'bounded', outOfOrderness: bound, partitions: PARTITIONS },
          onResult: ({ window, value, timestamp, timing, pane }) => single.push({ window, value, timestamp, timing, pane }),
        });
        for (const s of arrival) op.onElement('all', s, s.ts, s.partition);
        op.onWatermark(MAX_TIMESTAMP);
        expect(two.upstreamLate).toEqual([]);
        expect(two.results).toEqual(single);
        expect(lastPerWindow(two.results)).toEqual(batchTop(assigner(), sales));
      }),
      params,
    );
  });

  it('with late data: corrections converge to the top-N over every element the upstream operators kept', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 120 }).map((size) => () => tumbling({ size })),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(sale, { maxLength: 80, size: 'max' }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 80, maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        (assigner, bound, lateness, sales, jitter, cuts) => {
          // Delays below bound + lateness + 30: some elements on time, some late within the lateness, some dropped.
          const spread = bound + lateness + 30;
          const arrival = sales.map((s, i) => ({ s, at: s.ts + Math.floor(jitter[i] * spread), i })).sort((x, y) => x.at - y.at || x.i - y.i).map((x) => x.s);
          const two = twoPhase(assigner, arrival, bound, lateness, new Set(cuts.map((c) => c % (arrival.length + 1))));
          const dropped = new Set(two.upstreamLate.map((e) => e.value));
          expect(lastPerWindow(two.results)).toEqual(batchTop(assigner(), arrival.filter((s) => !dropped.has(s))));
          expect(two.stage.metrics).toMatchObject({ lateDropped: 0, lateSideOutput: 0 });
          for (const [i, r] of two.results.entries()) {
            const earlier = two.results.slice(0, i).filter((x) => x.window.start === r.window.start);
            expect(r.pane).toBe(earlier.length);
            if (earlier.length > 0) expect(r.timing).toBe('late');
          }
          expect(two.stage.stateSize()).toEqual({ windows: 0, partials: 0 });
        },
      ),
      params,
    );
  });
});
