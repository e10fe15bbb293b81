import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root (apps/api/src/platform → ../../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * One of the workspace's apps run as a child process of `npm start`, from source as its npm script runs it
 * (`node --conditions=@ecom/source --import tsx <main>`), its output appended to a log file.
 *
 * @example
 * const jobs = startAppProcess({ name: 'jobs', main: 'apps/jobs/src/main.ts', args: ['list'], env: {}, log: '/tmp/jobs.log' });
 * await jobs.exited;
 */
export interface AppProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<number | NodeJS.Signals>;
}

/**
 * Options of {@link startAppProcess}.
 *
 * @example
 * const options: AppProcessOptions = { name: 'simulator', main: 'apps/simulator/src/main.ts', args: ['db', 'init'], env: {}, log: '/tmp/sim.log' };
 */
export interface AppProcessOptions {
  readonly name: string;
  /** The entry point, from the repository root. */
  readonly main: string;
  readonly args: readonly string[];
  /** Added to this process's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** The log file (appended). */
  readonly log: string;
}

/**
 * Starts an app of the workspace as a child process ({@link AppProcess}). The child stays in this process's group,
 * so a terminal's Ctrl-C or a `kill` of the group reaches it too.
 *
 * @example
 * const sim = startAppProcess({ name: 'simulator', main: 'apps/simulator/src/main.ts', args: ['tables'], env: {}, log: '/tmp/sim.log' });
 * console.log(await sim.exited); // 0
 */
export function startAppProcess(options: AppProcessOptions): AppProcess {
  const fd = openSync(options.log, 'a');
  const child = spawn(
    process.execPath,
    ['--conditions=@ecom/source', '--import', 'tsx', options.main, ...options.args],
    { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 0));
    child.once('error', () => resolve(1));
  });
  return {
    name: options.name,
    child,
    exited,
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * Runs an app to completion ({@link startAppProcess}) and throws, naming it and its log, when it fails.
 *
 * @example
 * await runAppProcess({ name: 'migrations', main: 'apps/simulator/src/main.ts', args: ['db', 'init'], env: {}, log: '/tmp/sim.log' });
 */
export async function runAppProcess(options: AppProcessOptions): Promise<void> {
  const result = await startAppProcess(options).exited;
  if (result !== 0) throw new Error(`${options.name} failed (exit ${result}); see ${options.log}`);
}
