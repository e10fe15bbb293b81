import type { Queryable } from '../db.js';
import type { ResourceDef } from '../resources/index.js';
import { encodeCursor } from './cursor.js';
import type { ListQuery } from './list-query.js';
import { buildListSql, type ListSql } from './list-sql.js';

/**
 * The `page` object of a listing: `total` in offset mode, `next_cursor` (null on the last page) in cursor mode.
 *
 * @example
 * ```ts
 * const page: PageInfo = { limit: 50, next_cursor: 'eyJzIjoib3JkZXJfaWQiLCJ2Ijo1MCwiayI6NTB9' };
 * ```
 */
export interface PageInfo {
  readonly limit: number;
  readonly offset?: number;
  readonly total?: number;
  readonly next_cursor?: string | null;
}

/**
 * A listing response body.
 *
 * @example
 * ```ts
 * const body: ListPage = { data: [], page: { limit: 50, next_cursor: null } };
 * ```
 */
export interface ListPage {
  readonly data: Record<string, unknown>[];
  readonly page: PageInfo;
}

/**
 * Runs a validated listing against the database and shapes the page. `sql` defaults to `buildListSql(resource, query)`.
 *
 * @example
 * ```ts
 * const body = await runList(pool, ordersResource, parseListQuery(ordersResource, req.query));
 * res.json(body);
 * ```
 */
export async function runList(
  db: Queryable,
  resource: ResourceDef,
  query: ListQuery,
  sql: ListSql = buildListSql(resource, query),
): Promise<ListPage> {
  if (sql.count) {
    const [page, count] = await Promise.all([
      db.query(sql.text, sql.values),
      db.query<{ total: number }>(sql.count.text, sql.count.values),
    ]);
    return {
      data: page.rows,
      page: { limit: query.limit, offset: query.offset, total: count.rows[0]?.total ?? 0 },
    };
  }
  const { rows } = await db.query(sql.text, sql.values);
  const hasMore = rows.length > query.limit;
  const data = hasMore ? rows.slice(0, query.limit) : rows;
  let nextCursor: string | null = null;
  const last = data.at(-1);
  if (hasMore && last) {
    // Timestamps arrive as exact ISO strings (microseconds), so the cursor resumes exactly after `last`.
    nextCursor = encodeCursor({
      sort: query.sort.key,
      value: last[query.sort.column] as string | number,
      key: last[resource.table.primaryKey] as string | number,
    });
  }
  return { data, page: { limit: query.limit, next_cursor: nextCursor } };
}
