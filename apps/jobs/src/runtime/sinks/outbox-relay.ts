/**
 * Copies committed results from `job_outbox` to the external sinks (compacted topics, JSON-lines files) and
 * removes them once the sinks have them: the only path by which results leave PostgreSQL, so no sink ever shows a
 * result whose checkpoint was not committed.
 */
import { JobRuntimeError } from '../errors.js';
import { inTransaction, type PgPool } from '../postgres/pg-transaction.js';
import { fromResultRow, RESULT_ID_COLUMNS, type ResultRow } from '../postgres/result-rows.js';
import type { ResultSink } from './result-sink.js';

/**
 * Options of {@link relayOutbox}.
 *
 * @example
 * const options: RelayOptions = { job: 'revenue', sink: { name: 'null', write: async () => undefined }, batchSize: 500 };
 */
export interface RelayOptions {
  readonly job: string;
  /** Where the results go; combine several with `allSinks`. */
  readonly sink: ResultSink;
  /** Rows per pass (default 500). */
  readonly batchSize?: number;
}

function sinkError(sink: ResultSink, error: unknown): JobRuntimeError {
  if (error instanceof JobRuntimeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new JobRuntimeError('SINK_FAILED', `sink ${sink.name}: ${message}`, {
    retriable: true,
    cause: error,
  });
}

/**
 * One relay pass: locks up to `batchSize` of the job's oldest outbox rows (`FOR UPDATE SKIP LOCKED`, so concurrent
 * relays take disjoint rows), writes them to the sink, deletes them, commits; resolves to how many it relayed (0:
 * the outbox is empty). If the sink fails, nothing is deleted and the error (`SINK_FAILED`, retriable) is thrown: the
 * next pass sends the rows again, which the idempotent sinks absorb. A commit that changes a row being relayed waits
 * for the pass, so a newer value is always sent after an older one.
 *
 * @example
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' });
 * const sink = await JsonLinesFileSink.open('/var/out/revenue.jsonl');
 * while ((await relayOutbox(pool, { job: 'revenue', sink })) > 0);
 */
export async function relayOutbox(pool: PgPool, options: RelayOptions): Promise<number> {
  const { job, sink, batchSize = 500 } = options;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new JobRuntimeError(
      'INVALID_COMMIT',
      `relay batchSize must be a positive integer, got ${String(batchSize)}`,
    );
  }
  return inTransaction(pool, `relay ${job} to ${sink.name}`, async (client) => {
    const { rows } = await client.query<ResultRow & { seq: string }>(
      `SELECT seq, ${RESULT_ID_COLUMNS} FROM job_outbox WHERE job = $1 ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [job, batchSize],
    );
    if (rows.length === 0) return 0;
    try {
      await sink.write(rows.map(fromResultRow));
    } catch (error) {
      throw sinkError(sink, error);
    }
    await client.query('DELETE FROM job_outbox WHERE seq = ANY($1::bigint[])', [rows.map((row) => row.seq)]);
    return rows.length;
  });
}
