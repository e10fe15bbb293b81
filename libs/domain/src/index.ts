// @ecom/domain: zod schemas and types for the shop tables, exact money and status lifecycles.
// No TypeORM here: entities and migrations live under the "@ecom/domain/typeorm" entry point.

export { EcomError, isEcomError } from './ecom-error.js';
export type { EcomErrorLike, EcomErrorOptions } from './ecom-error.js';
export { DomainError, invalidRecordError, isDomainError } from './errors.js';
export type { DomainErrorCode, DomainErrorOptions, DomainIssue } from './errors.js';
export { err, ok } from './result.js';
export type { Err, Ok, Result } from './result.js';
export { fromEpochMicros, fromEpochMillis, toEpochMicros, toEpochMillis } from './event-time.js';

export {
  MONEY_MAX,
  MONEY_PATTERN,
  MONEY_ZERO,
  addMoney,
  compareMoney,
  fromMinorUnits,
  isMoney,
  moneySchema,
  multiplyMoney,
  normalizeMoney,
  parseMoney,
  sumMoney,
  toMinorUnits,
} from './money.js';
export type { Money } from './money.js';

export {
  bigIdSchema,
  countSchema,
  idSchema,
  quantitySchema,
  timestampSchema,
  varchar,
} from './primitives.js';

export {
  CUSTOMER_EVENT_TYPES,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  SHIPMENT_STATUSES,
  customerEventTypeSchema,
  orderStatusSchema,
  paymentMethodSchema,
  paymentStatusSchema,
  shipmentStatusSchema,
} from './statuses.js';
export type {
  CustomerEventType,
  OrderStatus,
  PaymentMethod,
  PaymentStatus,
  ShipmentStatus,
} from './statuses.js';

export {
  LIFECYCLES,
  assertTransition,
  canTransition,
  isLifecycleStatus,
  isTerminalStatus,
  nextStatuses,
} from './lifecycle.js';
export type { Lifecycle, LifecycleDefinition, LifecycleStatus } from './lifecycle.js';

export { column } from './column-hint.js';
export type { ColumnHint, ColumnKind } from './column-hint.js';
export { defineShopTable } from './shop-table.js';
export type { ShopTable, TypedShopTable } from './shop-table.js';

export {
  BCRYPT_HASH_PATTERN,
  EMAIL_PATTERN,
  customerInsertSchema,
  customerPublicSchema,
  customerSchema,
  customersTable,
} from './entities/customer.js';
export type { Customer, CustomerInsert, CustomerPublic } from './entities/customer.js';
export { categoriesTable, categoryInsertSchema, categorySchema } from './entities/category.js';
export type { Category, CategoryInsert } from './entities/category.js';
export { SKU_PATTERN, productInsertSchema, productSchema, productsTable } from './entities/product.js';
export type { Product, ProductInsert } from './entities/product.js';
export { orderInsertSchema, orderSchema, ordersTable } from './entities/order.js';
export type { Order, OrderInsert } from './entities/order.js';
export { orderItemInsertSchema, orderItemSchema, orderItemsTable } from './entities/order-item.js';
export type { OrderItem, OrderItemInsert } from './entities/order-item.js';
export { paymentInsertSchema, paymentSchema, paymentsTable } from './entities/payment.js';
export type { Payment, PaymentInsert } from './entities/payment.js';
export { shipmentInsertSchema, shipmentSchema, shipmentsTable } from './entities/shipment.js';
export type { Shipment, ShipmentInsert } from './entities/shipment.js';
export { cartInsertSchema, cartSchema, cartsTable } from './entities/cart.js';
export type { Cart, CartInsert } from './entities/cart.js';
export { wishlistInsertSchema, wishlistSchema, wishlistsTable } from './entities/wishlist.js';
export type { Wishlist, WishlistInsert } from './entities/wishlist.js';
export {
  CUSTOMER_EVENT_SUBJECT,
  customerEventInsertSchema,
  customerEventSchema,
  customerEventsTable,
} from './entities/customer-event.js';
export type { CustomerEvent, CustomerEventInsert } from './entities/customer-event.js';

export {
  DYNAMIC_TABLE_NAMES,
  SHOP_TABLE_NAMES,
  getColumnHints,
  getShopTable,
  isShopTableName,
  parseShopRecord,
  safeParseShopRecord,
  shopTables,
} from './shop-tables.js';
export type { ShopInsert, ShopRecordResult, ShopRow, ShopTableName } from './shop-tables.js';
