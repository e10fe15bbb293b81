#!/usr/bin/env node
/**
 * Entry point of `npm run recs -- train | evaluate | publish`.
 */
import { ConfigError, loadRecsConfig } from '../../config.js';
import { createPool } from '../../db.js';
import { servingStoreFromConfig } from '../serving-store-from-config.js';
import { modelDir } from './model-dir.js';
import { RECS_USAGE, runRecsCli } from './run-recs-cli.js';

let config;
try {
  config = loadRecsConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n${RECS_USAGE}\n`);
  process.exit(2);
}
const pool = createPool({ connectionString: config.DATABASE_URL, max: 2, applicationName: 'ecom-recs' });
let serving: ReturnType<typeof servingStoreFromConfig> | undefined;
try {
  process.exitCode = await runRecsCli(process.argv.slice(2), {
    db: pool,
    store: () => (serving ??= servingStoreFromConfig(config, pool, pool)).store,
    models: modelDir(config.RECS_MODEL_DIR),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} finally {
  await serving?.close();
  await pool.end();
}
