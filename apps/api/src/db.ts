import pg from 'pg';

/**
 * The one thing the routes need from PostgreSQL: run a parameterised query. A `pg.Pool` satisfies it; tests may pass
 * an in-memory fake.
 *
 * @example
 * ```ts
 * const db: Queryable = new pg.Pool({ connectionString: config.DATABASE_URL });
 * const { rows } = await db.query('SELECT 1 AS one', []);
 * ```
 */
export interface Queryable {
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: Row[] }>;
}

/**
 * Options of {@link createPool}.
 *
 * @example
 * ```ts
 * const options: PoolOptions = { connectionString: config.DATABASE_URL, max: config.PG_POOL_MAX };
 * ```
 */
export interface PoolOptions {
  readonly connectionString: string;
  readonly max?: number;
  readonly applicationName?: string;
}

/**
 * Creates the pg pool the API queries through. Statements time out after 10 s so a slow query cannot pin a
 * connection forever.
 *
 * @example
 * ```ts
 * const pool = createPool({ connectionString: config.DATABASE_URL, max: 10 });
 * await pool.query('SELECT 1');
 * await pool.end();
 * ```
 */
export function createPool(options: PoolOptions): pg.Pool {
  return new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? '@ecom/api',
    statement_timeout: 10_000,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
}

/**
 * A readiness probe: resolves when `SELECT 1` succeeds.
 *
 * @example
 * ```ts
 * createApp({ db: pool, readiness: { postgres: pingPostgres(pool) } });
 * ```
 */
export function pingPostgres(db: Queryable): () => Promise<void> {
  return async () => {
    await db.query('SELECT 1', []);
  };
}
