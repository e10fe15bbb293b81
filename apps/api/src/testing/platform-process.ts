// `npm start` as a real process for the one-command specs and benchmark: started in its own process group on a data
// folder (so a SIGKILL of the group kills it and its children at once, as a crash would), its state file read for
// the API and database URLs, its output kept for failure messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../platform/app-process.js';
import { PLATFORM_STATE_FILE, type PlatformState } from '../platform/start-platform.js';

/**
 * One `npm start` process (`node apps/api/src/start.ts --data-dir <dir>`), not started yet.
 *
 * @example
 * const platform = new PlatformProcess('/tmp/ecom-test', { PORT: '0' });
 * const state = await platform.start();
 * await platform.stop();
 */
export class PlatformProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | string> = Promise.resolve(0);
  private output = '';
  /** Milliseconds from the last `start()` call to its state file. */
  startMs = 0;

  constructor(
    readonly dataDir: string,
    private readonly env: Readonly<Record<string, string>> = {},
  ) {}

  /** Spawns it and resolves with its {@link PlatformState} once it serves (or rejects with its output). */
  async start(timeoutMs = 180_000): Promise<PlatformState> {
    const began = Date.now();
    const child = spawn(
      process.execPath,
      ['--conditions=@ecom/source', '--import', 'tsx', 'apps/api/src/start.ts', '--data-dir', this.dataDir],
      {
        cwd: REPO_ROOT,
        detached: true,
        env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...this.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(code ?? signal ?? 0)),
    );
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`npm start exited (${child.exitCode ?? child.signalCode}):\n${this.output}`);
      const state = this.state();
      if (state !== null && state.pid === child.pid) {
        this.startMs = Date.now() - began;
        return state;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`npm start did not serve within ${timeoutMs / 1000} s:\n${this.output}`);
  }

  /** The state file of the running platform, `null` when absent. */
  state(): PlatformState | null {
    try {
      return JSON.parse(readFileSync(join(this.dataDir, PLATFORM_STATE_FILE), 'utf8')) as PlatformState;
    } catch {
      return null;
    }
  }

  /** SIGKILL to the whole process group (the platform and every child it started: a crash). */
  async kill(): Promise<void> {
    if (this.child?.pid !== undefined && this.child.exitCode === null)
      process.kill(-this.child.pid, 'SIGKILL');
    await this.exited;
  }

  /** SIGINT to the process group, as Ctrl-C in a terminal; resolves with the exit code. */
  async stop(): Promise<number | string> {
    if (this.child?.pid !== undefined && this.child.exitCode === null)
      process.kill(-this.child.pid, 'SIGINT');
    return this.exited;
  }

  /** What it printed so far. */
  log(): string {
    return this.output;
  }
}
