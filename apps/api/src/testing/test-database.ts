// A migrated, uniquely named PostgreSQL database for one test file or benchmark (on DATABASE_URL's server, default
// postgres://postgres@127.0.0.1:5432/postgres), seeded and with a pool on it; dropped at the end. Built on
// @ecom/domain/testing, which also decides whether a suite runs, fails (CI=true) or skips when PostgreSQL is missing.
import { createTempDatabase } from '@ecom/domain/testing';
import pg from 'pg';

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
  const db = await createTempDatabase({ prefix: 'ecom_api_test', migrate: true });
  const pool = new pg.Pool({ connectionString: db.url, max: 5 });
  // pool.end() resolves before its sockets close; the FORCE drop then terminates them (57P01), which would be an
  // unhandled 'error' event on the pool.
  pool.on('error', () => undefined);
  const drop = async () => {
    await pool.end();
    await db.drop();
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const statement of seed) await client.query(statement);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    client.release();
    await drop();
    throw err;
  }
  client.release();
  return { name: db.name, url: db.url, pool, drop };
}
