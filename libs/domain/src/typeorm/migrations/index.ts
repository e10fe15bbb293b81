import { CreateShopFunctions1767225600000 } from './1767225600000-create-shop-functions.js';
import { CreateCatalogAndCustomers1767225600001 } from './1767225600001-create-catalog-and-customers.js';
import { CreateOrders1767225600002 } from './1767225600002-create-orders.js';
import { CreateCartsAndWishlists1767225600003 } from './1767225600003-create-carts-and-wishlists.js';
import { CreateCustomerEvents1767225600004 } from './1767225600004-create-customer-events.js';
import { CreateJobState1767225600005 } from './1767225600005-create-job-state.js';
import { CreateFraudTables1767225600006 } from './1767225600006-create-fraud-tables.js';
import { CreateAlertDeliveries1767225600007 } from './1767225600007-create-alert-deliveries.js';
import { CreateRecommendationServing1767225600008 } from './1767225600008-create-recommendation-serving.js';

export {
  CreateAlertDeliveries1767225600007,
  CreateCartsAndWishlists1767225600003,
  CreateCatalogAndCustomers1767225600001,
  CreateCustomerEvents1767225600004,
  CreateFraudTables1767225600006,
  CreateJobState1767225600005,
  CreateOrders1767225600002,
  CreateRecommendationServing1767225600008,
  CreateShopFunctions1767225600000,
};

/**
 * Every migration of the shop schema, oldest first. Pass it to a DataSource's `migrations` (no globs, so it works
 * from ESM and bundles).
 *
 * @example
 * ```ts
 * import { DataSource } from 'typeorm';
 * const ds = new DataSource({ type: 'postgres', url, migrations: [...ALL_MIGRATIONS], synchronize: false });
 * await ds.initialize();
 * await ds.runMigrations();
 * ```
 */
export const ALL_MIGRATIONS = [
  CreateShopFunctions1767225600000,
  CreateCatalogAndCustomers1767225600001,
  CreateOrders1767225600002,
  CreateCartsAndWishlists1767225600003,
  CreateCustomerEvents1767225600004,
  CreateJobState1767225600005,
  CreateFraudTables1767225600006,
  CreateAlertDeliveries1767225600007,
  CreateRecommendationServing1767225600008,
] as const;
