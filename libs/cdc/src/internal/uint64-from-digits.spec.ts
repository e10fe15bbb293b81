import fc from 'fast-check';
import { lastUint64Double, MAX_UINT64_DIGITS, uint64FromDigits } from './uint64-from-digits.js';

describe('uint64FromDigits', () => {
  test.each([
    '0',
    '7',
    '1733906311190124154',
    '1733906311190124000',
    '9007199254740993',
    '9223372036854775807',
    '9223372036854775808',
    '9999999999999999999',
    '18446744073709551',
    '1000000000',
    '999999999',
  ])('%s', (digits) => {
    const text = `"k":${digits},`;
    expect(uint64FromDigits(text, 4, 4 + digits.length)).toBe(BigInt(digits));
    expect(lastUint64Double()).toBe(Number(digits));
  });

  test('equals BigInt(text) and Number(text) for every 1–19 digit integer (seeded property)', () => {
    const digits = fc
      .bigInt({ min: 0n, max: 10n ** BigInt(MAX_UINT64_DIGITS) - 1n })
      .chain((n) => fc.constantFrom(n, n % 10n ** 16n, n % 10n ** 9n, (n / 1000n) * 1000n))
      .map(String);
    fc.assert(
      fc.property(digits, fc.string({ maxLength: 3 }), (d, pad) => {
        const text = pad + d + pad;
        expect(uint64FromDigits(text, pad.length, pad.length + d.length)).toBe(BigInt(d));
        expect(lastUint64Double()).toBe(Number(d));
      }),
      { seed: 21, numRuns: 5_000 },
    );
  });
});
