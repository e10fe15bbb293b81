/**
 * The slice of the `pg` client API the source uses, as structural types: the library never imports `pg` (not even
 * its types), so `pg` stays an optional peer dependency that the caller injects (like kysely's `PostgresDialect`).
 */

/**
 * Connection settings handed to the driver's `Client` constructor (a `pg` `ClientConfig`).
 *
 * @example
 * const c: PgClientConfig = { host: '127.0.0.1', port: 55432, user: 'ecom_cdc', database: 'ecom' };
 */
export type PgClientConfig = Readonly<Record<string, unknown>>;

/**
 * A query as `pg` accepts it.
 *
 * @example
 * const q: PgQueryConfig = { text: 'SELECT $1::int', values: [1], rowMode: 'array' };
 */
export interface PgQueryConfig {
  text: string;
  values?: unknown[];
  rowMode?: 'array';
  types?: unknown;
}

/**
 * What `client.query` resolves to.
 *
 * @example
 * const { rows } = await client.query<{ n: string }>('SELECT 1 AS n');
 */
export interface PgQueryResult<R> {
  rows: R[];
  rowCount: number | null;
}

/**
 * The client methods the source calls (`pg.Client` has them all).
 *
 * @example
 * const client: PgClient = newPgClient(driver, config); await client.connect();
 */
export interface PgClient {
  connect(): Promise<unknown>;
  end(): Promise<unknown>;
  on(event: 'error', listener: (err: Error) => void): unknown;
  query<R = Record<string, unknown>>(
    config: PgQueryConfig | string,
    values?: unknown[],
  ): Promise<PgQueryResult<R>>;
}

/**
 * The injected driver: pass the `pg` module itself (`import pg from 'pg'`). Typed loosely on purpose, so that any
 * `pg` 8.x version (and its types, if installed) fits.
 *
 * @example
 * import pg from 'pg';
 * const driver: PgDriver = pg;
 */
export interface PgDriver {
  Client: new (config: never) => unknown;
}

/**
 * Creates a client with the injected driver.
 *
 * @example
 * const client = newPgClient(pg, { connectionString: 'postgres://…' });
 */
export function newPgClient(driver: PgDriver, config: PgClientConfig): PgClient {
  const Client = driver.Client as unknown as new (config: PgClientConfig) => PgClient;
  return new Client(config);
}
