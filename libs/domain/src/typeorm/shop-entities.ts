import { CartEntity } from './entities/cart.entity.js';
import { CategoryEntity } from './entities/category.entity.js';
import { CustomerEventEntity } from './entities/customer-event.entity.js';
import { CustomerEntity } from './entities/customer.entity.js';
import { OrderItemEntity } from './entities/order-item.entity.js';
import { OrderEntity } from './entities/order.entity.js';
import { PaymentEntity } from './entities/payment.entity.js';
import { ProductEntity } from './entities/product.entity.js';
import { ShipmentEntity } from './entities/shipment.entity.js';
import { WishlistEntity } from './entities/wishlist.entity.js';

/**
 * The 10 TypeORM EntitySchemas, keyed by table name like `shopTables` in the root entry.
 *
 * @example
 * ```ts
 * const orders = dataSource.getRepository(shopEntities.orders); // Repository<Order>
 * await orders.findBy({ status: 'paid' });
 * ```
 */
export const shopEntities = {
  customers: CustomerEntity,
  categories: CategoryEntity,
  products: ProductEntity,
  orders: OrderEntity,
  order_items: OrderItemEntity,
  payments: PaymentEntity,
  shipments: ShipmentEntity,
  carts: CartEntity,
  wishlists: WishlistEntity,
  customer_events: CustomerEventEntity,
} as const;

/**
 * The same EntitySchemas as an array, for a DataSource's `entities` option.
 *
 * @example
 * ```ts
 * import { DataSource } from 'typeorm';
 * new DataSource({ type: 'postgres', url, entities: SHOP_ENTITY_LIST, migrations: [...ALL_MIGRATIONS] });
 * ```
 */
export const SHOP_ENTITY_LIST = Object.values(shopEntities);
