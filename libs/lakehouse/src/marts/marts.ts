import { CUSTOMER_SEGMENTS } from './customer-marts.js';
import type { MartDefinition } from './mart-definition.js';
import { REVENUE_DAILY, REVENUE_MONTHLY } from './revenue-marts.js';

/**
 * Every mart `lake marts build` builds, in build order.
 *
 * @example
 * MARTS.map((m) => m.name); // ['revenue_daily', 'revenue_monthly', 'customer_segments']
 */
export const MARTS: readonly MartDefinition[] = [REVENUE_DAILY, REVENUE_MONTHLY, CUSTOMER_SEGMENTS];

/**
 * The mart of a name, or undefined.
 *
 * @example
 * findMart('revenue_daily')?.key; // ['order_day']
 */
export function findMart(name: string): MartDefinition | undefined {
  return MARTS.find((m) => m.name === name);
}
