import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DomainError } from '../index.js';
import { ALL_MIGRATIONS } from './migrations/index.js';
import { SHOP_ENTITY_LIST } from './shop-entities.js';

/**
 * Table where TypeORM records which shop migrations ran.
 *
 * @example
 * ```ts
 * await dataSource.query(`SELECT name FROM ${SHOP_MIGRATIONS_TABLE} ORDER BY id`);
 * ```
 */
export const SHOP_MIGRATIONS_TABLE = 'shop_migrations';

/**
 * Options of {@link createShopDataSource}: any PostgreSQL DataSource option except those this library owns
 * (`type`, `entities`, `migrations`, `migrationsTableName`, `synchronize`).
 *
 * @example
 * ```ts
 * const options: ShopDataSourceOptions = { url: process.env.DATABASE_URL, poolSize: 10 };
 * ```
 */
export type ShopDataSourceOptions = Omit<
  Extract<DataSourceOptions, { type: 'postgres' }>,
  'type' | 'entities' | 'migrations' | 'migrationsTableName' | 'synchronize'
>;

/**
 * Creates (does not initialize) a PostgreSQL DataSource with the shop entities and migrations, `synchronize` off.
 *
 * @remarks Uses the `pg` package as driver unless `options.driver` is given. The caller owns the connection settings (read them from validated config, never hard-code credentials),
 * calls `initialize()` and `destroy()`. Run `runShopMigrations` (or `dataSource.runMigrations()`) to create the schema.
 *
 * @throws {@link DomainError} `invalid_option` if `synchronize` is passed: the schema comes from migrations only.
 *
 * @example
 * ```ts
 * const dataSource = createShopDataSource({ url });
 * await dataSource.initialize();
 * await runShopMigrations(dataSource);
 * const orders = dataSource.getRepository(shopEntities.orders);
 * ```
 */
export function createShopDataSource(options: ShopDataSourceOptions = {}): DataSource {
  const forbidden = ['synchronize', 'type', 'entities', 'migrations', 'migrationsTableName'].filter((key) =>
    Object.hasOwn(options, key),
  );
  if (forbidden.length > 0) {
    throw new DomainError(
      'invalid_option',
      `createShopDataSource does not accept ${forbidden.join(', ')}: the shop schema comes from its migrations, never synchronize`,
      { details: { options: forbidden } },
    );
  }
  return new DataSource({
    // An explicit driver, so pg resolves from this package (ESM, bundlers) instead of typeorm's dynamic require.
    driver: pg,
    ...options,
    type: 'postgres',
    entities: SHOP_ENTITY_LIST,
    migrations: [...ALL_MIGRATIONS],
    migrationsTableName: SHOP_MIGRATIONS_TABLE,
    synchronize: false,
  });
}
