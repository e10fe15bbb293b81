/**
 * The dashboard's SQL, all parameterised and each served by an index: the jobs' `job_results` (primary key
 * job, window_start, window_end, key), `fraud_alerts` (event_time index), and small status reads.
 */
import { SHOP_TABLE_NAMES } from '@ecom/domain';
import type { Queryable } from '../db.js';
import type { AlertItem, ResultWindow, TopProductsWindow } from './dashboard-types.js';

/** The revenue job's `ResultId.job` (apps/jobs, 1-minute windows). */
export const REVENUE_JOB = 'revenue';

/**
 * The top-products jobs by window size (apps/jobs' names: the size is appended unless it is 1 minute). `jobs run`
 * registers only `top-products` (1 minute) today; the others show when a process runs them.
 *
 * @example
 * TOP_PRODUCTS_JOBS['5m']; // 'top-products-5m'
 */
export const TOP_PRODUCTS_JOBS = {
  '1m': 'top-products',
  '5m': 'top-products-5m',
  '1h': 'top-products-1h',
} as const;

const BOUNDS = `(extract(epoch FROM window_start) * 1000)::bigint::text AS start_ms,
  (extract(epoch FROM window_end) * 1000)::bigint::text AS end_ms`;

type WindowRow = { start_ms: string; end_ms: string; key: string; value: ResultWindow['value'] };

const toWindow = (r: WindowRow): ResultWindow => ({
  start: Number(r.start_ms),
  end: Number(r.end_ms),
  key: r.key,
  value: r.value,
});

/**
 * The newest `limit` revenue windows that hold a value (retracted ones are left out), oldest first.
 *
 * @example
 * const windows = await readRevenueWindows(pool, 60);
 * windows.at(-1)?.value['total_revenue']; // '125980000.00'
 */
export async function readRevenueWindows(db: Queryable, limit: number): Promise<ResultWindow[]> {
  const { rows } = await db.query<WindowRow>(
    `SELECT ${BOUNDS}, key, value FROM job_results
      WHERE job = $1 AND key = 'all' AND value IS NOT NULL
      ORDER BY window_start DESC, window_end DESC LIMIT $2`,
    [REVENUE_JOB, limit],
  );
  return rows.map(toWindow).reverse();
}

/**
 * Per top-products job, its newest window with results, and that window's `quantity/<rank>` and `revenue/<rank>`
 * rows (rank order). Jobs without results are left out.
 *
 * @example
 * const [latest] = await readTopProducts(pool, ['top-products']);
 * latest?.rows.filter((r) => r.key.startsWith('quantity/')).length; // ≤ 10
 */
export async function readTopProducts(db: Queryable, jobs: readonly string[]): Promise<TopProductsWindow[]> {
  const { rows } = await db.query<WindowRow & { job: string }>(
    `SELECT j.job, ${BOUNDS.replaceAll('window_', 'r.window_')}, r.key, r.value
       FROM unnest($1::text[]) AS j(job)
       CROSS JOIN LATERAL (
         SELECT window_start, window_end FROM job_results
          WHERE job = j.job AND value IS NOT NULL
          ORDER BY window_start DESC, window_end DESC LIMIT 1) latest
       JOIN job_results r
         ON r.job = j.job AND r.window_start = latest.window_start AND r.window_end = latest.window_end
      WHERE r.value IS NOT NULL AND (starts_with(r.key, 'quantity/') OR starts_with(r.key, 'revenue/'))`,
    [[...jobs]],
  );
  const byJob = new Map<string, TopProductsWindow & { rows: ResultWindow[] }>();
  for (const r of rows) {
    const entry = byJob.get(r.job) ?? {
      job: r.job,
      start: Number(r.start_ms),
      end: Number(r.end_ms),
      rows: [],
    };
    entry.rows.push(toWindow(r));
    byJob.set(r.job, entry);
  }
  return jobs.flatMap((job) => {
    const entry = byJob.get(job);
    if (entry === undefined) return [];
    entry.rows.sort(byMetricThenRank);
    return [entry];
  });
}

/** `quantity/2` before `quantity/10`, every `quantity/…` before `revenue/…`. */
function byMetricThenRank(a: ResultWindow, b: ResultWindow): number {
  const [ma = '', ra = ''] = a.key.split('/');
  const [mb = '', rb = ''] = b.key.split('/');
  return ma === mb ? Number(ra) - Number(rb) : ma < mb ? -1 : 1;
}

type AlertRow = Omit<AlertItem, 'event_time' | 'created_at'> & { event_time: Date; created_at: Date };

/**
 * The newest alerts (event time, then id, descending), at most `limit`; with `since` (ISO-8601), only those whose
 * event time is at or after it.
 *
 * @example
 * const newest = await readAlerts(pool, { limit: 1000 });
 * const recent = await readAlerts(pool, { limit: 1000, since: '2026-12-04T18:00:00.000Z' });
 */
export async function readAlerts(
  db: Queryable,
  options: { readonly limit: number; readonly since?: string },
): Promise<AlertItem[]> {
  const columns = 'id, rule_id, customer_id, severity, event_time, created_at, summary, evidence';
  const { rows } =
    options.since === undefined
      ? await db.query<AlertRow>(
          `SELECT ${columns} FROM fraud_alerts ORDER BY event_time DESC, id DESC LIMIT $1`,
          [options.limit],
        )
      : await db.query<AlertRow>(
          `SELECT ${columns} FROM fraud_alerts WHERE event_time >= $2::timestamptz
            ORDER BY event_time DESC, id DESC LIMIT $1`,
          [options.limit, options.since],
        );
  return rows.map((r) => ({
    ...r,
    event_time: new Date(r.event_time).toISOString(),
    created_at: new Date(r.created_at).toISOString(),
  }));
}

/**
 * The raw health figures PostgreSQL holds (rates are computed by the caller from two samples).
 *
 * @example
 * const raw: RawHealth = await readRawHealth(pool, ['revenue']);
 */
export interface RawHealth {
  /** Server clock, epoch ms. */
  readonly nowMs: number;
  /** Σ inserted + updated + deleted rows of the shop tables (pg_stat_user_tables), a decimal string. */
  readonly shopChanges: string;
  readonly slots: readonly { name: string; active: boolean; lagBytes: string | null }[];
  readonly checkpoints: readonly {
    job: string;
    partitions: number;
    lastCommitMs: number;
    /** Σ next offsets of the job's Kafka partitions (numeric offsets only), or `null`. */
    kafkaOffsets: string | null;
  }[];
  readonly finalWindowEnds: readonly { job: string; endMs: number }[];
  readonly outbox: number;
  readonly alertDeliveries: { pending: number; deadLettered: number };
}

/**
 * Reads {@link RawHealth}: five small statements, run one after the other on `db`.
 *
 * @example
 * const raw = await readRawHealth(pool, ['revenue', 'top-products']);
 * raw.slots; // [{ name: 'ecom_jobs', active: true, lagBytes: '0' }]
 */
export async function readRawHealth(db: Queryable, resultJobs: readonly string[]): Promise<RawHealth> {
  const stats = await db.query<{ now_ms: string; changes: string | null }>(
    `SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS now_ms,
            (SELECT sum(n_tup_ins + n_tup_upd + n_tup_del)::text FROM pg_stat_user_tables
              WHERE relname = ANY($1::text[]) AND schemaname = ANY(current_schemas(false))) AS changes`,
    [[...SHOP_TABLE_NAMES]],
  );
  const slots = await db.query<{ slot_name: string; active: boolean; lag: string | null }>(
    `SELECT slot_name, active,
            CASE WHEN pg_is_in_recovery() THEN NULL
                 ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint::text END AS lag
       FROM pg_replication_slots WHERE database = current_database() AND slot_type = 'logical'
      ORDER BY slot_name`,
    [],
  );
  const checkpoints = await db.query<{
    job: string;
    partitions: number;
    last_ms: string;
    offsets: string | null;
  }>(
    `SELECT job, count(*)::int AS partitions,
            (extract(epoch FROM max(updated_at)) * 1000)::bigint::text AS last_ms,
            sum(next_offset::numeric) FILTER (WHERE next_offset ~ '^[0-9]{1,18}$')::text AS offsets
       FROM job_checkpoints WHERE NOT starts_with(source, '#') GROUP BY job ORDER BY job`,
    [],
  );
  const ends = await db.query<{ job: string; end_ms: string }>(
    `SELECT j.job, (extract(epoch FROM f.window_end) * 1000)::bigint::text AS end_ms
       FROM unnest($1::text[]) AS j(job)
       CROSS JOIN LATERAL (
         SELECT window_end FROM job_results
          WHERE job = j.job AND value IS NOT NULL AND NOT (value ? 'final')
          ORDER BY window_start DESC, window_end DESC LIMIT 1) f`,
    [[...resultJobs]],
  );
  const queues = await db.query<{ outbox: number; pending: number; dead: number }>(
    `SELECT (SELECT count(*)::int FROM job_outbox) AS outbox,
            count(*) FILTER (WHERE state = 'pending')::int AS pending,
            count(*) FILTER (WHERE state = 'dead_lettered')::int AS dead
       FROM alert_deliveries`,
    [],
  );
  const [now] = stats.rows;
  const [queue] = queues.rows;
  return {
    nowMs: Number(now?.now_ms ?? Date.now()),
    shopChanges: now?.changes ?? '0',
    slots: slots.rows.map((r) => ({ name: r.slot_name, active: r.active, lagBytes: r.lag })),
    checkpoints: checkpoints.rows.map((r) => ({
      job: r.job,
      partitions: r.partitions,
      lastCommitMs: Number(r.last_ms),
      kafkaOffsets: r.offsets,
    })),
    finalWindowEnds: ends.rows.map((r) => ({ job: r.job, endMs: Number(r.end_ms) })),
    outbox: queue?.outbox ?? 0,
    alertDeliveries: { pending: queue?.pending ?? 0, deadLettered: queue?.dead ?? 0 },
  };
}
