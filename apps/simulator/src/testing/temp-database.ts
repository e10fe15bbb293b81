// Test helper: a uniquely named PostgreSQL database per test file, on the real server (DATABASE_URL's server, default
// postgres://postgres@127.0.0.1:5432/postgres). Outside CI an unreachable server skips with a printed reason; with
// CI=true the suite fails and says why.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The admin URL tests create their databases with. */
export const ADMIN_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why PostgreSQL is unreachable, or null when it answers (checked synchronously, once per file). */
export function probePostgres(url = ADMIN_URL): string | null {
  const script =
    "const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });" +
    'c.connect().then(() => c.end()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });';
  const result = spawnSync(process.execPath, ['-e', script, url], { encoding: 'utf8', timeout: 15_000 });
  return result.status === 0
    ? null
    : result.stderr.trim() || result.error?.message || `exit ${String(result.status)}`;
}

/**
 * `describe` when PostgreSQL is reachable; otherwise a failing suite in CI, or a skipped one with a printed reason.
 */
export function describePostgres(name: string, body: () => void): void {
  const unreachable = probePostgres();
  const redacted = ADMIN_URL.replace(/\/\/[^@/]*@/, '//***@');
  if (unreachable === null) {
    describe(name, body);
  } else if (process.env['CI'] === 'true') {
    describe(name, () => {
      it('needs a reachable PostgreSQL', () => {
        throw new Error(`PostgreSQL at ${redacted} is unreachable (CI=true, not skipping): ${unreachable}`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": PostgreSQL at ${redacted} is unreachable (${unreachable}).`);
    describe.skip(name, body);
  }
}

/** Creates an empty, uniquely named database and returns its URL and a drop function. */
export async function createTempDatabase(
  prefix: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
