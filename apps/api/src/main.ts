import { createApp } from './app.js';
import { ConfigError, loadApiConfig } from './config.js';

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
  const server = createApp().listen(config.API_PORT, config.API_HOST, () => {
    console.log(`@ecom/api listening on http://${config.API_HOST}:${config.API_PORT}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
