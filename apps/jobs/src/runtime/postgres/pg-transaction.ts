/**
 * Transactions on a `pg` pool, with PostgreSQL's failures turned into the runtime's typed errors.
 */
import type pg from 'pg';
import { JobRuntimeError } from '../errors.js';

/**
 * What the Postgres adapters need of a pool: `pg.Pool` fits (tests wrap one to inject failures).
 *
 * @example
 * import pg from 'pg';
 * const pool: PgPool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' });
 */
export type PgPool = Pick<pg.Pool, 'connect' | 'query'>;

/**
 * Something `query` can be sent to: a pool, or a client inside a transaction.
 *
 * @example
 * import pg from 'pg';
 * const db: PgQueryable = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' });
 */
export type PgQueryable = Pick<pg.ClientBase, 'query'>;

// Connection failures, shutdowns, serialization failures, deadlocks, lock timeouts, too many connections.
const RETRIABLE_SQLSTATE = /^(08|57P0[123]|40001|40P01|55P03|53300|53400)/;
const RETRIABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The runtime's error for a failed PostgreSQL call: `STORE_UNAVAILABLE` (retriable) when the server could not be
 * reached, went away or aborted the transaction for concurrency, else `STORE_FAILED`. A {@link JobRuntimeError} passes
 * through unchanged.
 *
 * @example
 * storeError(new Error('Connection terminated unexpectedly'), 'commit revenue').code; // 'STORE_UNAVAILABLE'
 */
export function storeError(error: unknown, what: string): JobRuntimeError {
  if (error instanceof JobRuntimeError) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  const retriable =
    typeof code === 'string'
      ? RETRIABLE_SQLSTATE.test(code) || RETRIABLE_ERRNO.has(code)
      : /connection|terminat|timeout/i.test(text);
  const sqlstate = typeof code === 'string' ? ` [${code}]` : '';
  return new JobRuntimeError(
    retriable ? 'STORE_UNAVAILABLE' : 'STORE_FAILED',
    `${what}: ${text}${sqlstate}`,
    {
      retriable,
      cause: error,
    },
  );
}

/**
 * Runs `work` in one transaction on a pooled client: COMMIT on success; on any error ROLLBACK (or drop the broken
 * connection) and throw it as a typed error ({@link storeError}). A `STORE_UNAVAILABLE` from COMMIT leaves the
 * outcome unknown: retry only work that is idempotent (a checkpoint commit is). Give the pool an `'error'` listener
 * for idle connections.
 *
 * @example
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' });
 * await inTransaction(pool, 'bump epoch', (client) => client.query("SELECT nextval('job_checkpoint_epoch_seq')"));
 */
export async function inTransaction<T>(
  pool: PgPool,
  what: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw storeError(error, what);
  }
  let broken = false;
  // A connection that dies while checked out emits 'error' on the client: note it instead of crashing the process.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const value = await work(client);
    await client.query('COMMIT');
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw storeError(error, what);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
