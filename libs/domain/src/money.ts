import { z } from 'zod';
import { DomainError } from './errors.js';

/**
 * An amount of money (VND) as an exact decimal string, as PostgreSQL NUMERIC(14,2) prints it: `"15000000.00"`.
 *
 * @remarks Never a JavaScript number: floats cannot hold every cent exactly. Do arithmetic with
 * {@link addMoney}, {@link multiplyMoney} and {@link sumMoney} (bigint minor units under the hood).
 *
 * @example
 * ```ts
 * const price: Money = '15000000.00';
 * ```
 */
export type Money = string;

/**
 * The largest value NUMERIC(14,2) holds: 12 integer digits and 2 fraction digits.
 *
 * @example
 * ```ts
 * compareMoney('100000000.00', MONEY_MAX); // -1 (100 M VND fits; it overflowed the original NUMERIC(10,2))
 * ```
 */
export const MONEY_MAX: Money = '999999999999.99';

/**
 * Zero, formatted like PostgreSQL prints NUMERIC(14,2).
 *
 * @example
 * ```ts
 * sumMoney([]); // MONEY_ZERO, i.e. '0.00'
 * ```
 */
export const MONEY_ZERO: Money = '0.00';

/**
 * Shape of a valid money string: no sign, no leading zeros, at most 12 integer and 2 fraction digits.
 *
 * @example
 * ```ts
 * MONEY_PATTERN.test('199000.5'); // true
 * MONEY_PATTERN.test('1e3'); // false
 * ```
 */
export const MONEY_PATTERN = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,2})?$/;

/** Scale of NUMERIC(14,2). */
const SCALE = 2;
const MINOR_PER_UNIT = 100n;
const MAX_MINOR = 99_999_999_999_999n;

/**
 * zod schema for {@link Money}: accepts only strings matching {@link MONEY_PATTERN}; numbers are rejected.
 *
 * @remarks Validation only, no transform: the output is the input string. Use {@link normalizeMoney} to get the
 * canonical two-decimal form.
 *
 * @example
 * ```ts
 * moneySchema.parse('15000000.00'); // '15000000.00'
 * moneySchema.safeParse(15000000).success; // false: numbers are never money
 * moneySchema.safeParse('-1.00').success; // false: money columns are >= 0
 * ```
 */
export const moneySchema = z.string().regex(MONEY_PATTERN, {
  message:
    'Expected money as an exact decimal string (at most 2 fraction digits, 0 to 999999999999.99), e.g. "15000000.00"',
});

/**
 * Whether `value` is a valid {@link Money} string.
 *
 * @example
 * ```ts
 * isMoney('0.5'); // true
 * isMoney(0.5); // false
 * isMoney('1,000'); // false
 * ```
 */
export function isMoney(value: unknown): value is Money {
  return typeof value === 'string' && MONEY_PATTERN.test(value);
}

/**
 * Validates `value` as money and returns it in canonical two-decimal form.
 *
 * @throws {@link DomainError} `invalid_money` if `value` is not a valid money string.
 *
 * @example
 * ```ts
 * parseMoney('199000'); // '199000.00'
 * parseMoney(199000); // throws DomainError { code: 'invalid_money' }
 * ```
 */
export function parseMoney(value: unknown): Money {
  return fromMinorUnits(toMinorUnits(value));
}

/**
 * Canonical two-decimal form of a money string (what PostgreSQL returns for NUMERIC(14,2)).
 *
 * @throws {@link DomainError} `invalid_money` if `value` is not a valid money string.
 *
 * @example
 * ```ts
 * normalizeMoney('5.5'); // '5.50'
 * normalizeMoney('5.50'); // '5.50'
 * ```
 */
export function normalizeMoney(value: Money): Money {
  return parseMoney(value);
}

/**
 * Converts money to an exact count of minor units (hundredths of a dong) as a bigint.
 *
 * @throws {@link DomainError} `invalid_money` if `value` is not a valid money string.
 *
 * @example
 * ```ts
 * toMinorUnits('15000000.05'); // 1500000005n
 * ```
 */
export function toMinorUnits(value: unknown): bigint {
  if (!isMoney(value)) {
    throw new DomainError(
      'invalid_money',
      `Invalid money ${describe(value)}: expected an exact decimal string like "15000000.00"`,
      {
        details: { value },
      },
    );
  }
  return minorUnitsOf(value);
}

/**
 * The minor units of a string that {@link isMoney} accepted, in one pass over its characters (a money value has at
 * most 14 digits, so the running total is exact as a number): about a quarter faster than split + two `BigInt`s on
 * the stream jobs' hot path.
 */
function minorUnitsOf(value: string): bigint {
  const dot = value.indexOf('.');
  let minor = 0;
  for (let i = 0; i < value.length; i += 1) if (i !== dot) minor = minor * 10 + (value.charCodeAt(i) - 48);
  const fraction = dot === -1 ? 0 : value.length - dot - 1;
  return BigInt(fraction === SCALE ? minor : minor * 10 ** (SCALE - fraction));
}

/**
 * Converts a count of minor units back to canonical money.
 *
 * @throws {@link DomainError} `money_out_of_range` if the amount is negative or above {@link MONEY_MAX}.
 *
 * @example
 * ```ts
 * fromMinorUnits(1500000005n); // '15000000.05'
 * fromMinorUnits(-1n); // throws DomainError { code: 'money_out_of_range' }
 * ```
 */
export function fromMinorUnits(minor: bigint): Money {
  if (minor < 0n || minor > MAX_MINOR) {
    throw new DomainError(
      'money_out_of_range',
      `Money ${minor} minor units is outside NUMERIC(14,2) [0, ${MONEY_MAX}]`,
      {
        details: { minorUnits: minor.toString(), max: MONEY_MAX },
      },
    );
  }
  const units = minor / MINOR_PER_UNIT;
  const fraction = (minor % MINOR_PER_UNIT).toString().padStart(SCALE, '0');
  return `${units}.${fraction}`;
}

/**
 * Exact sum of two amounts.
 *
 * @throws {@link DomainError} `invalid_money` for a bad operand, `money_out_of_range` if the sum overflows NUMERIC(14,2).
 *
 * @example
 * ```ts
 * addMoney('0.10', '0.20'); // '0.30' (not 0.30000000000000004)
 * ```
 */
export function addMoney(a: Money, b: Money): Money {
  return fromMinorUnits(toMinorUnits(a) + toMinorUnits(b));
}

/**
 * Exact sum of any number of amounts; `'0.00'` for an empty list.
 *
 * @throws {@link DomainError} `invalid_money` for a bad element, `money_out_of_range` on overflow.
 *
 * @example
 * ```ts
 * sumMoney(['15000000.00', '199000.00', '0.5']); // '15199000.50'
 * ```
 */
export function sumMoney(amounts: Iterable<Money>): Money {
  let total = 0n;
  for (const amount of amounts) total += toMinorUnits(amount);
  return fromMinorUnits(total);
}

/**
 * Exact line total: unit price × quantity.
 *
 * @throws {@link DomainError} `invalid_quantity` unless `quantity` is a non-negative safe integer,
 * `invalid_money` for a bad price, `money_out_of_range` on overflow.
 *
 * @example
 * ```ts
 * multiplyMoney('15000000.00', 3); // '45000000.00'
 * multiplyMoney('1.00', 1.5); // throws DomainError { code: 'invalid_quantity' }
 * ```
 */
export function multiplyMoney(unitPrice: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new DomainError(
      'invalid_quantity',
      `Invalid quantity ${describe(quantity)}: expected a non-negative integer`,
      {
        details: { quantity },
      },
    );
  }
  return fromMinorUnits(toMinorUnits(unitPrice) * BigInt(quantity));
}

/**
 * Exact comparison: `-1` if `a < b`, `0` if equal (`'5'` equals `'5.00'`), `1` if `a > b`.
 *
 * @throws {@link DomainError} `invalid_money` for a bad operand.
 *
 * @example
 * ```ts
 * compareMoney('10000000.01', '10000000'); // 1
 * ['3.00', '1.5'].sort(compareMoney); // ['1.5', '3.00']
 * ```
 */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  const x = toMinorUnits(a);
  const y = toMinorUnits(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  return typeof value === 'number' ? `${value} (a number)` : String(value);
}
