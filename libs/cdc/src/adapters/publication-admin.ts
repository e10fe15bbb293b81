/**
 * The pg adapter of the `PublicationAdmin` port of `cdc connector register`: the catalog probe shared with the
 * pgoutput source (`publicationFacts`) and a transaction for the owner's statements. `pg` is injected (or loaded
 * on first use), like the source's `driver`.
 */
import type { PublicationAdmin, PublicationAdminVia } from '../connector/publication-admin.js';
import { ConnectorSetupError } from '../connector/connector-setup-error.js';
import { CdcEnvError, type ConnectorEnv } from './connector-env.js';
import { newPgClient, type PgClient, type PgDriver } from './pgoutput/pg-client.js';
import { publicationFacts } from './pgoutput/publication-setup.js';

/**
 * Options of {@link createPublicationAdmin}.
 *
 * @example
 * import pg from 'pg';
 * const options: PublicationAdminOptions = { driver: pg, url: 'postgres://postgres@127.0.0.1:55432/ecom', via: 'DATABASE_URL' };
 */
export interface PublicationAdminOptions {
  /** The `pg` module, or a function that loads it when the first query runs. */
  driver: PgDriver | (() => Promise<PgDriver>);
  url: string;
  /** `DATABASE_URL` (the owner: may run statements) or `CDC_DATABASE_URL` (the CDC role: only looks). */
  via: PublicationAdminVia;
}

const redacted = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};

/**
 * A `PublicationAdmin` over one pg connection, opened on first use. A connection failure throws
 * `ConnectorSetupError` `POSTGRES_UNREACHABLE` (the URL in its message without the password).
 *
 * @example
 * import pg from 'pg';
 * const admin = createPublicationAdmin({ driver: pg, url: 'postgres://postgres@127.0.0.1:55432/ecom', via: 'DATABASE_URL' });
 * await admin.execute(['GRANT SELECT ON "public"."orders" TO "ecom_cdc";']);
 * await admin.close();
 */
export function createPublicationAdmin(options: PublicationAdminOptions): PublicationAdmin {
  let client: PgClient | null = null;
  const connect = async (): Promise<PgClient> => {
    if (client) return client;
    const driver = 'Client' in options.driver ? options.driver : await options.driver();
    const c = newPgClient(driver, { connectionString: options.url, connectionTimeoutMillis: 10_000 });
    c.on('error', () => undefined); // a dropped idle connection fails the next query instead
    try {
      await c.connect();
    } catch (e) {
      throw new ConnectorSetupError(
        'POSTGRES_UNREACHABLE',
        `cannot connect to ${options.via} ${redacted(options.url)}: ${(e as Error).message}`,
        { cause: e },
      );
    }
    client = c;
    return c;
  };
  return {
    via: options.via,
    canExecute: options.via === 'DATABASE_URL',
    inspect: async (request) => publicationFacts(await connect(), request),
    async execute(sql) {
      const c = await connect();
      await c.query('BEGIN');
      try {
        for (const statement of sql) await c.query(statement);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    },
    async close() {
      const c = client;
      client = null;
      await c?.end();
    },
  };
}

/**
 * The admin `register` uses with the CLI's env: the owner's DATABASE_URL when set (it must name the database the
 * connector captures, else {@link CdcEnvError} naming DATABASE_URL), else CDC_DATABASE_URL.
 *
 * @example
 * import pg from 'pg';
 * const admin = publicationAdminFromEnv(loadConnectorEnv(process.env), pg);
 */
export function publicationAdminFromEnv(
  env: ConnectorEnv,
  driver: PublicationAdminOptions['driver'],
): PublicationAdmin {
  const owner = env.ownerDatabaseUrl;
  if (owner === undefined)
    return createPublicationAdmin({ driver, url: env.cdcDatabaseUrl, via: 'CDC_DATABASE_URL' });
  const db = decodeURIComponent(new URL(owner).pathname.replace(/^\//, ''));
  if (db !== env.database.dbname)
    throw new CdcEnvError(
      'DATABASE_URL',
      `names database ${JSON.stringify(db)}, but the connector captures ${JSON.stringify(env.database.dbname)} ` +
        '(CDC_DATABASE_URL): register creates the publication through DATABASE_URL, so both must name the same database',
    );
  return createPublicationAdmin({ driver, url: owner, via: 'DATABASE_URL' });
}
