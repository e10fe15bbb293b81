import { createShopDataSource, resetShopSchema, runShopMigrations } from '@ecom/domain/typeorm';

/**
 * `db init` (apply pending migrations; idempotent) or `db reset` (revert every migration, dropping all shop tables and
 * data, then migrate again). Uses @ecom/domain's migrations, never `synchronize`. Returns the migrations applied.
 *
 * @example
 * await runDb(url, 'init'); // ['CreateShopFunctions1767225600000', ...] the first time, [] afterwards
 */
export async function runDb(databaseUrl: string, action: 'init' | 'reset'): Promise<string[]> {
  const dataSource = createShopDataSource({ url: databaseUrl, logging: false });
  await dataSource.initialize();
  try {
    return action === 'init' ? await runShopMigrations(dataSource) : await resetShopSchema(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
