/**
 * Runs the repository's CLIs from source in a child process, as their npm scripts do (`node --conditions=@ecom/source
 * --import tsx <main.ts>`): the simulator for integration specs that need a seeded shop, and the cdc CLI itself.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './stack-services.js';

const exec = promisify(execFile);

/** `simulator generate` options of a small seeded catalogue (3 categories, 20 products, 10 customers, seed 7). */
export const SMALL_CATALOGUE = [
  'generate',
  ...['--categories', '3', '--products', '20', '--customers', '10', '--seed', '7', '--bcrypt-cost', '4'],
] as const;

/** Variables a spec sets explicitly: they are never inherited from the spec's own environment. */
const EXPLICIT = ['DATABASE_URL', 'CDC_DATABASE_URL', 'CONNECT_URL'];

/**
 * Runs `main` (a path from the repository root) with `args`; `env` is added to the spec's environment without
 * DATABASE_URL, CDC_DATABASE_URL and CONNECT_URL. Resolves to the exit code and output (also when it is not 0).
 */
export async function runRepoCli(
  main: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !EXPLICIT.includes(k)));
  try {
    const r = await exec(process.execPath, ['--conditions=@ecom/source', '--import', 'tsx', main, ...args], {
      cwd: REPO_ROOT,
      env: { ...base, CI: 'true', ...env },
      timeout: timeoutMs,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as Error & { code?: unknown; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/**
 * Starts `main` (a path from the repository root) with `args` as a long-running child process (stdout and stderr
 * to `log`, a file descriptor), with the environment of {@link runRepoCli}.
 */
export function spawnRepoCli(
  main: string,
  args: readonly string[],
  env: Record<string, string>,
  log: number,
): ChildProcess {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !EXPLICIT.includes(k)));
  return spawn(process.execPath, ['--conditions=@ecom/source', '--import', 'tsx', main, ...args], {
    cwd: REPO_ROOT,
    env: { ...base, CI: 'true', ...env },
    stdio: ['ignore', log, log],
  });
}

/** Runs the simulator CLI on `databaseUrl`; throws with its output when it fails. Async: a source can keep reading. */
export async function runSimulator(databaseUrl: string, args: readonly string[]): Promise<void> {
  const r = await runRepoCli('apps/simulator/src/main.ts', args, { DATABASE_URL: databaseUrl });
  if (r.code !== 0) throw new Error(`simulator ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
}
