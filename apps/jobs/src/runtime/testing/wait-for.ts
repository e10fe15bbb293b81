/**
 * Waiting helpers for the runtime's concurrency tests against a real PostgreSQL.
 */
import type { PgQueryable } from '../postgres/pg-transaction.js';

/**
 * Polls `condition` every 20 ms until it holds; throws after `timeoutMs` (default 10 s).
 *
 * @example
 * let done = false;
 * setTimeout(() => (done = true), 50);
 * await waitFor(async () => done);
 */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for the condition`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * How many sessions of the current database are waiting for a lock (a commit blocked by a claim or a relay).
 *
 * @example
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' });
 * await waitFor(async () => (await lockWaiters(pool)) >= 1);
 */
export async function lockWaiters(db: PgQueryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
  );
  return rows[0]?.n ?? 0;
}
