import fc from 'fast-check';
import { FC, MODES, isExactly, refParse, refRound, decimalText } from '../../test/decimals.js';
import { WindowingError } from '../errors.js';
import { MAX_DECIMAL_SCALE, assertRoundingMode, decimalScale, decimalUnits, divideRounded, formatDecimal } from './decimal.js';

describe('decimal strings', () => {
  it.each([
    ['1', 1n, 0],
    ['-0.50', -50n, 2],
    ['0', 0n, 0],
    ['-0', 0n, 0],
    ['007.5', 75n, 1],
    ['45000000.00', 4_500_000_000n, 2],
    ['12345678901234567890.12', 1_234_567_890_123_456_789_012n, 2],
  ])('accepts %s', (text, units, scale) => {
    expect(decimalScale(text)).toBe(scale);
    expect(decimalUnits(text, scale)).toBe(units);
  });

  it.each([['1e3'], [''], ['NaN'], [' 1'], ['1 '], ['+1'], ['.5'], ['5.'], ['1,5'], ['Infinity'], ['0x10'], ['١']])(
    'rejects %j with INVALID_DECIMAL naming it',
    (text) => {
      expect(() => decimalScale(text, 'decimalSum')).toThrow(WindowingError);
      expect(() => decimalScale(text, 'decimalSum')).toThrow(`decimalSum: expected a decimal string like "129.90", got ${JSON.stringify(text)}`);
      try {
        decimalScale(text);
      } catch (e) {
        expect((e as WindowingError).code).toBe('INVALID_DECIMAL');
      }
    },
  );

  it.each([[129.9], [12n], [null], [undefined], [{}]])('rejects the non-string %p', (value) => {
    expect(() => decimalScale(value)).toThrow(/decimals must be strings/);
  });

  it(`rejects more than ${MAX_DECIMAL_SCALE} fraction digits`, () => {
    expect(decimalScale('0.' + '1'.repeat(MAX_DECIMAL_SCALE))).toBe(MAX_DECIMAL_SCALE);
    expect(() => decimalScale('0.' + '1'.repeat(MAX_DECIMAL_SCALE + 1))).toThrow(/fraction digits is above/);
  });

  it('formats canonically: no leading zeros, no negative zero, the given scale', () => {
    expect(formatDecimal(-50n, 2)).toBe('-0.50');
    expect(formatDecimal(0n, 2)).toBe('0.00');
    expect(formatDecimal(5n, 3)).toBe('0.005');
    expect(formatDecimal(-12n, 0)).toBe('-12');
    fc.assert(
      fc.property(decimalText, (text) => {
        const d = refParse(text);
        expect(isExactly(formatDecimal(decimalUnits(text, decimalScale(text)), d.scale), d.units, d.scale)).toBe(true);
      }),
      FC,
    );
  });

  it('divides with every rounding mode as the definitions say', () => {
    expect(divideRounded(5n, 2n, 'half-even')).toBe(2n);
    expect(divideRounded(7n, 2n, 'half-even')).toBe(4n);
    expect(divideRounded(-5n, 2n, 'half-even')).toBe(-2n);
    expect(divideRounded(-5n, 2n, 'half-up')).toBe(-3n);
    expect(divideRounded(-5n, 2n, 'half-down')).toBe(-2n);
    expect(divideRounded(-1n, 3n, 'floor')).toBe(-1n);
    expect(divideRounded(-1n, 3n, 'ceiling')).toBe(0n);
    expect(divideRounded(-1n, 3n, 'up')).toBe(-1n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.bigInt({ min: 1n, max: 10n ** 20n }), fc.constantFrom(...MODES), (n, d, mode) => {
        expect(divideRounded(n, d, mode)).toBe(refRound(n, d, mode));
        expect(divideRounded(n, 2n, mode)).toBe(refRound(n, 2n, mode)); // ties
      }),
      FC,
    );
  });

  it('rejects unknown rounding modes', () => {
    expect(assertRoundingMode('half-up')).toBe('half-up');
    expect(() => assertRoundingMode('HALF_UP')).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});
