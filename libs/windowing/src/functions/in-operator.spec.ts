import fc from 'fast-check';
import { FC, decimalText, isExactly, moneyText, refRound, refSum } from '../../test/decimals.js';
import {
  aggregates,
  count,
  countDistinct,
  createWindowOperator,
  decimalAverage,
  decimalMin,
  decimalSum,
  decimalTopN,
  session,
  sliding,
  tumbling,
  type AggregateFunction,
  type TriggerSpec,
  type WindowAssigner,
} from '../index.js';
import { runWindowed, type TestEvent } from '../testing/index.js';

interface Order {
  customer: string;
  product: string;
  total: string;
}

type Event = { key: string; value: Order; timestamp: number };

const SIZE = 60_000;
const SLIDE = 20_000;

const orders: fc.Arbitrary<Event[]> = fc
  .array(
    fc.record({
      key: fc.constantFrom('shop-a', 'shop-b'),
      value: fc.record({ customer: fc.constantFrom('c1', 'c2', 'c3'), product: fc.constantFrom('p1', 'p2'), total: fc.oneof(moneyText, decimalText) }),
      timestamp: fc.integer({ min: 0, max: 5 * SIZE }),
    }),
    { maxLength: 60 },
  )
  .map((es) => es.sort((a, b) => a.timestamp - b.timestamp));

/** Elements in timestamp order, each preceded by watermark ts − 1 (nothing late), with snapshot round trips. */
function script(events: Event[], restoreAt: ReadonlySet<number>): TestEvent<string, Order>[] {
  return events.flatMap((e, i) => [
    { watermark: e.timestamp - 1 },
    ...(restoreAt.has(i) ? [{ snapshotRestore: true as const }] : []),
    e,
  ]);
}

/** The elements of each (key, window start), by brute force. */
function byWindow(events: Event[], starts: (ts: number) => number[]): Map<string, Order[]> {
  const out = new Map<string, Order[]>();
  for (const e of events) {
    for (const s of starts(e.timestamp)) {
      const id = `${e.key}@${s}`;
      out.set(id, [...(out.get(id) ?? []), e.value]);
    }
  }
  return out;
}

const tumblingStarts = (ts: number): number[] => [ts - (ts % SIZE)];
const slidingStarts = (ts: number): number[] => [0, 1, 2].map((k) => ts - (ts % SLIDE) - k * SLIDE);

const figures = () =>
  aggregates({
    orders: count(),
    revenue: decimalSum((o: Order) => o.total),
    average: decimalAverage((o: Order) => o.total, { scale: 3, rounding: 'half-up' }),
    smallest: decimalMin((o: Order) => o.total),
    customers: countDistinct((o: Order) => o.customer),
    topRevenue: decimalTopN({ n: 1, item: (o: Order) => o.product, score: (o) => o.total }),
  });

describe.each([
  ['tumbling 1 min', tumbling({ size: SIZE }), tumblingStarts, undefined],
  ['sliding 1 min / 20 s (sliced)', sliding({ size: SIZE, slide: SLIDE }), slidingStarts, 'slices'],
] as const)('aggregates in createWindowOperator, %s', (_, assigner, starts, layout) => {
  it('gives exact per-window figures, through snapshot round trips', () => {
    fc.assert(
      fc.property(orders, fc.array(fc.nat({ max: 59 }), { maxLength: 4 }), (events, cuts) => {
        const { results, operator } = runWindowed(script(events, new Set(cuts)), { assigner, aggregate: figures() });
        expect(operator.snapshot().config.layout).toBe(layout);
        const expected = byWindow(events, starts);
        expect(results.length).toBe(expected.size);
        for (const r of results) {
          const elements = expected.get(`${r.key}@${r.window.start}`)!;
          const totals = elements.map((o) => o.total);
          const sum = refSum(totals);
          expect(r.timing).toBe('on-time');
          expect(r.value.orders).toBe(elements.length);
          expect(isExactly(r.value.revenue, sum.units, sum.scale)).toBe(true);
          const average = refRound(sum.units * 1000n, BigInt(elements.length) * 10n ** BigInt(sum.scale), 'half-up');
          expect(isExactly(r.value.average!, average, 3)).toBe(true);
          expect(r.value.customers).toBe(new Set(elements.map((o) => o.customer)).size);
          expect(r.value.topRevenue).toHaveLength(1);
        }
      }),
      { ...FC, numRuns: Math.ceil(FC.numRuns / 4) },
    );
  });
});

describe('a bad decimal inside the operator', () => {
  const assigners: [string, WindowAssigner<unknown>, TriggerSpec | undefined][] = [
    ['tumbling (fast path)', tumbling({ size: SIZE }), undefined],
    ['sliding (sliced)', sliding({ size: SIZE, slide: SLIDE }), undefined],
    ['sliding with early firings (generic path)', sliding({ size: SIZE, slide: SLIDE }), { type: 'event-time', earlyEveryElements: 2 }],
    ['session', session({ gap: 10_000 }), undefined],
  ];

  it.each(assigners)('throws INVALID_DECIMAL from onElement and changes no result: %s', (_, assigner, trigger) => {
    const run = (bad: boolean): unknown[] => {
      const op = createWindowOperator<string, string, unknown, string>({
        assigner,
        trigger,
        aggregate: decimalSum() as AggregateFunction<string, unknown, string>,
      });
      op.onElement('a', '129.90', 1_000);
      op.onElement('b', '0.10', 2_000);
      if (bad) {
        expect(() => op.onElement('a', '1e3', 3_000)).toThrow('decimalSum: expected a decimal string like "129.90", got "1e3"');
        expect(() => op.onElement('c', 12 as unknown as string, 3_000)).toThrow(expect.objectContaining({ code: 'INVALID_DECIMAL' }));
      }
      op.onElement('a', '-0.90', 4_000);
      op.onWatermark(Number.MAX_SAFE_INTEGER);
      return op.drain().results;
    };
    const clean = run(false);
    expect(clean.length).toBeGreaterThan(0);
    expect(run(true)).toEqual(clean);
  });

  it.each(assigners)('leaves no window, pane, timer or counter behind: %s', (_, assigner, trigger) => {
    const op = createWindowOperator<string, string, unknown, string>({
      assigner,
      trigger,
      aggregate: decimalSum() as AggregateFunction<string, unknown, string>,
    });
    op.onElement('a', '129.90', 1_000);
    const size = op.stateSize();
    const metrics = { ...op.metrics };
    expect(() => op.onElement('z', 'NaN', 900_000)).toThrow(expect.objectContaining({ code: 'INVALID_DECIMAL' }));
    expect(op.stateSize()).toEqual(size);
    expect(op.metrics).toEqual(metrics);
  });
});
