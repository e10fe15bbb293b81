/**
 * Job instances as real processes (`jobs run <job>` from source), for the crash and scale-out specs: started with
 * an environment, killed with SIGKILL (no clean-up, no leave-group: the broker notices after the session timeout).
 */
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The workspace's one way to run a repository CLI from source (libs/cdc/test, not published): reused, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { spawnRepoCli } from '../../../../libs/cdc/test/repo-cli.js';

/**
 * One instance (`job`: one job name, or several separated by spaces, run in one process): `start()` spawns it (output appended to `<logDir>/<id>.log`), `kill()` SIGKILLs it and waits for
 * the exit.
 *
 * @example
 * const instance = new JobInstance('revenue', 'a', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecom' }, '/tmp');
 * instance.start();
 * await instance.kill();
 */
export class JobInstance {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Starts so far. */
  starts = 0;

  constructor(
    readonly job: string,
    readonly id: string,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get logPath(): string {
    return join(this.logDir, `${this.id}.log`);
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) throw new Error(`instance ${this.id} is already running`);
    const log = openSync(this.logPath, 'a');
    const child = spawnRepoCli(
      'apps/jobs/src/main.ts',
      ['run', ...this.job.split(' ')],
      { JOBS_METRICS_PORT: '0', ...this.env, JOBS_INSTANCE_ID: this.id }, // instances share the host
      log,
    );
    closeSync(log);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
    this.starts++;
  }

  /** SIGKILL (as a crash), then waits until the process is gone. */
  async kill(): Promise<void> {
    if (this.running) this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (a clean stop), then waits. */
  async stop(): Promise<void> {
    if (this.running) this.child?.kill('SIGTERM');
    await this.exited;
  }

  /** The instance's output so far (for failure messages). */
  log(): string {
    try {
      return readFileSync(this.logPath, 'utf8');
    } catch {
      return '';
    }
  }
}
