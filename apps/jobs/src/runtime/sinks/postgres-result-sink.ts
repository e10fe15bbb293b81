/**
 * The Postgres result table as a {@link ResultSink}: `job_results` upserted by result id.
 */
import { storeError, type PgQueryable } from '../postgres/pg-transaction.js';
import { upsertResults } from '../postgres/result-rows.js';
import { assertResults } from '../results/validate-results.js';
import type { JobResult } from '../stream-job.js';
import type { ResultSink } from './result-sink.js';

/**
 * Upserts results into `job_results` through `db`: a pool (each batch is one statement, so atomic on its own) or
 * a client inside a transaction. The checkpoint store writes results through this sink inside its commit
 * transaction (and queues them for the relay there); use it on its own only for a job without checkpoints.
 *
 * @example
 * import pg from 'pg';
 * const sink = new PostgresResultSink(new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' }));
 * await sink.write([{ topic: 'statistics_revenue', id: { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' }, value: null }]);
 */
export class PostgresResultSink implements ResultSink {
  readonly name = 'postgres';
  readonly #db: PgQueryable;
  readonly #enqueue: boolean;

  /** `enqueue`: also queue the changed results in `job_outbox` (default `false`). */
  constructor(db: PgQueryable, options: { enqueue?: boolean } = {}) {
    this.#db = db;
    this.#enqueue = options.enqueue ?? false;
  }

  /** Validates and upserts the batch. */
  async write(results: readonly JobResult[]): Promise<void> {
    await this.upsert(results);
  }

  /** Like {@link PostgresResultSink.write}, resolving to how many rows changed (equal values are not rewritten). */
  async upsert(results: readonly JobResult[], job?: string): Promise<number> {
    assertResults(results, job);
    try {
      return await upsertResults(this.#db, results, { enqueue: this.#enqueue });
    } catch (error) {
      throw storeError(error, 'write job_results');
    }
  }
}
