import { fork } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './app-process.js';

/**
 * The embedded PostgreSQL of `npm start`, kept by its own process (src/platform/postgres-keeper.ts): its URL, and
 * `stop()`, which asks the keeper to shut the server down and waits for it.
 *
 * @example
 * declare const pg: PostgresProcess;
 * console.log(pg.url);
 * await pg.stop();
 */
export interface PostgresProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts the keeper of the embedded PostgreSQL in its own process group (so Ctrl-C in a terminal reaches the
 * platform first, which stops the jobs before the database), with the cluster in `<dataDir>/postgres` and its log
 * in `<dataDir>/logs/postgres.log`; resolves once the server accepts connections. The keeper stops the server when
 * asked, and also when this process dies (its IPC channel closes).
 *
 * @example
 * const pg = await startPostgresProcess('.ecom');
 * await pg.stop();
 */
export async function startPostgresProcess(dataDir: string, port = 0): Promise<PostgresProcess> {
  const fd = openSync(join(dataDir, 'logs', 'postgres.log'), 'a');
  const child = fork(join(REPO_ROOT, 'apps/api/src/platform/postgres-keeper.ts'), [], {
    cwd: REPO_ROOT,
    detached: true,
    execArgv: ['--conditions=@ecom/source', '--import', 'tsx'],
    env: { ...process.env, ECOM_DATA_DIR: dataDir, ECOM_PG_PORT: String(port) },
    stdio: ['ignore', fd, fd, 'ipc'],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { ready?: string; failed?: string }) =>
      m.ready ? resolve(m.ready) : reject(new Error(m.failed ?? 'the embedded PostgreSQL failed')),
    );
    child.once('exit', (code) =>
      reject(
        new Error(`the embedded PostgreSQL exited (${code}); see ${join(dataDir, 'logs', 'postgres.log')}`),
      ),
    );
  });
  return {
    url,
    async stop() {
      if (child.connected) child.send('stop');
      await exited;
    },
  };
}
