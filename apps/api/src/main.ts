import { ConfigError, loadApiConfig } from './config.js';
import { createLogger } from './http/request-logger.js';
import { ListenError, startApiServer } from './serve.js';

/** Entry point of `npm run api`: validate the environment, listen, and shut down cleanly on signals. */
async function main(): Promise<void> {
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
  let api;
  try {
    api = await startApiServer(config, logger);
  } catch (err) {
    if (err instanceof ListenError) {
      logger.fatal(err.message);
      process.exit(1);
    }
    throw err;
  }
  const running = api;
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'signal received');
    void running.stop().then((code) => process.exit(code));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
