import { martTable, quoteIdent, type MartColumn } from '@ecom/lakehouse';
import type { AnalyticsQuery } from './analytics-query.js';
import type { AnalyticsRoute } from './analytics-routes.js';

/**
 * Where the marts are in Trino: `lake marts build` writes `<catalog>.<schema>.<mart>` (`lake.marts.revenue_daily`).
 *
 * @example
 * ```ts
 * const target: MartsLocation = { catalog: 'lake', schema: 'marts' };
 * ```
 */
export interface MartsLocation {
  readonly catalog: string;
  readonly schema: string;
}

const table = (at: MartsLocation, route: AnalyticsRoute) => martTable(at, route.mart.name);
/** The Hive connector's hidden partitions table of a mart (its name is no plain identifier). */
const partitionsTable = (at: MartsLocation, route: AnalyticsRoute) =>
  `${quoteIdent(at.catalog)}.${quoteIdent(at.schema)}.${quoteIdent(route.mart.name).replace(/"$/, '$partitions"')}`;

const text = (value: string) => `'${value.replace(/'/g, "''")}'`;

const keyLiteral = (route: AnalyticsRoute, value: string) =>
  route.mart.columns.find((c) => c.name === route.key)?.type === 'DATE' ? `DATE ${text(value)}` : value;

/**
 * The columns an analytics route answers with: the mart's columns, then `analysis_date`.
 *
 * @example
 * ```ts
 * analyticsColumns(ANALYTICS_ROUTES[0]!).at(-1); // { name: 'analysis_date', type: 'DATE' }
 * ```
 */
export function analyticsColumns(route: AnalyticsRoute): readonly MartColumn[] {
  return [...route.mart.columns, { name: 'analysis_date', type: 'DATE' }];
}

/**
 * The statement giving a mart's latest analysis date (one row, NULL when nothing was built), or, with `day`,
 * whether that day was built (one row with a count).
 *
 * @example
 * ```ts
 * analysisDateSql({ catalog: 'lake', schema: 'marts' }, ANALYTICS_ROUTES[1]!);
 * // 'SELECT CAST(max(analysis_date) AS VARCHAR) FROM "lake"."marts"."revenue_daily$partitions"'
 * ```
 */
export function analysisDateSql(at: MartsLocation, route: AnalyticsRoute, day?: string): string {
  const partitions = partitionsTable(at, route);
  return day === undefined
    ? `SELECT CAST(max(analysis_date) AS VARCHAR) FROM ${partitions}`
    : `SELECT count(*) FROM ${partitions} WHERE analysis_date = DATE ${text(day)}`;
}

function where(at: MartsLocation, route: AnalyticsRoute, query: AnalyticsQuery, withCursor: boolean) {
  const day =
    query.analysisDate === undefined
      ? `(SELECT max(analysis_date) FROM ${partitionsTable(at, route)})`
      : `DATE ${text(query.analysisDate)}`;
  const conditions = [`analysis_date = ${day}`];
  for (const f of query.filters) conditions.push(`${quoteIdent(f.column)} = ${text(f.value)}`);
  if (withCursor && query.after !== undefined) {
    const op = query.direction === 'asc' ? '>' : '<';
    conditions.push(`${quoteIdent(route.key)} ${op} ${keyLiteral(route, query.after)}`);
  }
  return conditions.join(' AND ');
}

/**
 * The Trino statement of one page: every column as `VARCHAR` (exact decimals and microseconds, converted once by
 * `fromTrinoText`), the analysis date's rows only (the latest built when the query names none), sorted by the
 * route's key. Cursor mode asks for one row more than `limit`, to know whether a next page exists.
 *
 * @example
 * ```ts
 * const q = parseAnalyticsQuery(ANALYTICS_ROUTES[1]!, { limit: '2', analysis_date: '2026-11-30' });
 * analyticsPageSql({ catalog: 'lake', schema: 'marts' }, ANALYTICS_ROUTES[1]!, q);
 * // 'SELECT CAST("order_day" AS VARCHAR), … WHERE analysis_date = DATE '2026-11-30' ORDER BY "order_day" ASC LIMIT 3'
 * ```
 */
export function analyticsPageSql(at: MartsLocation, route: AnalyticsRoute, query: AnalyticsQuery): string {
  const columns = analyticsColumns(route)
    .map((c) => `CAST(${quoteIdent(c.name)} AS VARCHAR)`)
    .join(', ');
  const order = `${quoteIdent(route.key)} ${query.direction === 'asc' ? 'ASC' : 'DESC'}`;
  const page =
    query.offset === undefined
      ? `LIMIT ${query.limit + 1}`
      : `OFFSET ${query.offset} ROWS LIMIT ${query.limit}`;
  return `SELECT ${columns} FROM ${table(at, route)} WHERE ${where(at, route, query, true)} ORDER BY ${order} ${page}`;
}

/**
 * The statement counting the rows of the analysis date that match the filters (offset mode's `total`).
 *
 * @example
 * ```ts
 * const q = parseAnalyticsQuery(ANALYTICS_ROUTES[4]!, { offset: '0', analysis_date: '2026-11-30', value_segment: 'High Value' });
 * analyticsCountSql({ catalog: 'lake', schema: 'marts' }, ANALYTICS_ROUTES[4]!, q);
 * // "SELECT count(*) FROM … WHERE analysis_date = DATE '2026-11-30' AND \"value_segment\" = 'High Value'"
 * ```
 */
export function analyticsCountSql(at: MartsLocation, route: AnalyticsRoute, query: AnalyticsQuery): string {
  return `SELECT count(*) FROM ${table(at, route)} WHERE ${where(at, route, query, false)}`;
}

/**
 * One value as Trino's `CAST(… AS VARCHAR)` printed it, as the API sends it: BIGINT as a number, DECIMAL as its
 * exact string, TIMESTAMP(6) (UTC in the lake) as ISO-8601 with `Z` and the microseconds, DATE as `YYYY-MM-DD`,
 * BOOLEAN as a boolean, NULL as null.
 *
 * @example
 * ```ts
 * fromTrinoText({ name: 'total_revenue', type: 'DECIMAL(38, 2)' }, '125980000.00'); // '125980000.00'
 * fromTrinoText({ name: 'first_sale_at', type: 'TIMESTAMP(6)' }, '2026-11-30 17:30:00.123456');
 * // '2026-11-30T17:30:00.123456Z'
 * ```
 */
export function fromTrinoText(column: MartColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const v = String(value);
  switch (column.type) {
    case 'BIGINT': {
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : v;
    }
    case 'BOOLEAN':
      return v === 'true';
    case 'TIMESTAMP(6)':
      return `${v.replace(' ', 'T')}Z`;
    default:
      return v;
  }
}
