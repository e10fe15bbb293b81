/**
 * The shop tables Debezium captures (the schema of `@ecom/domain`, kept as plain names so the core does not
 * depend on the domain package; a spec checks they match).
 */

/**
 * Every shop table, parents first, `customer_events` included.
 *
 * @example
 * SHOP_CDC_TABLES.map((t) => `public.${t}`).join(','); // the table.include.list
 */
export const SHOP_CDC_TABLES = [
  'customers',
  'categories',
  'products',
  'orders',
  'order_items',
  'payments',
  'shipments',
  'carts',
  'wishlists',
  'customer_events',
] as const;

/**
 * Name of a captured shop table.
 *
 * @example
 * const t: ShopCdcTable = 'orders';
 */
export type ShopCdcTable = (typeof SHOP_CDC_TABLES)[number];
