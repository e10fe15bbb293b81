import type { DataSource } from 'typeorm';
import { SHOP_MIGRATIONS_TABLE } from './data-source.js';

/**
 * Applies every pending shop migration in one transaction and returns the names it ran (`[]` when up to date, so it
 * is safe to call on every start).
 *
 * @example
 * ```ts
 * await runShopMigrations(dataSource); // ['CreateShopFunctions1767225600000', ...] the first time, [] afterwards
 * ```
 */
export async function runShopMigrations(dataSource: DataSource): Promise<string[]> {
  const ran = await dataSource.runMigrations({ transaction: 'all' });
  return ran.map((migration) => migration.name);
}

/**
 * Names of the shop migrations already applied, oldest first (`[]` on an empty database).
 *
 * @example
 * ```ts
 * await appliedShopMigrations(dataSource); // ['CreateShopFunctions1767225600000', ...]
 * ```
 */
export async function appliedShopMigrations(dataSource: DataSource): Promise<string[]> {
  const [exists] = (await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS exists', [
    SHOP_MIGRATIONS_TABLE,
  ])) as {
    exists: boolean;
  }[];
  if (!exists?.exists) return [];
  const rows = (await dataSource.query(
    `SELECT name FROM ${SHOP_MIGRATIONS_TABLE} ORDER BY timestamp, id`,
  )) as { name: string }[];
  return rows.map((row) => row.name);
}

/**
 * Reverts every applied shop migration, newest first, dropping all shop tables and functions (and their data).
 *
 * @example
 * ```ts
 * await revertAllShopMigrations(dataSource); // the database is back to empty
 * ```
 */
export async function revertAllShopMigrations(dataSource: DataSource): Promise<void> {
  let remaining = (await appliedShopMigrations(dataSource)).length;
  while (remaining > 0) {
    await dataSource.undoLastMigration({ transaction: 'each' });
    remaining -= 1;
  }
}

/**
 * Drops everything the migrations created and recreates it: the `db reset` of the simulator.
 *
 * @example
 * ```ts
 * await resetShopSchema(dataSource); // empty tables, every migration applied
 * ```
 */
export async function resetShopSchema(dataSource: DataSource): Promise<string[]> {
  await revertAllShopMigrations(dataSource);
  return runShopMigrations(dataSource);
}
