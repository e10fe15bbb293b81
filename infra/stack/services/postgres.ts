import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { logTail } from '../log-tail.js';
import { serviceDir, type ServiceDefinition } from '../service-definition.js';
import { VERSIONS, type StackConfig } from '../stack-config.js';
import { StackError } from '../stack-error.js';

const run = promisify(execFile);
const isRoot = () => process.getuid?.() === 0;

/** Settings for logical decoding (Debezium/pgoutput) and fast throw-away tests. */
export const POSTGRES_SETTINGS: Readonly<Record<string, string>> = {
  wal_level: 'logical',
  max_wal_senders: '10',
  max_replication_slots: '10',
  max_connections: '200',
  shared_buffers: '128MB',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
};

/** Role with REPLICATION that CDC consumers may use (trust auth on 127.0.0.1, so no password needed). */
export const CDC_ROLE = 'ecom_cdc';
/** Database created for the project's tests. */
export const APP_DATABASE = 'ecom';

/**
 * Where the cluster lives: `<stack>/postgres`, unless we run as root and the `postgres` user cannot reach that
 * folder (a checkout under /root, say). initdb refuses root, so the cluster then lives under the system temp dir.
 */
function pgHome(cfg: StackConfig): string {
  const preferred = serviceDir(cfg, 'postgres');
  if (!isRoot()) return preferred;
  const reachable = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dirname(preferred)]).status === 0;
  if (reachable) return preferred;
  const id = createHash('sha256').update(preferred).digest('hex').slice(0, 12);
  return join(tmpdir(), `ecom-stack-postgres-${id}`);
}

const dataDir = (cfg: StackConfig) => join(pgHome(cfg), 'data');

async function asPostgres(cfg: StackConfig, bin: string, args: string[]) {
  const exe = join(cfg.pgBin, bin);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  try {
    return await run(cmd, argv, { timeout: 120_000 });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new StackError('postgres', `${bin} failed: ${e.message.split('\n')[0]}`, `${e.stdout ?? ''}${e.stderr ?? ''}\n${logTail(postgresService.logFile(cfg))}`);
  }
}

/** A pg client config for the stack's server (superuser `postgres`, trust auth). */
export function postgresClientConfig(cfg: StackConfig, database = 'postgres'): pg.ClientConfig {
  return { host: '127.0.0.1', port: cfg.ports.postgres, user: 'postgres', database, connectionTimeoutMillis: 2000 };
}

/**
 * PostgreSQL 15 from the Debian binaries: private cluster under `.stack/postgres`, run as the `postgres` user.
 *
 * @example
 * ```ts
 * await postgresService.prepare(cfg);
 * const { pid } = await postgresService.start(cfg);
 * ```
 */
export const postgresService: ServiceDefinition = {
  name: 'postgres',
  deps: [],
  version: VERSIONS.postgres,
  ports: (cfg) => [cfg.ports.postgres],
  endpoint: (cfg) => `postgres://postgres@127.0.0.1:${cfg.ports.postgres}/${APP_DATABASE}`,
  logFile: (cfg) => join(pgHome(cfg), 'postgres.log'),

  async prepare(cfg) {
    for (const bin of ['initdb', 'pg_ctl', 'postgres']) {
      if (!existsSync(join(cfg.pgBin, bin))) {
        throw new StackError(
          'postgres',
          `PostgreSQL server binary ${join(cfg.pgBin, bin)} is missing: apt-get install postgresql-15 (or set ECOM_STACK_PG_BIN)`,
        );
      }
    }
  },

  async start(cfg) {
    mkdirSync(serviceDir(cfg, 'postgres'), { recursive: true });
    const dir = pgHome(cfg);
    mkdirSync(dir, { recursive: true });
    if (isRoot()) {
      const { uid, gid } = postgresIds();
      chownSync(dir, uid, gid);
    }
    if (!existsSync(join(dataDir(cfg), 'PG_VERSION'))) {
      await asPostgres(cfg, 'initdb', ['-D', dataDir(cfg), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
    }
    const opts = [
      `-p ${cfg.ports.postgres}`,
      `-c listen_addresses=127.0.0.1`,
      `-c unix_socket_directories=${dir}`,
      ...Object.entries(POSTGRES_SETTINGS).map(([k, v]) => `-c ${k}=${v}`),
    ].join(' ');
    await asPostgres(cfg, 'pg_ctl', ['-D', dataDir(cfg), '-l', postgresService.logFile(cfg), '-o', opts, '-w', '-t', '60', 'start']);
    const pid = Number(readFileSync(join(dataDir(cfg), 'postmaster.pid'), 'utf8').split('\n')[0]);
    return { pid, marker: dataDir(cfg) };
  },

  async healthy(cfg) {
    const client = new pg.Client(postgresClientConfig(cfg));
    try {
      await client.connect();
      const res = await client.query<{ wal_level: string }>('SHOW wal_level');
      return res.rows[0]?.wal_level === 'logical';
    } finally {
      await client.end().catch(() => undefined);
    }
  },

  async afterHealthy(cfg) {
    const client = new pg.Client(postgresClientConfig(cfg));
    await client.connect();
    try {
      await client.query(
        `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${CDC_ROLE}') THEN CREATE ROLE ${CDC_ROLE} WITH LOGIN REPLICATION; END IF; END $$`,
      );
      const db = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DATABASE]);
      if (db.rowCount === 0) await client.query(`CREATE DATABASE ${APP_DATABASE}`);
      await client.query(`GRANT ALL PRIVILEGES ON DATABASE ${APP_DATABASE} TO ${CDC_ROLE}`);
    } finally {
      await client.end();
    }
  },

  async stop(cfg) {
    if (!existsSync(join(dataDir(cfg), 'postmaster.pid'))) return;
    await asPostgres(cfg, 'pg_ctl', ['-D', dataDir(cfg), '-m', 'fast', '-w', '-t', '30', 'stop']).catch(() => undefined);
  },

  compose: (cfg) => ({
    image: `postgres:${VERSIONS.postgres}`,
    environment: { POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: APP_DATABASE },
    command: ['postgres', '-p', String(cfg.ports.postgres), '-c', 'listen_addresses=127.0.0.1', ...Object.entries(POSTGRES_SETTINGS).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    configFiles: [
      {
        name: 'postgres-init.sql',
        target: '/docker-entrypoint-initdb.d/10-ecom.sql',
        content: `CREATE ROLE ${CDC_ROLE} WITH LOGIN REPLICATION;\nGRANT ALL PRIVILEGES ON DATABASE ${APP_DATABASE} TO ${CDC_ROLE};\n`,
      },
    ],
    healthcheck: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-p', String(cfg.ports.postgres), '-U', 'postgres'],
  }),
};

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) {
    throw new StackError('postgres', 'running as root but there is no `postgres` user: apt-get install postgresql-15 creates it (initdb refuses root)');
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
