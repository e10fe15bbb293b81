import type { ResourceDef } from '../resources/index.js';
import type { ListQuery } from './list-query.js';

/**
 * Parameterised SQL for one listing page (and, in offset mode, its total).
 *
 * @example
 * ```ts
 * const { text, values } = buildListSql(ordersResource, parseListQuery(ordersResource, { status: 'paid' }));
 * // text: SELECT "order_id", ... FROM "orders" WHERE "status" = ANY($1) ORDER BY "order_id" ASC LIMIT $2
 * ```
 */
export interface ListSql {
  readonly text: string;
  readonly values: unknown[];
  /** `SELECT count(*)` over the same filters; only in offset mode. */
  readonly count?: { readonly text: string; readonly values: unknown[] };
  /** Name of the extra column holding the exact sort value for the next cursor, when the sort column is a timestamp. */
  readonly cursorColumn?: string;
}

/** Alias of the extra column carrying a timestamp sort value at full (microsecond) precision. */
export const CURSOR_VALUE_COLUMN = '__cursor_value';

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Builds the SQL of a listing. Identifiers come only from the resource definition; every value is a `$n` parameter.
 *
 * @remarks Cursor mode fetches `limit + 1` rows to know whether a next page exists. Keyset predicates take the form
 * `c <= $v AND (c < $v OR pk < $k)` so the index on the sort column applies.
 *
 * @example
 * ```ts
 * buildListSql(productsResource, parseListQuery(productsResource, { offset: '100' })).count?.text;
 * // 'SELECT count(*)::int AS total FROM "products"'
 * ```
 */
export function buildListSql(resource: ResourceDef, query: ListQuery): ListSql {
  const table = resource.table;
  const values: unknown[] = [];
  const bind = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const where: string[] = [];
  for (const { def, value } of query.filters) {
    const column = quote(def.column);
    switch (def.op) {
      case 'any':
        where.push(`${column} = ANY(${bind(value)})`);
        break;
      case 'contains':
        where.push(`${column} ILIKE ${bind(`%${escapeLike(String(value))}%`)}`);
        break;
      default:
        where.push(`${column} ${def.op} ${bind(value)}`);
    }
  }
  const filterCount = values.length;
  const sortColumn = quote(query.sort.column);
  const key = quote(table.primaryKey);
  const dir = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
  const cmp = query.sort.direction === 'desc' ? '<' : '>';
  if (query.cursor) {
    const keyType = table.columns[table.primaryKey]!.sqlType;
    if (query.sort.column === table.primaryKey) {
      where.push(`${key} ${cmp} ${bind(query.cursor.key)}::${keyType}`);
    } else {
      const sortType = table.columns[query.sort.column]!.sqlType;
      const v = `${bind(query.cursor.value)}::${sortType}`;
      const k = `${bind(query.cursor.key)}::${keyType}`;
      where.push(`${sortColumn} ${cmp}= ${v} AND (${sortColumn} ${cmp} ${v} OR ${key} ${cmp} ${k})`);
    }
  }
  const whereSql = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const from = ` FROM ${quote(table.name)}${whereSql}`;
  const columns = Object.keys(resource.rowSchema.shape).map(quote);
  const timestampSort = table.columns[query.sort.column]?.kind === 'timestamptz' && query.offset === undefined;
  if (timestampSort) {
    columns.push(
      `to_char(${sortColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${quote(CURSOR_VALUE_COLUMN)}`,
    );
  }
  const orderBy =
    query.sort.column === table.primaryKey ? ` ORDER BY ${key} ${dir}` : ` ORDER BY ${sortColumn} ${dir}, ${key} ${dir}`;
  let page = `SELECT ${columns.join(', ')}${from}${orderBy}`;
  if (query.offset !== undefined) {
    page += ` LIMIT ${bind(query.limit)} OFFSET ${bind(query.offset)}`;
    return {
      text: page,
      values,
      count: { text: `SELECT count(*)::int AS total FROM ${quote(table.name)}${whereSql}`, values: values.slice(0, filterCount) },
    };
  }
  page += ` LIMIT ${bind(query.limit + 1)}`;
  return { text: page, values, ...(timestampSort ? { cursorColumn: CURSOR_VALUE_COLUMN } : {}) };
}
