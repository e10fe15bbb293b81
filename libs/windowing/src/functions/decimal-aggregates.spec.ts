import fc from 'fast-check';
import { checkLaws, fold, roundTrip, scenario } from '../../test/aggregate-laws.js';
import { FC, MODES, decimalText, isExactly, moneyText, refAt, refParse, refRound, refSum } from '../../test/decimals.js';
import { decimalAverage, decimalMax, decimalMin, decimalSum, type AggregateFunction } from '../index.js';

const mixed = fc.oneof(decimalText, moneyText);

/** Reference extreme: the largest (sign 1) or smallest (−1) value, at the largest scale. */
function refExtreme(texts: readonly string[], sign: 1 | -1): { units: bigint; scale: number } | null {
  if (texts.length === 0) return null;
  const scale = refSum(texts).scale;
  const all = texts.map((t) => refAt(refParse(t), scale));
  return { units: all.reduce((a, b) => ((sign > 0 ? b > a : b < a) ? b : a)), scale };
}

function expectRejects<V>(fn: AggregateFunction<V, unknown, unknown>, acc: unknown, bad: V, message: string): void {
  const before = JSON.stringify(fn.toJSON!(acc));
  expect(() => fn.add(acc, bad)).toThrow(expect.objectContaining({ name: 'WindowingError', code: 'INVALID_DECIMAL' }));
  expect(() => fn.add(acc, bad)).toThrow(message);
  expect(() => fn.validate!(bad)).toThrow(message);
  expect(JSON.stringify(fn.toJSON!(acc))).toBe(before);
}

describe('decimalSum', () => {
  it('sums exactly at the largest scale seen', () => {
    const fn = decimalSum();
    expect(fn.result(fold(fn, ['0.10', '0.20']))).toBe('0.30');
    expect(fn.result(fold(fn, ['1.5', '2.25']))).toBe('3.75');
    expect(fn.result(fold(fn, ['45000000.00', '45000000.00', '0.01']))).toBe('90000000.01');
    expect(fn.result(fold(fn, ['9007199254740993', '0.5']))).toBe('9007199254740993.5'); // 2^53 + 1
    expect(fn.result(fold(fn, ['-0.50', '0.50']))).toBe('0.00');
    expect(fn.result(fn.create())).toBe('0');
    expect(fn.commutative).toBe(true);
  });

  it('matches the bigint reference; merges in any order and shape; survives snapshots', () => {
    fc.assert(
      fc.property(scenario(mixed), (s) => {
        const { units, scale } = refSum(s.values);
        expect(isExactly(checkLaws(decimalSum(), s), units, scale)).toBe(true);
      }),
      FC,
    );
  });

  it('sums a field through a selector', () => {
    const fn = decimalSum((o: { total: string }) => o.total);
    expect(fn.result(fold(fn, [{ total: '129.90' }, { total: '0.10' }]))).toBe('130.00');
  });

  it('rejects non-decimals by name, leaving the accumulator as it was', () => {
    const fn = decimalSum() as AggregateFunction<unknown, unknown, string>;
    const acc = fold(fn, ['1.25']);
    for (const bad of ['1e3', '', 'NaN', ' 1']) expectRejects(fn, acc, bad, `decimalSum: expected a decimal string like "129.90", got ${JSON.stringify(bad)}`);
    expectRejects(fn, acc, 129.9, 'got 129.9 (a number; decimals must be strings)');
    expect(fn.result(fn.add(acc, '1'))).toBe('2.25');
  });

  it('refuses a bad snapshot', () => {
    expect(() => decimalSum().fromJSON!(12.5)).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
    expect(decimalSum().toJSON!(fold(decimalSum(), ['1.50', '-3']))).toBe('-1.50');
  });
});

describe('decimalAverage', () => {
  it('divides the exact sum by the count, rounded to the scale', () => {
    const avg = (values: string[], scale: number, rounding?: (typeof MODES)[number]): string | null => {
      const fn = decimalAverage({ scale, rounding });
      return fn.result(fold(fn, values));
    };
    expect(avg(['10', '20', '20'], 2)).toBe('16.67');
    expect(avg(['0.125'], 2)).toBe('0.12'); // half-even: tie to the even digit
    expect(avg(['0.135'], 2)).toBe('0.14');
    expect(avg(['0.125'], 2, 'half-up')).toBe('0.13');
    expect(avg(['-0.125'], 2, 'half-up')).toBe('-0.13');
    expect(avg(['-0.125'], 2, 'floor')).toBe('-0.13');
    expect(avg(['1', '2'], 0)).toBe('2'); // 1.5 → 2 (even)
    expect(avg(['45000000.00', '45000000.01'], 4)).toBe('45000000.0050');
    expect(avg([], 2)).toBeNull();
  });

  it('matches floor-division rounding for every mode and scale; mergeable; JSON-safe', () => {
    fc.assert(
      fc.property(scenario(mixed), fc.integer({ min: 0, max: 8 }), fc.constantFrom(...MODES), (s, scale, rounding) => {
        const out = checkLaws(decimalAverage({ scale, rounding }), s);
        if (s.values.length === 0) return expect(out).toBeNull();
        const sum = refSum(s.values);
        const q = refRound(sum.units * 10n ** BigInt(scale), BigInt(s.values.length) * 10n ** BigInt(sum.scale), rounding);
        expect(isExactly(out!, q, scale)).toBe(true);
      }),
      FC,
    );
  });

  it('takes a selector and options', () => {
    const fn = decimalAverage((o: { total: string }) => o.total, { scale: 2, rounding: 'half-up' });
    expect(fn.result(fold(fn, [{ total: '0.01' }, { total: '0.02' }]))).toBe('0.02');
    expect(JSON.parse(JSON.stringify(fn.toJSON!(fold(fn, [{ total: '0.01' }]))))).toEqual({ sum: '0.01', count: 1 });
  });

  it('rejects bad options and values', () => {
    const bad = (options: unknown): (() => unknown) => () => decimalAverage(options as { scale: number });
    for (const options of [undefined, {}, { scale: -1 }, { scale: 1.5 }, { scale: 101 }, { scale: 2, rounding: 'HALF_UP' }]) {
      expect(bad(options)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    }
    const fn = decimalAverage({ scale: 2 }) as AggregateFunction<unknown, unknown, string | null>;
    const acc = fold(fn, ['1']);
    expectRejects(fn, acc, '1e3', 'decimalAverage: expected a decimal string like "129.90", got "1e3"');
    expect(fn.result(acc)).toBe('1.00');
    expect(() => fn.fromJSON!({ sum: '1', count: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
  });
});

describe.each([
  ['decimalMin', decimalMin, -1],
  ['decimalMax', decimalMax, 1],
] as const)('%s', (name, make, sign) => {
  it('compares numerically and answers at the largest scale seen', () => {
    const fn = make();
    const values = ['2', '-0.50', '0.1', '12345678901234567890.12', '-12345678901234567890.1'];
    expect(fn.result(fold(fn, values))).toBe(sign < 0 ? '-12345678901234567890.10' : '12345678901234567890.12');
    expect(fn.result(fold(fn, ['1.5', '2.25']))).toBe(sign < 0 ? '1.50' : '2.25');
    expect(fn.result(fn.create())).toBeNull();
    expect(roundTrip(fn, fn.create())).toEqual(fn.create());
  });

  it('matches the bigint reference; mergeable; JSON-safe', () => {
    fc.assert(
      fc.property(scenario(mixed), (s) => {
        const out = checkLaws(make(), s);
        const ref = refExtreme(s.values, sign);
        if (ref === null) expect(out).toBeNull();
        else expect(isExactly(out!, ref.units, ref.scale)).toBe(true);
      }),
      FC,
    );
  });

  it('rejects non-decimals by name', () => {
    const fn = make((o: { total: string }) => o.total) as AggregateFunction<unknown, unknown, string | null>;
    const acc = fold(fn, [{ total: '3' }]);
    expectRejects(fn, acc, { total: '3e0' }, `${name}: expected a decimal string like "129.90", got "3e0"`);
    expect(() => fn.fromJSON!('x')).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
  });
});
