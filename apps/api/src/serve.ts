import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { analyticsSourceFromConfig } from './analytics/trino-from-config.js';
import { createApp, type ApiDeps } from './app.js';
import type { ApiConfig } from './config.js';
import { createPool, pingPostgres, withPreparedStatements } from './db.js';
import { accessMode, type AccessTokens } from './http/access.js';
import { servingStoreFromConfig } from './recommendations/serving-store-from-config.js';
import { gracefulShutdown } from './shutdown.js';

/**
 * A listening API: its URL and how to stop it (drain, then close the pool and the serving store).
 *
 * @example
 * declare const api: RunningApi;
 * console.log(api.url); // 'http://127.0.0.1:8000'
 * const exitCode = await api.stop();
 */
export interface RunningApi {
  readonly url: string;
  readonly server: Server;
  /** Drains connections (readiness 503 first), closes the resources; resolves to the exit code (1 on timeout). */
  stop(): Promise<number>;
}

/**
 * Why the API could not listen: the port is taken, or the address cannot be bound. `message` is one line.
 *
 * @example
 * const e = new ListenError('port 8000 on 127.0.0.1 is already in use (set PORT to another one)');
 */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/** `API_TOKEN` and `API_PII_TOKEN` as the access control takes them; none: local mode. */
function accessTokensOf(config: ApiConfig): AccessTokens | undefined {
  if (config.API_TOKEN === undefined) return undefined;
  return {
    token: config.API_TOKEN,
    ...(config.API_PII_TOKEN === undefined ? {} : { personalDataToken: config.API_PII_TOKEN }),
  };
}

/**
 * The API's composition root, shared by `npm run api` (src/main.ts) and the one-command mode (`npm start`,
 * src/platform): the pool with prepared statements, the recommendation serving store, the access control
 * (`API_TOKEN`, `API_PII_TOKEN`; a warning when open on a non-loopback `HOST`), the app, `listen`. `extra`: what
 * only a composition knows (`npm start` gives the dashboard its in-process jobs' dead-letter counters).
 *
 * @example
 * import { loadApiConfig } from './config.js';
 * import { createLogger } from './http/request-logger.js';
 * const config = loadApiConfig(process.env);
 * const api = await startApiServer(config, createLogger(config.LOG_LEVEL));
 * process.once('SIGTERM', () => void api.stop().then((code) => process.exit(code)));
 */
export async function startApiServer(
  config: ApiConfig,
  logger: Logger,
  extra: Pick<ApiDeps, 'dashboard'> = {},
): Promise<RunningApi> {
  const pool = createPool({ connectionString: config.DATABASE_URL, max: config.PG_POOL_MAX });
  pool.on('error', (err) => logger.error({ err }, 'idle PostgreSQL connection failed'));
  let draining = false;
  const db = withPreparedStatements(pool);
  const serving = servingStoreFromConfig(config, pool, db);
  const closeResources = async () => {
    await serving.close();
    await pool.end();
  };
  const access = accessTokensOf(config);
  const { mode, warning } = accessMode(config.HOST, access);
  if (warning) logger.warn({ access: mode }, warning);
  else logger.info({ access: mode }, `access: ${mode}`);
  const app = createApp({
    db,
    readiness: { postgres: pingPostgres(pool), ...serving.readiness },
    recommendations: serving.store,
    logger,
    isDraining: () => draining,
    corsOrigins: config.CORS_ORIGINS,
    ...(access ? { access } : {}),
    analytics: analyticsSourceFromConfig({
      url: config.TRINO_URL,
      catalog: config.TRINO_CATALOG,
      schema: config.TRINO_MARTS_SCHEMA,
      user: config.TRINO_USER,
    }),
    ...extra,
  });
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.PORT, config.HOST, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
  } catch (e) {
    await closeResources();
    const code = (e as NodeJS.ErrnoException).code;
    const where = `port ${config.PORT} on ${config.HOST}`;
    if (code === 'EADDRINUSE') throw new ListenError(`${where} is already in use (set PORT to another one)`);
    if (code === 'EADDRNOTAVAIL') throw new ListenError(`${where}: no such address here (check HOST)`);
    if (code === 'EACCES') throw new ListenError(`${where}: permission denied (use a port above 1023)`);
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  const url = `http://${config.HOST}:${port}`;
  logger.info(
    { url, docs: '/docs', recommendations: serving.kind, analytics: config.TRINO_URL ?? 'off' },
    '@ecom/api listening',
  );
  let stopped: Promise<number> | undefined;
  return {
    url,
    server,
    stop: () =>
      (stopped ??= gracefulShutdown({
        server,
        logger,
        timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
        markDraining: () => {
          draining = true;
        },
        closeResources,
      })),
  };
}
