// Creates a uniquely named PostgreSQL database for one test file, migrates it with the @ecom/domain migrations and
// drops it at the end. DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is only the admin
// connection. Outside CI an unreachable server yields a skip reason; with CI=true it is a failure.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createShopDataSource, runShopMigrations } from '@ecom/domain/typeorm';
import pg from 'pg';

/**
 * The admin connection used to create and drop test databases.
 *
 * @example
 * ```ts
 * ADMIN_URL; // 'postgres://postgres@127.0.0.1:5432/postgres' unless DATABASE_URL is set
 * ```
 */
export const ADMIN_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The admin URL with any credentials masked, for messages.
 *
 * @example
 * ```ts
 * REDACTED_ADMIN_URL; // 'postgres://***@db:5432/postgres'
 * ```
 */
export const REDACTED_ADMIN_URL = ADMIN_URL.replace(/\/\/[^@/]*@/, '//***@');

/**
 * Checks synchronously (jest collects tests synchronously) whether PostgreSQL answers; `null` if it does, else why not.
 *
 * @example
 * ```ts
 * const reason = probePostgres(); // null when reachable
 * ```
 */
export function probePostgres(url: string = ADMIN_URL): string | null {
  const script =
    "const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });" +
    'c.connect().then(() => c.end()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });';
  const result = spawnSync(process.execPath, ['-e', script, url], { encoding: 'utf8', timeout: 15_000 });
  return result.status === 0
    ? null
    : result.stderr.trim() || result.error?.message || `exit ${String(result.status)}`;
}

/**
 * A migrated, uniquely named database and a pool on it.
 *
 * @example
 * ```ts
 * const db: TestDatabase = await createTestDatabase(FIXTURE_SQL);
 * await db.drop();
 * ```
 */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly pool: pg.Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/**
 * Creates `ecom_api_test_<pid>_<random>`, runs the shop migrations and runs `seed` statements in one transaction.
 *
 * @example
 * ```ts
 * const db = await createTestDatabase(FIXTURE_SQL);
 * const app = createApp({ db: db.pool });
 * ```
 */
export async function createTestDatabase(seed: readonly string[] = []): Promise<TestDatabase> {
  const name = `ecom_api_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = (() => {
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const dataSource = createShopDataSource({ url });
  await dataSource.initialize();
  try {
    await runShopMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const statement of seed) await client.query(statement);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      const admin2 = new pg.Client({ connectionString: ADMIN_URL });
      await admin2.connect();
      try {
        await admin2.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin2.end();
      }
    },
  };
}
