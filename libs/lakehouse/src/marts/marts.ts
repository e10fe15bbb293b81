import { CUSTOMER_SEGMENTS } from './customer-marts.js';
import type { MartDefinition } from './mart-definition.js';
import {
  CATEGORY_PERFORMANCE,
  PRODUCT_LIFECYCLE_METRICS,
  PRODUCT_PRICING_ANALYTICS,
  TOP_PRODUCTS_SUMMARY,
} from './product-marts.js';
import { PRODUCT_FEATURES, USER_FEATURES, USER_ITEM_INTERACTIONS } from './ml-feature-marts.js';
import { REVENUE_DAILY, REVENUE_MONTHLY } from './revenue-marts.js';

/**
 * Every mart `lake marts build` builds, in build order.
 *
 * @example
 * MARTS.map((m) => m.name); // ['revenue_daily', 'revenue_monthly', 'customer_segments', 'top_products_summary', …]
 */
export const MARTS: readonly MartDefinition[] = [
  REVENUE_DAILY,
  REVENUE_MONTHLY,
  CUSTOMER_SEGMENTS,
  TOP_PRODUCTS_SUMMARY,
  PRODUCT_PRICING_ANALYTICS,
  PRODUCT_LIFECYCLE_METRICS,
  CATEGORY_PERFORMANCE,
  USER_ITEM_INTERACTIONS,
  USER_FEATURES,
  PRODUCT_FEATURES,
];

/**
 * The mart of a name, or undefined.
 *
 * @example
 * findMart('revenue_daily')?.key; // ['order_day']
 */
export function findMart(name: string): MartDefinition | undefined {
  return MARTS.find((m) => m.name === name);
}
