/**
 * A seeded simulated shop in a temp database on the stack's PostgreSQL: the simulator's small catalogue (3
 * categories, 20 products), `customers` customers and `days` days of back-dated history ending at `until`, for the
 * specs and benchmarks that need realistic orders (marts, sample queries, the analytics API).
 */
import { createTempDatabase, type TempDatabase } from '@ecom/domain/testing';
// The workspace's seeded-shop runner for integration specs (libs/cdc/test): reused, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { SMALL_CATALOGUE, runSimulator } from '../../cdc/test/repo-cli.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK } from '../../cdc/test/stack-services.js';

/** What {@link simulatedShop} simulates. */
export interface SimulatedShopOptions {
  /** Start of the temp database's name (letters, digits, `_`). */
  readonly prefix: string;
  readonly customers: number;
  /** Days of back-dated history (`simulate --historical`). */
  readonly days: number;
  /** Sessions per simulated day (`--sessions`). */
  readonly sessions: number;
  readonly seed: number;
  /** End of the history, an ISO instant (`--until`). */
  readonly until: string;
}

/** Creates, migrates and fills the shop; the caller drops it (`db.drop()`). */
export async function simulatedShop(options: SimulatedShopOptions): Promise<TempDatabase> {
  const db = await createTempDatabase({ prefix: options.prefix, adminUrl: STACK.postgresUrl, migrate: true });
  try {
    await runSimulator(db.url, [...SMALL_CATALOGUE, '--customers', String(options.customers)]);
    await runSimulator(db.url, [
      ...['simulate', '--historical', String(options.days), '--sessions', String(options.sessions)],
      ...['--seed', String(options.seed), '--until', options.until],
    ]);
  } catch (err) {
    await db.drop();
    throw err;
  }
  return db;
}
