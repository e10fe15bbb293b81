import fc from 'fast-check';
import { isDomainError } from './errors.js';
import {
  MONEY_MAX,
  MONEY_ZERO,
  addMoney,
  compareMoney,
  fromMinorUnits,
  isMoney,
  moneySchema,
  multiplyMoney,
  normalizeMoney,
  parseMoney,
  sumMoney,
  toMinorUnits,
} from './money.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? error.code : `not a DomainError: ${String(error)}`;
  }
  return undefined;
}

describe('moneySchema', () => {
  it.each(['0', '0.5', '0.50', '15000000', '15000000.00', '100000000.00', MONEY_MAX])(
    'accepts %s unchanged',
    (value) => {
      expect(moneySchema.parse(value)).toBe(value);
    },
  );

  it.each([
    ['a number', 15000000],
    ['a float', 0.1],
    ['a bigint', 5n],
    ['null', null],
    ['empty', ''],
    ['negative', '-1.00'],
    ['three decimals', '1.005'],
    ['exponent', '1e6'],
    ['thousands separator', '1,000'],
    ['leading zero', '01.00'],
    ['leading dot', '.5'],
    ['trailing dot', '5.'],
    ['whitespace', ' 5.00'],
    ['13 integer digits (overflows NUMERIC(14,2))', '1000000000000.00'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
  ])('rejects %s', (_label, value) => {
    const result = moneySchema.safeParse(value);
    expect(result.success).toBe(false);
  });

  it('explains the expected format', () => {
    const result = moneySchema.safeParse('1,5');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/exact decimal string/);
  });
});

describe('money helpers', () => {
  it('normalizes to two decimals', () => {
    expect(parseMoney('199000')).toBe('199000.00');
    expect(normalizeMoney('5.5')).toBe('5.50');
    expect(normalizeMoney('0')).toBe(MONEY_ZERO);
  });

  it('converts to and from minor units exactly', () => {
    expect(toMinorUnits('15000000.05')).toBe(1500000005n);
    expect(toMinorUnits('0.5')).toBe(50n);
    expect(fromMinorUnits(1500000005n)).toBe('15000000.05');
    expect(fromMinorUnits(0n)).toBe('0.00');
    expect(fromMinorUnits(toMinorUnits(MONEY_MAX))).toBe(MONEY_MAX);
  });

  it('adds without float error', () => {
    expect(addMoney('0.10', '0.20')).toBe('0.30');
    expect(sumMoney(['15000000.00', '199000.00', '0.5'])).toBe('15199000.50');
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney(new Set(['1', '2']))).toBe('3.00');
  });

  it('multiplies by a quantity', () => {
    expect(multiplyMoney('15000000.00', 3)).toBe('45000000.00');
    expect(multiplyMoney('0.01', 0)).toBe('0.00');
    // The original's NUMERIC(10,2) overflowed here (>= 100 M VND); NUMERIC(14,2) holds it.
    expect(multiplyMoney('25000000.00', 5)).toBe('125000000.00');
  });

  it('compares exactly', () => {
    expect(compareMoney('10000000.01', '10000000')).toBe(1);
    expect(compareMoney('5', '5.00')).toBe(0);
    expect(compareMoney('0.99', '1')).toBe(-1);
    expect(['3.00', '1.5', '2'].sort(compareMoney)).toEqual(['1.5', '2', '3.00']);
  });

  it('isMoney is a total guard', () => {
    expect(isMoney('0.5')).toBe(true);
    expect(isMoney(0.5)).toBe(false);
    expect(isMoney(undefined)).toBe(false);
    expect(isMoney({})).toBe(false);
  });

  it.each([
    ['parseMoney(number)', () => parseMoney(199000), 'invalid_money'],
    ['parseMoney(garbage)', () => parseMoney('abc'), 'invalid_money'],
    ['toMinorUnits(null)', () => toMinorUnits(null), 'invalid_money'],
    ['addMoney(bad)', () => addMoney('1.00', '1.001'), 'invalid_money'],
    ['sumMoney(bad element)', () => sumMoney(['1', '-2']), 'invalid_money'],
    ['compareMoney(bad)', () => compareMoney('1', 'x'), 'invalid_money'],
    ['addMoney overflow', () => addMoney(MONEY_MAX, '0.01'), 'money_out_of_range'],
    ['multiplyMoney overflow', () => multiplyMoney(MONEY_MAX, 2), 'money_out_of_range'],
    ['fromMinorUnits(-1n)', () => fromMinorUnits(-1n), 'money_out_of_range'],
    ['multiplyMoney(1.5)', () => multiplyMoney('1.00', 1.5), 'invalid_quantity'],
    ['multiplyMoney(-1)', () => multiplyMoney('1.00', -1), 'invalid_quantity'],
    ['multiplyMoney(NaN)', () => multiplyMoney('1.00', Number.NaN), 'invalid_quantity'],
    ['multiplyMoney(2^53)', () => multiplyMoney('1.00', 2 ** 53), 'invalid_quantity'],
  ])('%s throws a typed error', (_label, fn, code) => {
    expect(codeOf(fn)).toBe(code);
  });

  it('names the bad value in the message', () => {
    expect(() => parseMoney(199000)).toThrow('Invalid money 199000 (a number)');
  });
});

describe('money properties', () => {
  const minor = fc.bigInt({ min: 0n, max: 99_999_999_999_999n });

  it('round-trips through minor units', () => {
    fc.assert(
      fc.property(minor, (m) => {
        const money = fromMinorUnits(m);
        expect(moneySchema.safeParse(money).success).toBe(true);
        expect(toMinorUnits(money)).toBe(m);
      }),
    );
  });

  it('addition agrees with bigint addition and is commutative', () => {
    const half = fc.bigInt({ min: 0n, max: 49_999_999_999_999n });
    fc.assert(
      fc.property(half, half, (a, b) => {
        const x = fromMinorUnits(a);
        const y = fromMinorUnits(b);
        expect(addMoney(x, y)).toBe(fromMinorUnits(a + b));
        expect(addMoney(x, y)).toBe(addMoney(y, x));
      }),
    );
  });

  it('comparison agrees with bigint order', () => {
    fc.assert(
      fc.property(minor, minor, (a, b) => {
        expect(compareMoney(fromMinorUnits(a), fromMinorUnits(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});
