import pg from 'pg';

/**
 * The one thing the routes need from PostgreSQL: run a parameterised query. A `pg.Pool` satisfies it; tests may pass
 * an in-memory fake.
 *
 * @example
 * ```ts
 * import pg from 'pg';
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

/**
 * Wraps a pool so each distinct SQL text becomes a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every request. The API's SQL texts come from a bounded set (resource × filters present ×
 * sort × pagination mode); past `maxStatements` distinct texts, further ones run unnamed.
 *
 * @example
 * ```ts
 * const db = withPreparedStatements(pool);
 * await db.query('SELECT 1 AS one', []); // prepared as "ecom_api_1" on first use per connection
 * ```
 */
export function withPreparedStatements(pool: pg.Pool, maxStatements = 1000): Queryable {
  const names = new Map<string, string>();
  return {
    query<Row extends Record<string, unknown>>(text: string, values: unknown[] = []) {
      let name = names.get(text);
      if (name === undefined && names.size < maxStatements) {
        name = `ecom_api_${names.size + 1}`;
        names.set(text, name);
      }
      return pool.query<Row>(name === undefined ? { text, values } : { name, text, values });
    },
  };
}
