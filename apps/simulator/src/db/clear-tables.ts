import { DYNAMIC_TABLE_NAMES, SHOP_TABLE_NAMES } from '@ecom/domain';
import type pg from 'pg';

/**
 * Removes the dynamic data (orders and their items, payments, shipments, carts, wishlists, customer events) with one
 * `TRUNCATE ... RESTART IDENTITY`, children first; master data stays. Ids restart at 1, so a seeded run after a clear
 * reproduces the same rows.
 *
 * @example
 * await clearDynamicData(pool); // ['customer_events', 'wishlists', ...]
 */
export async function clearDynamicData(client: pg.ClientBase | pg.Pool): Promise<readonly string[]> {
  await client.query(`TRUNCATE ${DYNAMIC_TABLE_NAMES.join(', ')} RESTART IDENTITY`);
  return DYNAMIC_TABLE_NAMES;
}

/**
 * Removes every shop row, dynamic and master data, in foreign-key order (children first) in one TRUNCATE, so it works
 * even when orders exist (the original's `--clear` failed with an FK violation). The schema stays.
 *
 * @example
 * await clearAllData(pool);
 */
export async function clearAllData(client: pg.ClientBase | pg.Pool): Promise<readonly string[]> {
  const tables = [...SHOP_TABLE_NAMES].reverse();
  await client.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY`);
  return tables;
}

/**
 * Moves an identity sequence past the largest id in use (after inserting explicit ids).
 *
 * @example
 * await syncIdentity(client, 'orders', 'order_id');
 */
export async function syncIdentity(client: pg.ClientBase, table: string, column: string): Promise<void> {
  await client.query(
    `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), GREATEST(COALESCE(MAX(${column}), 0), 1), MAX(${column}) IS NOT NULL) FROM ${table}`,
  );
}
