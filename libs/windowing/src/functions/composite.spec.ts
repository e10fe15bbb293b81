import fc from 'fast-check';
import { checkLaws, fold, roundTrip, scenario } from '../../test/aggregate-laws.js';
import { FC, moneyText, refSum, isExactly } from '../../test/decimals.js';
import {
  aggregates,
  count,
  countDistinct,
  decimalAverage,
  decimalMax,
  decimalSum,
  decimalTopN,
  topN,
  type AggregateFunction,
  type ItemKey,
} from '../index.js';

interface Order {
  id: number;
  customer: string;
  product: string;
  quantity: number;
  total: string;
}

const order: fc.Arbitrary<Order> = fc.record({
  id: fc.integer({ min: 1, max: 30 }),
  customer: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
  product: fc.constantFrom('p1', 'p2', 'p3'),
  quantity: fc.integer({ min: 1, max: 5 }),
  total: moneyText,
});

const figures = () =>
  aggregates({
    orders: countDistinct((o: Order) => o.id),
    lines: count(),
    revenue: decimalSum((o: Order) => o.total),
    averageOrder: decimalAverage((o: Order) => o.total, { scale: 2 }),
    largest: decimalMax((o: Order) => o.total),
    customers: countDistinct((o: Order) => o.customer),
    topQuantity: topN({ n: 2, item: (o: Order) => o.product, score: (o) => o.quantity }),
    topRevenue: decimalTopN({ n: 2, item: (o: Order) => o.product, score: (o) => o.total }),
  });

describe('countDistinct', () => {
  it('counts exact distinct values; 1 and "1" differ', () => {
    const fn = countDistinct();
    expect(fn.result(fold(fn, ['c1', 'c2', 'c1', 1, '1', 1]))).toBe(4);
    expect(fn.toJSON!(fold(fn, ['b', 'a', 'b']))).toEqual(['b', 'a']);
    expect(fn.commutative).toBe(true);
  });

  it('is mergeable and JSON-safe', () => {
    fc.assert(
      fc.property(scenario(fc.oneof(fc.string({ maxLength: 2 }), fc.integer({ min: -3, max: 3 }))), (s) => {
        expect(checkLaws(countDistinct(), s)).toBe(new Set(s.values).size);
      }),
      FC,
    );
  });

  it('rejects values that are not strings or finite numbers', () => {
    const fn = countDistinct() as AggregateFunction<unknown, Set<ItemKey>, number>;
    const acc = fold(fn, ['a']);
    for (const bad of [undefined, null, Number.POSITIVE_INFINITY, {}, 1n]) {
      expect(() => fn.add(acc, bad)).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }));
    }
    expect(acc.size).toBe(1);
    expect(() => fn.fromJSON!([{}])).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
    expect(() => fn.fromJSON!('a')).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
  });
});

describe('aggregates', () => {
  it('computes every figure of a revenue window at once', () => {
    const fn = figures();
    const acc = fold(fn, [
      { id: 1, customer: 'c1', product: 'p1', quantity: 2, total: '129.90' },
      { id: 1, customer: 'c1', product: 'p2', quantity: 1, total: '45000000.00' },
      { id: 2, customer: 'c2', product: 'p1', quantity: 5, total: '0.10' },
    ]);
    expect(fn.result(acc)).toEqual({
      orders: 2,
      lines: 3,
      revenue: '45000130.00',
      averageOrder: '15000043.33',
      largest: '45000000.00',
      customers: 2,
      topQuantity: [
        { rank: 1, item: 'p1', score: 7 },
        { rank: 2, item: 'p2', score: 1 },
      ],
      topRevenue: [
        { rank: 1, item: 'p2', score: '45000000.00' },
        { rank: 2, item: 'p1', score: '130.00' },
      ],
    });
    expect(fn.commutative).toBe(true);
    expect(JSON.parse(JSON.stringify(fn.toJSON!(acc)))).toMatchObject({ orders: [1, 2], revenue: '45000130.00', averageOrder: { sum: '45000130.00', count: 3 } });
    expect(fn.result(roundTrip(fn, acc))).toEqual(fn.result(acc));
  });

  it('is mergeable and JSON-safe, with every part exact', () => {
    fc.assert(
      fc.property(scenario(order), (s) => {
        const out = checkLaws(figures(), s);
        const sum = refSum(s.values.map((o) => o.total));
        expect(isExactly(out.revenue, sum.units, sum.scale)).toBe(true);
        expect(out.lines).toBe(s.values.length);
        expect(out.orders).toBe(new Set(s.values.map((o) => o.id)).size);
      }),
      FC,
    );
  });

  it('changes no figure when one part rejects an element', () => {
    const fn = figures() as AggregateFunction<unknown, unknown[], unknown>;
    const acc = fold(fn, [{ id: 1, customer: 'c1', product: 'p1', quantity: 1, total: '1.00' }]);
    const before = JSON.stringify(fn.toJSON!(acc));
    const bad = { id: 2, customer: 'c9', product: 'p9', quantity: 1, total: '1e3' };
    expect(() => fn.add(acc, bad)).toThrow('decimalSum: expected a decimal string like "129.90", got "1e3"');
    expect(() => fn.add(acc, { ...bad, total: '1', customer: undefined })).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }));
    expect(JSON.stringify(fn.toJSON!(acc))).toBe(before);
  });

  it('is not commutative when a part is not', () => {
    const last: AggregateFunction<number, number, number> = { create: () => 0, add: (_, v) => v, merge: (_, b) => b, result: (a) => a };
    expect(aggregates({ n: count(), last }).commutative).toBe(false);
  });

  it('rejects bad parts and bad snapshots', () => {
    for (const parts of [null, {}, { a: 1 }, { a: { add: 1 } }]) {
      expect(() => aggregates(parts as never)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    }
    const fn = aggregates({ n: count(), revenue: decimalSum() });
    expect(() => fn.fromJSON!({ n: 1 })).toThrow('aggregates snapshot lacks part "revenue"');
    expect(() => fn.fromJSON!([1, '2'])).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
    expect(() => fn.fromJSON!({ n: 1, revenue: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
  });
});
