/**
 * Uniquely named PostgreSQL databases for tests and benchmarks, created on the admin server and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createShopDataSource } from '../typeorm/data-source.js';
import { runShopMigrations } from '../typeorm/migrate.js';
import { testAdminUrl } from './postgres-probe.js';

/**
 * Options of {@link createTempDatabase}.
 *
 * @example
 * ```ts
 * const options: TempDatabaseOptions = { prefix: 'ecom_api_test', migrate: true };
 * ```
 */
export interface TempDatabaseOptions {
  /** Start of the database name; `_<pid>_<random hex>` is appended. Letters, digits and `_` only. */
  prefix: string;
  /** Admin connection (default {@link testAdminUrl}). */
  adminUrl?: string;
  /** Run the shop migrations of `@ecom/domain/typeorm` on the new database (default `false`: empty). */
  migrate?: boolean;
}

/**
 * A temporary database: its name, its URL and how to drop it.
 *
 * @example
 * ```ts
 * const db: TempDatabase = await createTempDatabase({ prefix: 'ecom_sim' });
 * await db.drop();
 * ```
 */
export interface TempDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `<prefix>_<pid>_<random>` on the admin server, migrated when asked.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const db = await createTempDatabase({ prefix: 'ecom_api_test', migrate: true });
 * const pool = new pg.Pool({ connectionString: db.url });
 * ```
 */
export async function createTempDatabase(options: TempDatabaseOptions): Promise<TempDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/i.test(options.prefix))
    throw new TypeError(`database prefix ${JSON.stringify(options.prefix)}: letters, digits and _ only`);
  const adminUrl = options.adminUrl ?? testAdminUrl();
  const name = `${options.prefix}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await admin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const db: TempDatabase = {
    name,
    url: url.toString(),
    drop: () =>
      admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
  if (options.migrate) {
    try {
      const dataSource = createShopDataSource({ url: db.url });
      await dataSource.initialize();
      try {
        await runShopMigrations(dataSource);
      } finally {
        await dataSource.destroy();
      }
    } catch (err) {
      await db.drop();
      throw err;
    }
  }
  return db;
}
