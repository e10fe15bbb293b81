/**
 * Where test suites find PostgreSQL, and a synchronous reachability probe (jest collects suites synchronously).
 */
import { spawnSync } from 'node:child_process';

/**
 * The admin connection tests create and drop their databases with: `DATABASE_URL`, else the machine's server.
 *
 * @example
 * ```ts
 * testAdminUrl(); // 'postgres://postgres@127.0.0.1:5432/postgres' unless DATABASE_URL is set
 * ```
 */
export function testAdminUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * A connection URL with its credentials masked, for messages and logs.
 *
 * @example
 * ```ts
 * redactUrl('postgres://app:s3cret@db:5432/shop'); // 'postgres://***@db:5432/shop'
 * ```
 */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

const PROBE_SCRIPT =
  "const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });" +
  'c.connect().then(() => c.end()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });';

const probed = new Map<string, string | null>();

/**
 * Why PostgreSQL at `url` cannot be used, or `null` when it answers. Synchronous (a child process connects with
 * `pg`), and asked once per URL per test file.
 *
 * @example
 * ```ts
 * probePostgres(); // null, or 'connect ECONNREFUSED 127.0.0.1:5432'
 * ```
 */
export function probePostgres(url: string = testAdminUrl()): string | null {
  const known = probed.get(url);
  if (known !== undefined) return known;
  const result = spawnSync(process.execPath, ['-e', PROBE_SCRIPT, url], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  const reason =
    result.status === 0
      ? null
      : result.stderr.trim() || result.error?.message || `exit ${String(result.status)}`;
  probed.set(url, reason);
  return reason;
}
