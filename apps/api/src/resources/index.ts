import { cartsResource } from './carts.resource.js';
import { categoriesResource } from './categories.resource.js';
import { customerEventsResource } from './customer-events.resource.js';
import { customersResource } from './customers.resource.js';
import { fraudAlertsResource } from './fraud-alerts.resource.js';
import { fraudRulesResource } from './fraud-rules.resource.js';
import { orderItemsResource } from './order-items.resource.js';
import { ordersResource } from './orders.resource.js';
import { paymentsResource } from './payments.resource.js';
import { productsResource } from './products.resource.js';
import type { ResourceDef } from './resource.js';
import { shipmentsResource } from './shipments.resource.js';
import { wishlistsResource } from './wishlists.resource.js';

export type { FilterDef, FilterOp, ResourceDef } from './resource.js';
export { hintOf, primaryKeySchema } from './resource.js';
export {
  cartsResource,
  categoriesResource,
  customerEventsResource,
  customersResource,
  fraudAlertsResource,
  fraudRulesResource,
  orderItemsResource,
  ordersResource,
  paymentsResource,
  productsResource,
  shipmentsResource,
  wishlistsResource,
};

/**
 * Every listable resource, in the order the docs show them.
 *
 * @example
 * ```ts
 * RESOURCES.flatMap((r) => r.paths); // ['/customers', '/categories', '/products', '/orders', '/order', ...]
 * ```
 */
export const RESOURCES: readonly ResourceDef[] = [
  customersResource,
  categoriesResource,
  productsResource,
  ordersResource,
  orderItemsResource,
  paymentsResource,
  shipmentsResource,
  cartsResource,
  wishlistsResource,
  customerEventsResource,
  fraudAlertsResource,
  fraudRulesResource,
];
