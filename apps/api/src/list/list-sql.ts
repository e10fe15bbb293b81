import { quoteIdent, selectListSql } from '../queries/sql-columns.js';
import { hintOf, type ResourceDef } from '../resources/index.js';
import type { ListQuery } from './list-query.js';

/**
 * Parameterised SQL for one listing page (and, in offset mode, its total).
 *
 * @example
 * ```ts
 * const { text, values } = buildListSql(ordersResource, parseListQuery(ordersResource, { status: 'paid' }));
 * // text: SELECT "orders"."order_id", ... FROM "orders" WHERE "orders"."status" = ANY($1) ORDER BY ... LIMIT $2
 * ```
 */
export interface ListSql {
  readonly text: string;
  readonly values: unknown[];
  /** `SELECT count(*)` over the same filters; only in offset mode. */
  readonly count?: { readonly text: string; readonly values: unknown[] };
}

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Builds the SQL of a listing. Identifiers come only from the resource definition; every value is a `$n` parameter.
 * Columns are qualified by the table name, so ORDER BY and WHERE use the stored column (and its index), not the
 * ISO-formatted output column of the same name.
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
  const qualifier = quoteIdent(table.name);
  const col = (name: string): string => `${qualifier}.${quoteIdent(name)}`;
  const values: unknown[] = [];
  const bind = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const where: string[] = [];
  for (const { def, value } of query.filters) {
    switch (def.op) {
      case 'any':
        where.push(`${col(def.column)} = ANY(${bind(value)})`);
        break;
      case 'contains':
        where.push(`${col(def.column)} ILIKE ${bind(`%${escapeLike(String(value))}%`)}`);
        break;
      default:
        where.push(`${col(def.column)} ${def.op} ${bind(value)}`);
    }
  }
  const filterCount = values.length;
  const sortColumn = col(query.sort.column);
  const key = col(table.primaryKey);
  const dir = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
  const cmp = query.sort.direction === 'desc' ? '<' : '>';
  if (query.cursor) {
    const keyType = hintOf(table, table.primaryKey).sqlType;
    if (query.sort.column === table.primaryKey) {
      where.push(`${key} ${cmp} ${bind(query.cursor.key)}::${keyType}`);
    } else {
      const sortType = hintOf(table, query.sort.column).sqlType;
      const v = `${bind(query.cursor.value)}::${sortType}`;
      const k = `${bind(query.cursor.key)}::${keyType}`;
      where.push(`${sortColumn} ${cmp}= ${v} AND (${sortColumn} ${cmp} ${v} OR ${key} ${cmp} ${k})`);
    }
  }
  const whereSql = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const from = ` FROM ${qualifier}${whereSql}`;
  const orderBy =
    query.sort.column === table.primaryKey
      ? ` ORDER BY ${key} ${dir}`
      : ` ORDER BY ${sortColumn} ${dir}, ${key} ${dir}`;
  let page = `SELECT ${selectListSql(resource, qualifier)}${from}${orderBy}`;
  if (query.offset !== undefined) {
    page += ` LIMIT ${bind(query.limit)} OFFSET ${bind(query.offset)}`;
    return {
      text: page,
      values,
      count: {
        text: `SELECT count(*)::int AS total FROM ${qualifier}${whereSql}`,
        values: values.slice(0, filterCount),
      },
    };
  }
  page += ` LIMIT ${bind(query.limit + 1)}`;
  return { text: page, values };
}
