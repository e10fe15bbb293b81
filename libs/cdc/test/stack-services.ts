/**
 * Starts (or reuses) stack services for an integration spec with `npm run stack -- up --only …`. A service that
 * cannot start fails the suite with the stack's output: integration specs never skip.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The repository root. These helpers run under jest (CommonJS, with `__dirname`) and in benchmarks (ES modules,
 * which `npm run bench` starts from the root).
 */
export const REPO_ROOT = typeof __dirname === 'string' ? resolve(__dirname, '../../..') : process.cwd();

export const STACK = {
  connectUrl:
    process.env['CONNECT_URL'] ?? `http://127.0.0.1:${process.env['ECOM_STACK_CONNECT_PORT'] ?? 18083}`,
  registryUrl: `http://127.0.0.1:${process.env['ECOM_STACK_REGISTRY_PORT'] ?? 18081}`,
  kafkaBroker: `127.0.0.1:${process.env['ECOM_STACK_KAFKA_PORT'] ?? 19092}`,
  postgresPort: Number(process.env['ECOM_STACK_POSTGRES_PORT'] ?? 55432),
  /** The stack's logical-replication PostgreSQL, database `ecom`, as superuser. */
  postgresUrl: `postgres://postgres@127.0.0.1:${process.env['ECOM_STACK_POSTGRES_PORT'] ?? 55432}/ecom`,
};

/** Runs `npm run stack -- <command> --only <services>`; a failure throws with the stack's output. */
function stack(command: 'up' | 'down', services: readonly string[]): void {
  try {
    execFileSync('npm', ['run', '-s', 'stack', '--', command, '--only', services.join(',')], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
      timeout: 240_000,
    });
  } catch (e) {
    const err = e as Error & { stderr?: Buffer; stdout?: Buffer };
    throw new Error(
      `could not ${command === 'up' ? 'start' : 'stop'} the stack (npm run stack -- ${command} --only ${services.join(',')}): ${err.message}\n` +
        `${err.stderr?.toString() ?? ''}${err.stdout?.toString() ?? ''}`,
    );
  }
}

/** Starts (or reuses) the services and their dependencies. */
export function startStack(services: readonly string[]): void {
  stack('up', services);
}

/** Stops the services (their data is kept), for the fault-injection specs: `startStack` brings them back. */
export function stopStack(services: readonly string[]): void {
  stack('down', services);
}
