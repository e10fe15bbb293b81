/**
 * SQL between {@link JobResult}s and the `job_results` / `job_outbox` tables (migration 6 of `@ecom/domain`):
 * one statement per batch through `unnest`, window bounds as exact epoch-ms intervals, values as JSON text.
 */
import { compareResultIds, latestById } from '../results/result-id.js';
import type { JobResult, JsonValue } from '../stream-job.js';
import type { PgQueryable } from './pg-transaction.js';

const INPUT = `input AS (
  SELECT job, 'epoch'::timestamptz + ws * interval '1 millisecond' AS window_start,
         'epoch'::timestamptz + we * interval '1 millisecond' AS window_end, key, topic, value
    FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[])
      AS t(job, ws, we, key, topic, value)
)`;
const UPSERT = `upserted AS (
  INSERT INTO job_results AS r (job, window_start, window_end, key, topic, value)
  SELECT job, window_start, window_end, key, topic, value::jsonb FROM input
  ON CONFLICT (job, window_start, window_end, key) DO UPDATE SET topic = EXCLUDED.topic, value = EXCLUDED.value
    WHERE (r.topic, r.value) IS DISTINCT FROM (EXCLUDED.topic, EXCLUDED.value)
  RETURNING job, window_start, window_end, key
)`;
const ENQUEUE = `enqueued AS (
  INSERT INTO job_outbox AS o (job, window_start, window_end, key, topic, value)
  SELECT i.job, i.window_start, i.window_end, i.key, i.topic, i.value::json
    FROM input i JOIN upserted u USING (job, window_start, window_end, key)
  ON CONFLICT (job, window_start, window_end, key) DO UPDATE SET topic = EXCLUDED.topic, value = EXCLUDED.value
)`;
const UPSERT_SQL = `WITH ${INPUT}, ${UPSERT} SELECT count(*)::int AS changed FROM upserted`;
const UPSERT_AND_ENQUEUE_SQL = `WITH ${INPUT}, ${UPSERT}, ${ENQUEUE} SELECT count(*)::int AS changed FROM upserted`;

/**
 * Columns selected to rebuild a result (window bounds back to exact epoch ms) from `job_results` or `job_outbox`.
 *
 * @example
 * const sql = `SELECT ${RESULT_ID_COLUMNS} FROM job_results WHERE job = $1`;
 */
export const RESULT_ID_COLUMNS = `job, (extract(epoch FROM window_start) * 1000)::bigint AS window_start_ms,
  (extract(epoch FROM window_end) * 1000)::bigint AS window_end_ms, key, topic, value`;

/**
 * A row selected with {@link RESULT_ID_COLUMNS} (bigints arrive as decimal strings).
 *
 * @example
 * const row: ResultRow = { job: 'revenue', window_start_ms: '0', window_end_ms: '60000', key: 'all', topic: 't', value: null };
 */
export interface ResultRow {
  job: string;
  window_start_ms: string;
  window_end_ms: string;
  key: string;
  topic: string;
  value: { [field: string]: JsonValue } | null;
}

/**
 * The {@link JobResult} of a row selected with {@link RESULT_ID_COLUMNS}.
 *
 * @example
 * fromResultRow({ job: 'revenue', window_start_ms: '0', window_end_ms: '60000', key: 'all', topic: 't', value: null }).id.windowEnd; // 60000
 */
export function fromResultRow(row: ResultRow): JobResult {
  return {
    topic: row.topic,
    id: {
      job: row.job,
      windowStart: Number(row.window_start_ms),
      windowEnd: Number(row.window_end_ms),
      key: row.key,
    },
    value: row.value,
  };
}

/**
 * Upserts the latest result per id into `job_results` in one statement (rows in key order, so concurrent batches
 * lock them in the same order) and returns how many rows changed: a result equal to the stored one is not
 * rewritten. With `enqueue`, every changed row is also queued in `job_outbox` for the relay. Validate the results
 * first (`assertResults`).
 *
 * @example
 * import pg from 'pg';
 * const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' });
 * const results: JobResult[] = [];
 * await upsertResults(client, results, { enqueue: true }); // how many rows changed
 */
export async function upsertResults(
  db: PgQueryable,
  results: readonly JobResult[],
  options: { enqueue: boolean },
): Promise<number> {
  if (results.length === 0) return 0;
  const rows = latestById(results).sort(compareResultIds);
  const { rows: out } = await db.query<{ changed: number }>(
    options.enqueue ? UPSERT_AND_ENQUEUE_SQL : UPSERT_SQL,
    [
      rows.map((r) => r.id.job),
      rows.map((r) => r.id.windowStart),
      rows.map((r) => r.id.windowEnd),
      rows.map((r) => r.id.key),
      rows.map((r) => r.topic),
      rows.map((r) => (r.value === null ? null : JSON.stringify(r.value))),
    ],
  );
  return out[0]?.changed ?? 0;
}

/**
 * Every stored result of `job`, in window then key order (retractions included, `value: null`).
 *
 * @example
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' });
 * const stored: JobResult[] = await readJobResults(pool, 'revenue');
 */
export async function readJobResults(db: PgQueryable, job: string): Promise<JobResult[]> {
  const { rows } = await db.query<ResultRow>(
    `SELECT ${RESULT_ID_COLUMNS} FROM job_results WHERE job = $1 ORDER BY window_start, window_end, key COLLATE "C"`,
    [job],
  );
  return rows.map(fromResultRow);
}
