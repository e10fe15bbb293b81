import type { z } from 'zod';
import type { ColumnHint } from './column-hint.js';
import { categoriesTable } from './entities/category.js';
import { cartsTable } from './entities/cart.js';
import { customerEventsTable } from './entities/customer-event.js';
import { customersTable } from './entities/customer.js';
import { orderItemsTable } from './entities/order-item.js';
import { ordersTable } from './entities/order.js';
import { paymentsTable } from './entities/payment.js';
import { productsTable } from './entities/product.js';
import { shipmentsTable } from './entities/shipment.js';
import { wishlistsTable } from './entities/wishlist.js';
import { DomainError, invalidRecordError } from './errors.js';
import { err, ok, type Result } from './result.js';

/**
 * Registry of the 10 shop tables, keyed by PostgreSQL table name (schema `public`).
 *
 * @remarks For CDC decoders and lake writers: look a table up by the `source.table` of a change event and use its
 * `schema` and `columns` hints.
 *
 * @example
 * ```ts
 * shopTables.orders.schema.parse(row); // Order
 * shopTables.payments.columns.amount.scale; // 2
 * ```
 */
export const shopTables = {
  customers: customersTable,
  categories: categoriesTable,
  products: productsTable,
  orders: ordersTable,
  order_items: orderItemsTable,
  payments: paymentsTable,
  shipments: shipmentsTable,
  carts: cartsTable,
  wishlists: wishlistsTable,
  customer_events: customerEventsTable,
} as const;

/**
 * Name of a shop table.
 *
 * @example
 * ```ts
 * const table: ShopTableName = 'order_items';
 * ```
 */
export type ShopTableName = keyof typeof shopTables;

/**
 * The row type of a shop table, by name.
 *
 * @example
 * ```ts
 * type Row = ShopRow<'orders'>; // Order
 * ```
 */
export type ShopRow<T extends ShopTableName> = z.infer<(typeof shopTables)[T]['schema']>;

/**
 * The insert type of a shop table, by name.
 *
 * @example
 * ```ts
 * type New = ShopInsert<'carts'>; // CartInsert
 * ```
 */
export type ShopInsert<T extends ShopTableName> = z.infer<(typeof shopTables)[T]['insertSchema']>;

/**
 * Every shop table name, parents before children, so inserting in this order (and deleting or truncating in reverse)
 * never breaks a foreign key.
 *
 * @example
 * ```ts
 * [...SHOP_TABLE_NAMES].reverse(); // a safe DELETE order, children first
 * ```
 */
export const SHOP_TABLE_NAMES = Object.keys(shopTables) as readonly ShopTableName[];

/**
 * The tables the simulator writes while customers shop (everything but the master data customers, categories and
 * products), children first: the order a clear must delete them in.
 *
 * @example
 * ```ts
 * DYNAMIC_TABLE_NAMES[0]; // 'customer_events'
 * ```
 */
export const DYNAMIC_TABLE_NAMES: readonly ShopTableName[] = [
  'customer_events',
  'wishlists',
  'carts',
  'shipments',
  'payments',
  'order_items',
  'orders',
];

/**
 * Whether `name` is a shop table name.
 *
 * @example
 * ```ts
 * isShopTableName('orders'); // true
 * isShopTableName('order'); // false (the original's API path, not a table)
 * ```
 */
export function isShopTableName(name: unknown): name is ShopTableName {
  return typeof name === 'string' && Object.hasOwn(shopTables, name);
}

/**
 * Looks up a shop table by name.
 *
 * @throws {@link DomainError} `unknown_table` for any other name.
 *
 * @example
 * ```ts
 * getShopTable('payments').primaryKey; // 'payment_id'
 * getShopTable('payment'); // throws DomainError { code: 'unknown_table' }
 * ```
 */
export function getShopTable<T extends ShopTableName>(name: T): (typeof shopTables)[T];
export function getShopTable(name: string): (typeof shopTables)[ShopTableName];
export function getShopTable(name: string): (typeof shopTables)[ShopTableName] {
  if (!isShopTableName(name)) throw unknownTableError(name);
  return shopTables[name];
}

function unknownTableError(name: string, raw?: unknown): DomainError {
  return new DomainError(
    'unknown_table',
    `Unknown shop table ${JSON.stringify(name)}: expected one of ${SHOP_TABLE_NAMES.join(', ')}`,
    { details: { table: name, allowed: [...SHOP_TABLE_NAMES] }, raw },
  );
}

/**
 * The column type hints of a shop table, for schemaless decoders.
 *
 * @throws {@link DomainError} `unknown_table`.
 *
 * @example
 * ```ts
 * getColumnHints('orders').total_price; // { kind: 'decimal', precision: 14, scale: 2, ... }
 * ```
 */
export function getColumnHints(name: string): Readonly<Record<string, ColumnHint>> {
  return getShopTable(name).columns;
}

/**
 * Result of {@link safeParseShopRecord}: the typed row, or the reason it was refused.
 *
 * @example
 * ```ts
 * const result: ShopRecordResult<'orders'> = safeParseShopRecord('orders', row);
 * if (result.ok) result.value.total_price;
 * ```
 */
export type ShopRecordResult<T extends ShopTableName> = Result<ShopRow<T>, DomainError>;

/**
 * Validates a row of `table` without throwing. A refused row comes back as a {@link DomainError}
 * (`invalid_record` with one issue per bad column, or `unknown_table`) whose `raw` is the row.
 *
 * @example
 * ```ts
 * const result = safeParseShopRecord('orders', { order_id: 1, total_price: 15 });
 * result.ok; // false
 * if (!result.ok) result.error.code; // 'invalid_record' (result.error.issues lists each bad column)
 * ```
 */
export function safeParseShopRecord<T extends ShopTableName>(table: T, row: unknown): ShopRecordResult<T>;
export function safeParseShopRecord(table: string, row: unknown): ShopRecordResult<ShopTableName>;
export function safeParseShopRecord(table: string, row: unknown): ShopRecordResult<ShopTableName> {
  if (!isShopTableName(table)) return err(unknownTableError(table, row));
  const parsed = (shopTables[table].schema as z.ZodType).safeParse(row);
  return parsed.success
    ? ok(parsed.data as ShopRow<ShopTableName>)
    : err(invalidRecordError(table, row, parsed.error));
}

/**
 * Validates a row of `table` and returns it typed.
 *
 * @throws {@link DomainError} `unknown_table`, or `invalid_record` with one issue per bad column.
 *
 * @example
 * ```ts
 * const order = parseShopRecord('orders', row); // Order
 * order.order_date instanceof Date; // true, even when the row carried an ISO string
 * ```
 */
export function parseShopRecord<T extends ShopTableName>(table: T, row: unknown): ShopRow<T>;
export function parseShopRecord(table: string, row: unknown): ShopRow<ShopTableName>;
export function parseShopRecord(table: string, row: unknown): ShopRow<ShopTableName> {
  const result = safeParseShopRecord(table, row);
  if (!result.ok) throw result.error;
  return result.value;
}
