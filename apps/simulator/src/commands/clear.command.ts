import { clearAllData, clearDynamicData } from '../db/clear-tables.js';
import { withPool } from '../db/pool.js';
import { assertSchema } from './generate.command.js';

/**
 * `clear`: removes dynamic data (orders, items, payments, shipments, carts, wishlists, customer events); master data
 * stays. `--all` also removes customers, products and categories. Returns the truncated tables.
 *
 * @example
 * await runClear(url, { all: false }); // ['customer_events', 'wishlists', 'carts', ...]
 */
export async function runClear(databaseUrl: string, options: { all: boolean }): Promise<readonly string[]> {
  return withPool(databaseUrl, async (pool) => {
    await assertSchema(pool);
    return options.all ? clearAllData(pool) : clearDynamicData(pool);
  });
}
