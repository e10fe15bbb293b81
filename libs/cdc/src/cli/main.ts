#!/usr/bin/env node
/**
 * Entry point of the `cdc` CLI (`npm run -s cdc -- decode …`, or the `ecom-cdc` bin).
 */
import { readFile } from 'node:fs/promises';
// The composition root: the one core file allowed to wire in the adapters (see eslint.config.mjs).
import {
  HttpSchemaRegistry,
  KafkaConnectClient,
  loadConnectorEnv,
  publicationAdminFromEnv,
  type PgDriver,
} from '../adapters/index.js';
import { runCli } from './run-cli.js';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `pg` is an optional peer: loaded only when `connector register` checks PostgreSQL. */
async function loadPg(): Promise<PgDriver> {
  try {
    return (await import('pg')).default;
  } catch (e) {
    const why = `connector register checks PostgreSQL with the pg package (npm install pg)`;
    throw new Error(`${why}: ${(e as Error).message}`, { cause: e });
  }
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: readStdin,
  readFile: (path) => readFile(path),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  registry: (url) => new HttpSchemaRegistry({ url }),
  connectors: () => {
    const env = loadConnectorEnv(process.env);
    return {
      ...env,
      api: new KafkaConnectClient({ url: env.connectUrl }),
      postgres: () => publicationAdminFromEnv(env, loadPg),
    };
  },
});
