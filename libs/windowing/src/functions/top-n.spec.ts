import fc from 'fast-check';
import { checkLaws, fold, roundTrip, scenario } from '../../test/aggregate-laws.js';
import { FC, decimalText, isExactly, refAt, refParse, refSum } from '../../test/decimals.js';
import { decimalTopN, topN, type AggregateFunction, type ItemKey, type RankedItem } from '../index.js';

interface Line {
  product: ItemKey;
  quantity: number;
  total: string;
}

const item: fc.Arbitrary<ItemKey> = fc.oneof(fc.constantFrom('p1', 'p2', 'p10', 'P1', '1', 'é', ''), fc.integer({ min: -2, max: 12 }));
const line: fc.Arbitrary<Line> = fc.record({ product: item, quantity: fc.integer({ min: -3, max: 1_000_000 }), total: decimalText });

/** Reference order: higher score first; ties: numbers ascending, then strings by code units. */
function refRank<T>(totals: Map<ItemKey, T>, n: number, cmp: (a: T, b: T) => number): [ItemKey, T][] {
  const tie = (a: ItemKey, b: ItemKey): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : typeof a === 'number' ? -1 : typeof b === 'number' ? 1 : a < b ? -1 : a > b ? 1 : 0;
  return [...totals].sort((x, y) => cmp(y[1], x[1]) || tie(x[0], y[0])).slice(0, n);
}

const quantities = (n: number): AggregateFunction<Line, Map<ItemKey, number>, RankedItem<number>[]> =>
  topN({ n, item: (l: Line) => l.product, score: (l) => l.quantity });
const revenue = (n: number): ReturnType<typeof decimalTopN<Line>> => decimalTopN({ n, item: (l: Line) => l.product, score: (l) => l.total });

describe('topN', () => {
  it('ranks by summed score, ties by item (numbers first, then strings by code units)', () => {
    const fn = topN({ n: 4, item: (l: { p: ItemKey }) => l.p });
    const acc = fold(fn, ['b', 'a', 'b', 10, 2, 'a', 'c'].map((p) => ({ p })));
    expect(fn.result(acc)).toEqual([
      { rank: 1, item: 'a', score: 2 },
      { rank: 2, item: 'b', score: 2 },
      { rank: 3, item: 2, score: 1 },
      { rank: 4, item: 10, score: 1 },
    ]);
    expect(JSON.parse(JSON.stringify(fn.toJSON!(acc)))).toEqual([['b', 2], ['a', 2], [10, 1], [2, 1], ['c', 1]]);
  });

  it('matches a full sort of the reference totals; mergeable; JSON-safe', () => {
    fc.assert(
      fc.property(scenario(line), fc.integer({ min: 1, max: 12 }), (s, n) => {
        const totals = new Map<ItemKey, number>();
        for (const l of s.values) totals.set(l.product, (totals.get(l.product) ?? 0) + l.quantity);
        const expected = refRank(totals, n, (a, b) => a - b).map(([item, score], i) => ({ rank: i + 1, item, score }));
        expect(checkLaws(quantities(n), s)).toEqual(expected);
      }),
      FC,
    );
  });

  it('works as the second phase over partial totals', () => {
    fc.assert(
      fc.property(fc.array(fc.array(line, { maxLength: 20 }), { maxLength: 6 }), (parts) => {
        const partial = parts.map((chunk) => fold(quantities(1000), chunk));
        const second = topN({ n: 5, item: (r: RankedItem<number>) => r.item, score: (r) => r.score });
        const phase2 = fold(second, partial.flatMap((acc) => quantities(1000).result(acc)));
        expect(second.result(phase2)).toEqual(quantities(5).result(fold(quantities(5), parts.flat())));
      }),
      FC,
    );
  });

  it('rejects bad items, scores, totals and options, leaving the accumulator as it was', () => {
    const fn = quantities(3) as AggregateFunction<unknown, Map<ItemKey, number>, RankedItem<number>[]>;
    const acc = fold(fn, [{ product: 'p', quantity: Number.MAX_SAFE_INTEGER - 1 }]);
    const cases: [unknown, string, RegExp][] = [
      [{ product: undefined, quantity: 1 }, 'INVALID_KEY', /topN item: expected a string or finite number, got undefined/],
      [{ product: Number.NaN, quantity: 1 }, 'INVALID_KEY', /got NaN/],
      [{ product: 'p', quantity: 1.5 }, 'INVALID_SCORE', /score must be a safe integer .*, got 1.5/],
      [{ product: 'p', quantity: '2' }, 'INVALID_SCORE', /got "2"/],
      [{ product: 'p', quantity: 2 }, 'INVALID_SCORE', /total of item "p" is beyond 2\^53/],
    ];
    for (const [bad, code, message] of cases) {
      expect(() => fn.add(acc, bad)).toThrow(expect.objectContaining({ code }));
      expect(() => fn.add(acc, bad)).toThrow(message);
    }
    expect(acc.get('p')).toBe(Number.MAX_SAFE_INTEGER - 1);
    const big = fold(fn, [{ product: 'p', quantity: 5 }]);
    expect(() => fn.merge(big, acc)).toThrow(expect.objectContaining({ code: 'INVALID_SCORE' }));
    expect(big.get('p')).toBe(5);
    for (const n of [0, 1.5, undefined]) expect(() => topN({ n: n as number, item: String })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(() => fn.fromJSON!([['p', 1.5]])).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
    expect(() => fn.fromJSON!({})).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
  });
});

describe('decimalTopN', () => {
  it('ranks exact decimal revenue, beyond 2^53, at the largest scale seen', () => {
    const fn = revenue(2);
    const acc = fold(fn, [
      { product: 'a', quantity: 1, total: '9007199254740993.01' },
      { product: 'b', quantity: 1, total: '9007199254740993' },
      { product: 'b', quantity: 1, total: '0.005' },
      { product: 'c', quantity: 1, total: '1' },
    ]);
    expect(fn.result(acc)).toEqual([
      { rank: 1, item: 'a', score: '9007199254740993.010' },
      { rank: 2, item: 'b', score: '9007199254740993.005' },
    ]);
    expect(roundTrip(fn, acc)).toEqual(acc);
  });

  it('matches a full sort of the bigint reference totals; mergeable; JSON-safe', () => {
    fc.assert(
      fc.property(scenario(line), fc.integer({ min: 1, max: 12 }), (s, n) => {
        const scale = refSum(s.values.map((l) => l.total)).scale;
        const totals = new Map<ItemKey, bigint>();
        for (const l of s.values) totals.set(l.product, (totals.get(l.product) ?? 0n) + refAt(refParse(l.total), scale));
        const expected = refRank(totals, n, (a, b) => (a > b ? 1 : a < b ? -1 : 0));
        const out = checkLaws(revenue(n), s);
        expect(out.map((r) => [r.rank, r.item])).toEqual(expected.map(([item], i) => [i + 1, item]));
        out.forEach((r, i) => expect(isExactly(r.score, expected[i][1], scale)).toBe(true));
      }),
      FC,
    );
  });

  it('rejects bad scores by name, leaving the accumulator as it was', () => {
    const fn = revenue(3) as AggregateFunction<unknown, unknown, unknown>;
    const acc = fold(fn, [{ product: 'p', total: '1.00' }]);
    expect(() => fn.add(acc, { product: 'p', total: '1e3' })).toThrow('decimalTopN score: expected a decimal string like "129.90", got "1e3"');
    expect(() => fn.add(acc, { product: null, total: '1' })).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }));
    expect(() => fn.validate!({ product: 'p', total: 12 })).toThrow(expect.objectContaining({ code: 'INVALID_DECIMAL' }));
    expect(fn.toJSON!(acc)).toEqual([['p', '1.00']]);
    expect(() => decimalTopN({ n: 1, item: String } as never)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(() => fn.fromJSON!([['p', 1]])).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
  });
});
