import { z } from 'zod';

/** Largest value of a PostgreSQL `integer` (int4). */
const INT4_MAX = 2_147_483_647;

/**
 * A surrogate key of an `integer` identity column: a positive int4.
 *
 * @example
 * ```ts
 * idSchema.parse(42); // 42
 * idSchema.safeParse(0).success; // false
 * idSchema.safeParse('42').success; // false: ids are numbers, as node-postgres returns int4
 * ```
 */
export const idSchema = z.int().min(1).max(INT4_MAX);

/**
 * A surrogate key of a `bigint` identity column, as a decimal string (node-postgres returns int8 as a string).
 *
 * @remarks Accepts a digit string, a safe integer or a bigint, and always outputs a string, so values above
 * 2^53 stay exact.
 *
 * @example
 * ```ts
 * bigIdSchema.parse(7); // '7'
 * bigIdSchema.parse(9007199254740993n); // '9007199254740993'
 * bigIdSchema.safeParse('-1').success; // false
 * ```
 */
export const bigIdSchema = z
  .union([
    z.string().regex(/^[1-9]\d{0,18}$/, { message: 'Expected a positive integer id as a decimal string' }),
    z.int().min(1),
    z.bigint().min(1n),
  ])
  .transform((value) => String(value));

/**
 * A non-negative int4 count (stock levels).
 *
 * @example
 * ```ts
 * countSchema.parse(0); // 0
 * countSchema.safeParse(-1).success; // false
 * ```
 */
export const countSchema = z.int().min(0).max(INT4_MAX);

/**
 * A positive int4 quantity (cart, order and event lines): the database CHECKs `quantity > 0`.
 *
 * @example
 * ```ts
 * quantitySchema.parse(3); // 3
 * quantitySchema.safeParse(0).success; // false
 * quantitySchema.safeParse(1.5).success; // false
 * ```
 */
export const quantitySchema = z.int().min(1).max(INT4_MAX);

/**
 * A `timestamptz` value. Accepts a valid `Date` or an ISO-8601 string with `Z` or an offset (what JSON and
 * Debezium's `ZonedTimestamp` carry) and outputs a `Date`.
 *
 * @example
 * ```ts
 * timestampSchema.parse('2025-01-31T17:00:00+07:00'); // Date 2025-01-31T10:00:00.000Z
 * timestampSchema.parse(new Date(0)); // Date 1970-01-01T00:00:00.000Z
 * timestampSchema.safeParse('2025-01-31 17:00').success; // false: no offset, ambiguous
 * timestampSchema.safeParse(1738342800000).success; // false: epoch numbers are ambiguous (ms or µs)
 * ```
 */
export const timestampSchema = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
]);

/**
 * Text with a maximum length, as a `varchar(n)` column stores it; empty strings are rejected.
 *
 * @example
 * ```ts
 * const city = varchar(100);
 * city.parse('Hà Nội'); // 'Hà Nội'
 * city.safeParse('').success; // false
 * ```
 */
export function varchar(maxLength: number) {
  return z.string().min(1).max(maxLength);
}
