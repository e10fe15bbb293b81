// @ecom/domain/typeorm: TypeORM EntitySchemas and migrations of the shop tables.
// typeorm and pg are optional peer dependencies: install them to use this entry point.

export { CartEntity } from './entities/cart.entity.js';
export { CategoryEntity } from './entities/category.entity.js';
export { CustomerEventEntity } from './entities/customer-event.entity.js';
export { CustomerEntity } from './entities/customer.entity.js';
export { OrderItemEntity } from './entities/order-item.entity.js';
export { OrderEntity } from './entities/order.entity.js';
export { PaymentEntity } from './entities/payment.entity.js';
export { ProductEntity } from './entities/product.entity.js';
export { ShipmentEntity } from './entities/shipment.entity.js';
export { WishlistEntity } from './entities/wishlist.entity.js';
export { SHOP_ENTITY_LIST, shopEntities } from './shop-entities.js';
export { entitySchemaFromTable } from './entity-schema-from-table.js';

export {
  ALL_MIGRATIONS,
  CreateAlertDeliveries1767225600007,
  CreateCartsAndWishlists1767225600003,
  CreateCatalogAndCustomers1767225600001,
  CreateCustomerEvents1767225600004,
  CreateFraudTables1767225600006,
  CreateJobState1767225600005,
  CreateOrders1767225600002,
  CreateRecommendationServing1767225600008,
  CreateShopFunctions1767225600000,
} from './migrations/index.js';

export { SHOP_MIGRATIONS_TABLE, createShopDataSource } from './data-source.js';
export type { ShopDataSourceOptions } from './data-source.js';
export {
  appliedShopMigrations,
  resetShopSchema,
  revertAllShopMigrations,
  runShopMigrations,
} from './migrate.js';
