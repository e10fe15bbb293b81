#!/usr/bin/env node
/**
 * Entry point of the `lake` CLI (`npm run -s lake -- export …`, or the `ecom-lake` bin).
 */
import { lakeServices } from './lake-services.js';
import { runLakeCli } from './run-lake-cli.js';

process.exitCode = await runLakeCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  services: lakeServices,
});
