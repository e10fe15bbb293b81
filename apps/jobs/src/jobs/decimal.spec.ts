import { divideHalfEven, formatHundredths, parseHundredths } from './decimal.js';

describe('job decimals (bigint hundredths)', () => {
  it('formats and parses two-place decimals, signed, beyond 2^53', () => {
    const cases: [bigint, string][] = [
      [0n, '0.00'],
      [5n, '0.05'],
      [-5n, '-0.05'],
      [12_990n, '129.90'],
      [-10_000n, '-100.00'],
      [299_999_999_999_997n * 1000n, '2999999999999970.00'],
    ];
    for (const [units, text] of cases) {
      expect(formatHundredths(units)).toBe(text);
      expect(parseHundredths(text)).toBe(units);
    }
    for (const bad of ['-0.00', '1.5', '01.00', '1e3', '', 12, null])
      expect(parseHundredths(bad)).toBeUndefined();
  });

  it('divides rounding half to even, for both signs', () => {
    const cases: [bigint, bigint, bigint][] = [
      [25n, 10n, 2n],
      [35n, 10n, 4n],
      [26n, 10n, 3n],
      [24n, 10n, 2n],
      [-25n, 10n, -2n],
      [-35n, 10n, -4n],
      [-26n, 10n, -3n],
      [1n, 3n, 0n],
      [2n, 3n, 1n],
      [0n, 7n, 0n],
    ];
    for (const [n, d, q] of cases) expect(divideHalfEven(n, d)).toBe(q);
  });
});
