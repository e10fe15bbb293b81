import { analyticsSourceFromConfig } from './analytics/trino-from-config.js';
import { createApp } from './app.js';
import { ConfigError, loadApiConfig } from './config.js';
import { createPool, pingPostgres, withPreparedStatements } from './db.js';
import { createLogger } from './http/request-logger.js';
import { servingStoreFromConfig } from './recommendations/serving-store-from-config.js';
import { gracefulShutdown } from './shutdown.js';

/** Composition root: validate the environment, build the app, listen, and shut down cleanly on signals. */
function main(): void {
  let config;
  try {
    config = loadApiConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const pool = createPool({ connectionString: config.DATABASE_URL, max: config.PG_POOL_MAX });
  pool.on('error', (err) => logger.error({ err }, 'idle PostgreSQL connection failed'));
  let draining = false;
  const db = withPreparedStatements(pool);
  const serving = servingStoreFromConfig(config, pool, db);
  const app = createApp({
    db,
    readiness: { postgres: pingPostgres(pool), ...serving.readiness },
    recommendations: serving.store,
    analytics: analyticsSourceFromConfig({
      url: config.TRINO_URL,
      catalog: config.TRINO_CATALOG,
      schema: config.TRINO_MARTS_SCHEMA,
      user: config.TRINO_USER,
    }),
    logger,
    isDraining: () => draining,
    corsOrigins: config.CORS_ORIGINS,
  });
  const server = app.listen(config.PORT, config.HOST, (err?: Error) => {
    if (err) {
      logger.fatal({ err }, 'cannot listen');
      process.exit(1);
    }
    logger.info(
      {
        url: `http://${config.HOST}:${config.PORT}`,
        docs: '/docs',
        recommendations: serving.kind,
        analytics: config.TRINO_URL ?? 'off',
      },
      '@ecom/api listening',
    );
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'signal received');
    void gracefulShutdown({
      server,
      logger,
      timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      markDraining: () => {
        draining = true;
      },
      closeResources: async () => {
        await serving.close();
        await pool.end();
      },
    }).then((code) => process.exit(code));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
