import type { TrinoQueryPort } from '@ecom/lakehouse';
import { ApiError } from '../http/api-error.js';
import { encodeCursor } from '../list/cursor.js';
import type { PageInfo } from '../list/run-list.js';
import type { AnalyticsQuery } from './analytics-query.js';
import type { AnalyticsRoute } from './analytics-routes.js';
import {
  analysisDateSql,
  analyticsColumns,
  analyticsCountSql,
  analyticsPageSql,
  fromTrinoText,
  type MartsLocation,
} from './analytics-sql.js';

/**
 * Where the analytics routes read: Trino (through `@ecom/lakehouse`'s port) and the schema of the marts.
 *
 * @example
 * ```ts
 * import type { TrinoQueryPort } from '@ecom/lakehouse';
 * declare const trino: TrinoQueryPort;
 * const source: AnalyticsSource = { trino, marts: { catalog: 'lake', schema: 'marts' } };
 * ```
 */
export interface AnalyticsSource {
  readonly trino: TrinoQueryPort;
  readonly marts: MartsLocation;
}

/**
 * An analytics response body: the page's rows (every mart column and `analysis_date`), the analysis date they
 * come from and the page info of the listings (`next_cursor`, or `offset` and `total`).
 *
 * @example
 * ```ts
 * const body: AnalyticsPage = { data: [], analysis_date: '2026-11-30', page: { limit: 50, next_cursor: null } };
 * ```
 */
export interface AnalyticsPage {
  readonly data: Record<string, unknown>[];
  readonly analysis_date: string;
  readonly page: PageInfo;
}

const neverBuilt = (route: AnalyticsRoute) =>
  new ApiError('unavailable', `Mart ${route.mart.name} was never built (npm run lake -- marts build)`);

/**
 * Runs one Trino statement; a Trino failure becomes a 503 (`unavailable`): "never built" when the mart's table or
 * schema does not exist, otherwise "Trino unavailable". `onError` sees the original error (for the log).
 */
async function run(
  source: AnalyticsSource,
  route: AnalyticsRoute,
  sql: string,
  onError: (err: unknown) => void,
): Promise<unknown[][]> {
  try {
    return await source.trino.query(sql);
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code !== 'TRINO_FAILED') throw err;
    onError(err);
    if (/does not exist/i.test((err as Error).message)) throw neverBuilt(route);
    throw new ApiError('unavailable', 'Trino unavailable');
  }
}

/**
 * Answers one analytics request from its mart: the rows of the requested analysis date (the latest built by
 * default; a cursor keeps the date of its first page), sorted by the route's key, one page.
 *
 * @throws {@link ApiError} `unavailable` (503) when Trino fails or the mart was never built, `not_found` (404)
 * for an `analysis_date` that was not built.
 *
 * @example
 * ```ts
 * declare const source: AnalyticsSource;
 * const route = ANALYTICS_ROUTES[0]!;
 * const body = await runAnalytics(source, route, parseAnalyticsQuery(route, { limit: '12' }));
 * body.data[0]?.['total_revenue']; // '125980000.00'
 * ```
 */
export async function runAnalytics(
  source: AnalyticsSource,
  route: AnalyticsRoute,
  query: AnalyticsQuery,
  onError: (err: unknown) => void = () => undefined,
): Promise<AnalyticsPage> {
  const sql = (text: string) => run(source, route, text, onError);
  const columns = analyticsColumns(route);
  let resolved = query;
  if (query.offset !== undefined && query.analysisDate === undefined) {
    // Offset mode runs two statements: both read the same build.
    const [[latest] = [null]] = await sql(analysisDateSql(source.marts, route));
    if (latest === null || latest === undefined) throw neverBuilt(route);
    resolved = { ...query, analysisDate: String(latest) };
  }
  const [rows, count] = await Promise.all([
    sql(analyticsPageSql(source.marts, route, resolved)),
    resolved.offset === undefined ? undefined : sql(analyticsCountSql(source.marts, route, resolved)),
  ]);
  const data = rows.map((row) =>
    Object.fromEntries(columns.map((c, i) => [c.name, fromTrinoText(c, row[i])])),
  );
  let analysisDate = resolved.analysisDate ?? (data[0]?.['analysis_date'] as string | undefined);
  if (data.length === 0 && query.after === undefined) {
    // No rows: was the date (or anything) built at all?
    if (analysisDate === undefined) {
      const [[latest] = [null]] = await sql(analysisDateSql(source.marts, route));
      if (latest === null || latest === undefined) throw neverBuilt(route);
      analysisDate = String(latest);
    } else {
      const [[built] = [0]] = await sql(analysisDateSql(source.marts, route, analysisDate));
      if (Number(built) === 0) {
        throw new ApiError(
          'not_found',
          `Mart ${route.mart.name} has no build for analysis_date=${analysisDate}`,
        );
      }
    }
  }
  const day = analysisDate ?? '';
  if (count !== undefined) {
    return {
      data,
      analysis_date: day,
      page: { limit: query.limit, offset: query.offset, total: Number(count[0]?.[0] ?? 0) },
    };
  }
  const hasMore = data.length > query.limit;
  const page = hasMore ? data.slice(0, query.limit) : data;
  const last = page.at(-1);
  const nextCursor =
    hasMore && last
      ? encodeCursor({ sort: query.sortKey, value: last[route.key] as string | number, key: day })
      : null;
  return { data: page, analysis_date: day, page: { limit: query.limit, next_cursor: nextCursor } };
}
