import { ApiError } from '../http/api-error.js';
import { customersResource, ordersResource, productsResource } from '../resources/index.js';
import { encodeCursor } from './cursor.js';
import { buildListSql } from './list-sql.js';
import { parseListQuery } from './list-query.js';

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return (err.issues ?? []).map((i) => i.path.join('.'));
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('parseListQuery', () => {
  it('applies defaults', () => {
    expect(parseListQuery(ordersResource, {})).toEqual({
      limit: 50,
      offset: undefined,
      cursor: undefined,
      sort: { key: 'order_id', column: 'order_id', direction: 'asc' },
      filters: [],
    });
  });

  it('parses filters into SQL parameter values', () => {
    const q = parseListQuery(ordersResource, {
      customer_id: '7',
      status: 'paid,shipped',
      from: '2025-03-01',
      to: '2025-03-02T00:00:00+07:00',
    });
    expect(q.filters.map((f) => [f.def.param, f.value])).toEqual([
      ['customer_id', 7],
      ['status', ['paid', 'shipped']],
      ['from', '2025-03-01T00:00:00.000Z'],
      ['to', '2025-03-01T17:00:00.000Z'],
    ]);
    expect(parseListQuery(productsResource, { active: 'false' }).filters[0]?.value).toBe(false);
  });

  it('refuses unknown keys, repeated keys, bad values and non-whitelisted sorts', () => {
    expect(issuesOf(() => parseListQuery(ordersResource, { colour: 'red' }))).toEqual(['']);
    expect(issuesOf(() => parseListQuery(ordersResource, { limit: ['1', '2'] }))).toEqual(['limit']);
    expect(issuesOf(() => parseListQuery(ordersResource, { status: 'confirmed' }))).toEqual(['status.0']);
    expect(issuesOf(() => parseListQuery(customersResource, { sort: 'password' }))).toEqual(['sort']);
    expect(issuesOf(() => parseListQuery(ordersResource, { from: '2025-02-30' }))).toEqual(['from']);
    expect(issuesOf(() => parseListQuery(productsResource, { sku: 'A\u0000' }))).toEqual(['sku']);
    expect(issuesOf(() => parseListQuery(productsResource, { min_price: '-1' }))).toEqual(['min_price']);
  });

  it('refuses offset together with cursor', () => {
    const cursor = encodeCursor({ sort: 'order_id', value: 1, key: 1 });
    expect(issuesOf(() => parseListQuery(ordersResource, { cursor, offset: '1' }))).toEqual(['offset']);
  });
});

describe('buildListSql', () => {
  const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

  it('binds every value and selects explicit, qualified columns (never the password)', () => {
    const sql = buildListSql(customersResource, parseListQuery(customersResource, { email: "x' OR 1=1 --" }));
    const c = '"customers"';
    expect(sql.text).toBe(
      `SELECT ${c}."customer_id", ${c}."first_name", ${c}."last_name", ${c}."email", ${c}."address", ` +
        `${c}."phone_number", ${iso(`${c}."created_at"`)} AS "created_at", ${iso(`${c}."updated_at"`)} AS "updated_at" ` +
        `FROM ${c} WHERE ${c}."email" = $1 ORDER BY ${c}."customer_id" ASC LIMIT $2`,
    );
    expect(sql.values).toEqual(["x' OR 1=1 --", 51]);
  });

  it('writes index-friendly keyset predicates on the stored column, not the formatted one', () => {
    const cursor = encodeCursor({ sort: '-order_date', value: '2025-03-01T00:00:00.000000Z', key: 9 });
    const sql = buildListSql(
      ordersResource,
      parseListQuery(ordersResource, { sort: '-order_date', cursor, status: 'paid' }),
    );
    const o = '"orders"';
    expect(sql.text).toContain(
      `WHERE ${o}."status" = ANY($1) AND ${o}."order_date" <= $2::timestamp with time zone AND ` +
        `(${o}."order_date" < $2::timestamp with time zone OR ${o}."order_id" < $3::integer)`,
    );
    expect(sql.text).toContain(`ORDER BY ${o}."order_date" DESC, ${o}."order_id" DESC LIMIT $4`);
    expect(sql.values).toEqual([['paid'], '2025-03-01T00:00:00.000000Z', 9, 51]);
  });

  it('counts the total with the same filters in offset mode', () => {
    const sql = buildListSql(
      productsResource,
      parseListQuery(productsResource, { offset: '10', q: '50%_off' }),
    );
    const p = '"products"';
    expect(
      sql.text.endsWith(`WHERE ${p}."name" ILIKE $1 ORDER BY ${p}."product_id" ASC LIMIT $2 OFFSET $3`),
    ).toBe(true);
    expect(sql.values).toEqual(['%50\\%\\_off%', 50, 10]);
    expect(sql.count).toEqual({
      text: `SELECT count(*)::int AS total FROM ${p} WHERE ${p}."name" ILIKE $1`,
      values: ['%50\\%\\_off%'],
    });
  });
});
