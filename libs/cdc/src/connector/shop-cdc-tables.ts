/**
 * The shop tables Debezium captures: exactly the tables of `@ecom/domain` (one table list).
 */
import { SHOP_TABLE_NAMES, type ShopTableName } from '@ecom/domain';

/**
 * Every shop table, parents first, `customer_events` included (`SHOP_TABLE_NAMES` of `@ecom/domain`).
 *
 * @example
 * SHOP_CDC_TABLES.map((t) => `public.${t}`).join(','); // the table.include.list
 */
export const SHOP_CDC_TABLES: readonly ShopTableName[] = SHOP_TABLE_NAMES;

/**
 * Name of a captured shop table.
 *
 * @example
 * const t: ShopCdcTable = 'orders';
 */
export type ShopCdcTable = ShopTableName;
