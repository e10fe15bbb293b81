/**
 * Env config of the connector CLI, validated with zod at start-up of the command.
 */
import { EcomError } from '@ecom/domain';
import { z } from 'zod';
import type { DebeziumConnectorOptions } from '../connector/debezium-connector-config.js';

const EnvSchema = z.object({
  CONNECT_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:18083'),
  CDC_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://ecom_cdc@127.0.0.1:55432/ecom'),
  APICURIO_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:18081/apis/registry/v2'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
});

/**
 * A bad env value; `key` names the variable.
 *
 * @example
 * try { loadConnectorEnv({ CONNECT_URL: 'nope' }) } catch (e) { (e as CdcEnvError).key } // 'CONNECT_URL'
 */
export class CdcEnvError extends EcomError<'INVALID_ENV'> {
  override readonly name = 'CdcEnvError';
  readonly key: string;

  constructor(key: string, message: string) {
    super('INVALID_ENV', `env ${key}: ${message}`);
    this.key = key;
  }
}

/**
 * The validated connector CLI settings.
 *
 * @example
 * const env: ConnectorEnv = loadConnectorEnv(process.env);
 */
export interface ConnectorEnv {
  connectUrl: string;
  apicurioUrl: string;
  database: DebeziumConnectorOptions['database'];
  /** CDC_DATABASE_URL as given: `register` checks the role's rights through it when DATABASE_URL is not set. */
  cdcDatabaseUrl: string;
  /** DATABASE_URL, the tables' owner (the simulator's connection): `register` creates the publication through it. */
  ownerDatabaseUrl?: string;
}

/**
 * Reads CONNECT_URL, CDC_DATABASE_URL (Postgres as the Connect worker reaches it), APICURIO_URL and the optional
 * DATABASE_URL (the tables' owner, used by `register`). Throws
 * {@link CdcEnvError} naming the first bad key.
 *
 * @example
 * loadConnectorEnv({}).connectUrl; // 'http://127.0.0.1:18083'
 */
export function loadConnectorEnv(env: Record<string, string | undefined>): ConnectorEnv {
  const picked = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CdcEnvError(String(issue.path[0] ?? '?'), issue.message);
  }
  const db = new URL(parsed.data.CDC_DATABASE_URL);
  const dbname = decodeURIComponent(db.pathname.replace(/^\//, ''));
  if (!db.username) throw new CdcEnvError('CDC_DATABASE_URL', 'needs a user (postgres://USER@host:port/db)');
  if (!dbname)
    throw new CdcEnvError('CDC_DATABASE_URL', 'needs a database name (postgres://user@host:port/DB)');
  const owner = parsed.data.DATABASE_URL;
  return {
    connectUrl: parsed.data.CONNECT_URL.replace(/\/+$/, ''),
    apicurioUrl: parsed.data.APICURIO_URL,
    cdcDatabaseUrl: parsed.data.CDC_DATABASE_URL,
    ...(owner === undefined ? {} : { ownerDatabaseUrl: owner }),
    database: {
      hostname: db.hostname,
      port: db.port ? Number(db.port) : 5432,
      user: decodeURIComponent(db.username),
      ...(db.password ? { password: decodeURIComponent(db.password) } : {}),
      dbname,
    },
  };
}
