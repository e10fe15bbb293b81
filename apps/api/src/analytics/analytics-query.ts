import { column, type ColumnHint } from '@ecom/domain';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import { decodeCursor } from '../list/cursor.js';
import { PAGING_PARAMS } from '../list/list-query.js';
import type { AnalyticsRoute } from './analytics-routes.js';

/**
 * A validated analytics request. Every value is safe to write into a Trino statement as a literal: days are real
 * `YYYY-MM-DD` dates, keys are integers or days, filter values come from a whitelist.
 *
 * @example
 * ```ts
 * const q: AnalyticsQuery = parseAnalyticsQuery(ANALYTICS_ROUTES[0]!, { limit: '5' });
 * q.limit; // 5
 * ```
 */
export interface AnalyticsQuery {
  readonly limit: number;
  /** Offset mode (the page then carries `total`). */
  readonly offset?: number;
  /** `analysis_date=` as given, or the analysis date the cursor was made on; absent: the latest built. */
  readonly analysisDate?: string;
  /** Continue after this key value (cursor mode). */
  readonly after?: string;
  readonly direction: 'asc' | 'desc';
  /** The `sort` parameter as given (`order_day` or `-order_day`): the cursor is bound to it. */
  readonly sortKey: string;
  readonly filters: readonly { readonly column: string; readonly value: string }[];
}

const day = (description: string) =>
  z.iso
    .date()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .meta({ description, example: '2026-11-30' });

/** The cursor's value is the route's key; its `key` the analysis date, so a page never mixes two builds. */
const DAY_HINT = column.date();
const keyHint = (route: AnalyticsRoute): ColumnHint =>
  route.mart.columns.find((c) => c.name === route.key)?.type === 'DATE' ? DAY_HINT : column.bigint();

const schemas = new WeakMap<AnalyticsRoute, z.ZodObject>();

/**
 * The strict query-string schema of an analytics route: `limit`, `offset`, `cursor`, `sort` (the route's key,
 * `-key` descending), `analysis_date` and the route's filters. Unknown parameters are refused; the same schema
 * documents the route in OpenAPI.
 *
 * @example
 * ```ts
 * analyticsQuerySchema(ANALYTICS_ROUTES[0]!).safeParse({ analysis_date: '2026-02-30' }).success; // false
 * ```
 */
export function analyticsQuerySchema(route: AnalyticsRoute): z.ZodObject {
  const cached = schemas.get(route);
  if (cached) return cached;
  const shape: Record<string, z.ZodType> = {
    ...PAGING_PARAMS,
    cursor: z
      .string()
      .max(2000)
      .meta({
        description:
          '`page.next_cursor` of the previous page (keyset pagination, same `sort`); it keeps the analysis date of the first page.',
      })
      .optional(),
    sort: z
      .enum([route.key, `-${route.key}`])
      .default(route.key)
      .meta({ description: `\`${route.key}\`, or \`-${route.key}\` for descending.` }),
    analysis_date: day(
      'The build to read (`lake marts build --date`), a shop-local day; default: the latest built.',
    ).optional(),
  };
  for (const filter of route.filters) {
    shape[filter.param] = z
      .enum(filter.values)
      .meta({ description: `Only rows whose ${filter.column} is this.` })
      .optional();
  }
  const schema = z.strictObject(shape);
  schemas.set(route, schema);
  return schema;
}

const invalid = (path: string, message: string) =>
  new ApiError('invalid_request', 'Invalid query parameters', [
    { code: 'custom', path: [path], message, input: undefined },
  ]);

/**
 * Validates an analytics route's query string. Throws {@link ApiError} `invalid_request` (400) with the zod
 * issues: a bad or unknown parameter, `offset` with `cursor`, a cursor made for another `sort`, or an
 * `analysis_date` other than the cursor's.
 *
 * @example
 * ```ts
 * parseAnalyticsQuery(ANALYTICS_ROUTES[1]!, { sort: '-order_day', analysis_date: '2026-11-30' }).direction; // 'desc'
 * parseAnalyticsQuery(ANALYTICS_ROUTES[1]!, { colour: 'red' }); // throws ApiError 400 (unrecognized_keys)
 * ```
 */
export function parseAnalyticsQuery(route: AnalyticsRoute, raw: unknown): AnalyticsQuery {
  const parsed = analyticsQuerySchema(route).safeParse(raw ?? {});
  if (!parsed.success) throw new ApiError('invalid_request', 'Invalid query parameters', parsed.error.issues);
  const data = parsed.data as Record<string, string | number | undefined> & {
    limit: number;
    sort: string;
  };
  const direction = data.sort.startsWith('-') ? 'desc' : 'asc';
  let analysisDate = data['analysis_date'] as string | undefined;
  let after: string | undefined;
  if (data['cursor'] !== undefined) {
    if (data['offset'] !== undefined) throw invalid('offset', 'Use either offset or cursor, not both');
    const decoded = decodeCursor(String(data['cursor']), data.sort, keyHint(route), DAY_HINT);
    if (!decoded.ok) throw invalid('cursor', decoded.message);
    const value = String(decoded.cursor.value);
    const made = String(decoded.cursor.key);
    const isDay = (v: string) => day('').safeParse(v).success;
    const keyOk = keyHint(route) === DAY_HINT ? isDay(value) : /^-?\d{1,19}$/.test(value);
    if (!keyOk || !isDay(made)) throw invalid('cursor', 'Malformed cursor');
    if (analysisDate !== undefined && analysisDate !== made)
      throw invalid('analysis_date', `Cursor was made for analysis_date=${made}`);
    analysisDate = made;
    after = value;
  }
  const filters = route.filters
    .filter((f) => data[f.param] !== undefined)
    .map((f) => ({ column: f.column, value: String(data[f.param]) }));
  return {
    limit: data.limit,
    ...(data['offset'] === undefined ? {} : { offset: Number(data['offset']) }),
    ...(analysisDate === undefined ? {} : { analysisDate }),
    ...(after === undefined ? {} : { after }),
    direction,
    sortKey: data.sort,
    filters,
  };
}
