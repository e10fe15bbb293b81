import { moneySchema, type ColumnHint } from '@ecom/domain';
import { z } from 'zod';

const INT4 = { min: -2_147_483_648, max: 2_147_483_647 };
const INT8_MAX = 9_223_372_036_854_775_807n;

/**
 * The position after the last row of a page: the sort key (`sort`, e.g. `-order_date`), the last row's value of
 * the sort column and its primary key. Opaque to clients (base64url JSON).
 *
 * @example
 * ```ts
 * const cursor: Cursor = { sort: '-order_date', value: '2025-03-01T10:00:00.123456Z', key: 42 };
 * ```
 */
export interface Cursor {
  readonly sort: string;
  readonly value: string | number;
  readonly key: string | number;
}

/**
 * Encodes a cursor for `page.next_cursor`.
 *
 * @example
 * ```ts
 * encodeCursor({ sort: 'order_id', value: 50, key: 50 }); // 'eyJzIjoib3JkZXJfaWQiLCJ2Ijo1MCwiayI6NTB9'
 * ```
 */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ s: cursor.sort, v: cursor.value, k: cursor.key })).toString(
    'base64url',
  );
}

const envelopeSchema = z.object({
  s: z.string().max(100),
  v: z.union([z.string().max(1000), z.number()]),
  k: z.union([z.string().max(200), z.number()]),
});

/**
 * A schema for one column's cursor value, by the column's kind. Values come back exactly as PostgreSQL must parse
 * them, so a forged cursor gives a 400, never a database error.
 *
 * @example
 * ```ts
 * import { ordersTable } from '@ecom/domain';
 * cursorValueSchema(ordersTable.columns.order_id).safeParse(3_000_000_000).success; // false (not an int4)
 * ```
 */
export function cursorValueSchema(hint: ColumnHint): z.ZodType<string | number> {
  switch (hint.kind) {
    case 'integer':
      return z.int().min(INT4.min).max(INT4.max);
    case 'bigint':
      return z
        .union([z.string(), z.int()])
        .transform(String)
        .refine((v) => /^-?\d{1,19}$/.test(v) && BigInt(v) <= INT8_MAX && BigInt(v) >= -INT8_MAX - 1n, {
          message: 'Expected an int8 integer',
        });
    case 'decimal':
      return moneySchema;
    case 'timestamptz':
      return z.iso
        .datetime({ offset: true })
        .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).getUTCFullYear() >= 1, {
          message: 'Bad instant',
        });
    default:
      return z
        .string()
        .max(1000)
        .refine((v) => !v.includes('\u0000'), { message: 'NUL bytes are not allowed' });
  }
}

/**
 * Decodes `?cursor=` for a listing sorted by `sort` over `sortHint`, keyed by `keyHint`. Returns the zod-style
 * message of what is wrong instead of throwing.
 *
 * @example
 * ```ts
 * import { ordersTable } from '@ecom/domain';
 * const id = ordersTable.columns.order_id;
 * const cursor: Cursor = { sort: 'order_id', value: 50, key: 50 };
 * decodeCursor(encodeCursor(cursor), 'order_id', id, id); // { ok: true, cursor }
 * decodeCursor('garbage', 'order_id', id, id); // { ok: false, message: 'Malformed cursor' }
 * ```
 */
export function decodeCursor(
  raw: string,
  sort: string,
  sortHint: ColumnHint,
  keyHint: ColumnHint,
): { ok: true; cursor: Cursor } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, message: 'Malformed cursor' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, message: 'Malformed cursor' };
  if (envelope.data.s !== sort) {
    return { ok: false, message: `Cursor was made for sort=${envelope.data.s}, not sort=${sort}` };
  }
  const value = cursorValueSchema(sortHint).safeParse(envelope.data.v);
  const key = cursorValueSchema(keyHint).safeParse(envelope.data.k);
  if (!value.success || !key.success) return { ok: false, message: 'Malformed cursor' };
  return { ok: true, cursor: { sort, value: value.data, key: key.data } };
}
