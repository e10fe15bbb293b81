import { moneySchema } from '@ecom/domain';
import { z } from 'zod';

const INT4_MAX = 2_147_483_647;
const INT8_MAX = 9_223_372_036_854_775_807n;

/**
 * Query-string schemas: each takes the raw string Express parsed and outputs a value safe to bind as a SQL parameter.
 * Anything PostgreSQL would refuse (out-of-range ints, impossible dates, NUL bytes) is refused here, as a 400.
 *
 * @example
 * ```ts
 * param.id('Order id').parse('42'); // 42
 * param.id('Order id').safeParse('0').success; // false
 * ```
 */
export const param = {
  /** A positive int4 id. */
  id: (description: string) => z.coerce.number().int().min(1).max(INT4_MAX).meta({ description }),

  /** A positive int8 id, kept as a decimal string. */
  bigId: (description: string) =>
    z
      .string()
      .refine((value) => /^[1-9]\d{0,18}$/.test(value) && BigInt(value) <= INT8_MAX, {
        message: 'Expected a positive int8 integer',
      })
      .meta({ description, example: '42' }),

  /** `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`). */
  bool: (description: string) => z.stringbool().meta({ description }),

  /** An exact money amount such as `150000` or `150000.50`. */
  money: (description: string) => moneySchema.meta({ description, example: '1500000.00' }),

  /**
   * An instant: ISO-8601 date-time with `Z` or an offset, or a date (`2025-03-01`, meaning midnight UTC). Output is
   * the normalised ISO string.
   */
  instant: (description: string) =>
    z
      .union([z.iso.datetime({ offset: true }), z.iso.date()])
      .transform((value, ctx) => {
        const date = new Date(value);
        if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1) {
          ctx.addIssue({ code: 'custom', message: 'Expected an instant in year 1 or later' });
          return z.NEVER;
        }
        return date.toISOString();
      })
      .meta({ description, example: '2025-03-01T00:00:00+07:00' }),

  /** Free text without NUL bytes. */
  text: (description: string, maxLength = 255) =>
    z
      .string()
      .min(1)
      .max(maxLength)
      .refine((value) => !value.includes('\u0000'), { message: 'NUL bytes are not allowed' })
      .meta({ description }),

  /** A UUID. */
  uuid: (description: string) => z.guid().meta({ description }),

  /** One value of an enum, or several separated by commas (`status=paid,shipped`). */
  oneOrMany: <const T extends readonly [string, ...string[]]>(values: T, description: string) =>
    z
      .string()
      .transform((value) => value.split(','))
      .pipe(z.array(z.enum(values)).min(1).max(values.length))
      .meta({ description: `${description} One of ${values.join(', ')}; several separated by commas.` }),
};
