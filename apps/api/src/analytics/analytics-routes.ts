import {
  CATEGORY_PERFORMANCE,
  CUSTOMER_SEGMENTS,
  LOWEST_VALUE_TIER,
  REVENUE_DAILY,
  REVENUE_MONTHLY,
  RFM_SEGMENTS,
  TOP_PRODUCTS_SUMMARY,
  VALUE_TIERS,
  type MartDefinition,
} from '@ecom/lakehouse';

/**
 * An equality filter of an analytics route: the query parameter, the mart column it compares and the values it
 * accepts (whitelisted, so the value can be written into the Trino statement as a literal).
 *
 * @example
 * ```ts
 * const filter: AnalyticsFilter = { param: 'value_segment', column: 'value_segment', values: ['High Value', 'Low Value'] };
 * ```
 */
export interface AnalyticsFilter {
  readonly param: string;
  readonly column: string;
  readonly values: readonly [string, ...string[]];
}

/**
 * One `GET /analytics/…` route: the mart it reads (`lake marts build` writes it), the mart's key column (one row
 * per key value and analysis date: the sort and cursor column) and its filters.
 *
 * @example
 * ```ts
 * ANALYTICS_ROUTES.find((r) => r.path === '/analytics/revenue/daily')?.mart.name; // 'revenue_daily'
 * ```
 */
export interface AnalyticsRoute {
  readonly path: string;
  /** Operation id and OpenAPI component name stem (`revenue_daily` → `RevenueDaily`). */
  readonly operationId: string;
  readonly summary: string;
  readonly mart: MartDefinition;
  /** The mart column a page is sorted and continued by; unique within one analysis date. */
  readonly key: string;
  readonly filters: readonly AnalyticsFilter[];
}

const keyOf = (mart: MartDefinition): string => {
  const [key, ...rest] = mart.key;
  if (key === undefined || rest.length > 0) throw new Error(`mart ${mart.name}: one key column expected`);
  return key;
};

const nonEmpty = (values: readonly string[]): [string, ...string[]] => {
  const [first, ...rest] = values;
  if (first === undefined) throw new Error('a filter needs at least one value');
  return [first, ...rest];
};

const route = (
  path: string,
  operationId: string,
  summary: string,
  mart: MartDefinition,
  filters: readonly AnalyticsFilter[] = [],
): AnalyticsRoute => ({ path, operationId, summary, mart, key: keyOf(mart), filters });

/**
 * The analytics routes (issue 14 §3), each on one mart of `lake.marts`.
 *
 * @example
 * ```ts
 * ANALYTICS_ROUTES.map((r) => r.path);
 * // ['/analytics/revenue/monthly', '/analytics/revenue/daily', '/analytics/products/top', '/analytics/categories',
 * //  '/analytics/customers/segments']
 * ```
 */
export const ANALYTICS_ROUTES: readonly AnalyticsRoute[] = [
  route(
    '/analytics/revenue/monthly',
    'revenue_monthly',
    'Revenue per shop-local calendar month (the 12 ending with the analysis date’s month), with month-over-month growth',
    REVENUE_MONTHLY,
  ),
  route(
    '/analytics/revenue/daily',
    'revenue_daily',
    'Revenue per shop-local day with counted orders (the 90 days ending on the analysis date)',
    REVENUE_DAILY,
  ),
  route(
    '/analytics/products/top',
    'top_products',
    'The 10 products with the most revenue up to the analysis date, ranked',
    TOP_PRODUCTS_SUMMARY,
  ),
  route(
    '/analytics/categories',
    'category_performance',
    'Revenue, quantity and products sold per category up to the analysis date',
    CATEGORY_PERFORMANCE,
  ),
  route(
    '/analytics/customers/segments',
    'customer_segments',
    'Customers with counted orders: value tier (≥ 100 M / ≥ 10 M VND) and RFM scores and segment',
    CUSTOMER_SEGMENTS,
    [
      {
        param: 'value_segment',
        column: 'value_segment',
        values: [LOWEST_VALUE_TIER, ...VALUE_TIERS.map((t): string => t.name)],
      },
      {
        param: 'rfm_segment',
        column: 'rfm_segment',
        values: nonEmpty(RFM_SEGMENTS.map((s) => s.name)),
      },
    ],
  ),
];
