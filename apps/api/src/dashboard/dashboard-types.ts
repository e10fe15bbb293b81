/**
 * What the dashboard's event stream carries: the jobs' outputs as PostgreSQL holds them (`job_results` values and
 * `fraud_alerts` rows, verbatim), with window bounds as epoch ms, plus the pipeline-health figures.
 */

/** A JSON value as the jobs store them (`job_results.value`, `fraud_alerts.evidence`). */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * One `job_results` row of a windowed job: the window bounds (epoch ms, end exclusive) and the job's value as
 * stored (money as exact decimal strings; `final: false` marks an early result of an open window).
 *
 * @example
 * const w: ResultWindow = { start: 0, end: 60_000, key: 'all', value: { metric: 'revenue', total_revenue: '10.00' } };
 */
export interface ResultWindow {
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly value: { readonly [field: string]: Json };
}

/**
 * The ranked rows of one top-products job's newest window: `quantity/<rank>` and `revenue/<rank>` rows.
 *
 * @example
 * const t: TopProductsWindow = { job: 'top-products', start: 0, end: 60_000, rows: [] };
 */
export interface TopProductsWindow {
  readonly job: string;
  readonly start: number;
  readonly end: number;
  readonly rows: readonly ResultWindow[];
}

/**
 * One `fraud_alerts` row; `event_time` and `created_at` are ISO-8601 UTC (millisecond precision).
 *
 * @example
 * const a: AlertItem = {
 *   id: 'velocity-1m/7/o42', rule_id: 'velocity-1m', customer_id: 7, severity: 'high',
 *   event_time: '2026-12-04T18:00:00.000Z', created_at: '2026-12-04T18:00:01.000Z',
 *   summary: '6 orders within 1 minute (more than 5)', evidence: { kind: 'velocity', value: '6' },
 * };
 */
export interface AlertItem {
  readonly id: string;
  readonly rule_id: string;
  readonly customer_id: number;
  readonly severity: string;
  readonly event_time: string;
  readonly created_at: string;
  readonly summary: string;
  readonly evidence: { readonly [field: string]: Json };
}

/**
 * Counters only a job process holds (its `TaskRunner.metrics`): an in-process composition passes them to the
 * dashboard; against the stand-alone jobs app they are `null` (read them from its `/metrics`).
 *
 * @example
 * const c: PipelineCounters = { deadLetters: 0, lateEvents: 2 };
 */
export interface PipelineCounters {
  /** Records dead-lettered (undecodable, invalid, refused by a core). */
  readonly deadLetters: number;
  /** Changes past the correction horizon. */
  readonly lateEvents: number;
  /** Kafka consumer lag (records), when the process knows it. */
  readonly consumerLag?: number;
  /** The last run of each scheduled batch task (`npm start`'s schedule), newest first. */
  readonly scheduledRuns?: readonly {
    readonly task: string;
    readonly startedAt: string;
    readonly durationMs: number;
    readonly outcome: 'ok' | 'failed';
  }[];
}

/**
 * The pipeline's health as far as PostgreSQL shows it (see the README's Dashboard section for each figure's source).
 *
 * @example
 * const h: PipelineHealth = {
 *   at: '2026-12-04T18:00:00.000Z', eventsPerSecond: 12.5, slots: [], jobs: [], resultDelays: [],
 *   outbox: 0, alertDeliveries: { pending: 0, deadLettered: 0 }, counters: null,
 * };
 */
export interface PipelineHealth {
  /** When the figures were read (server clock). */
  readonly at: string;
  /** Row changes per second on the shop tables (the CDC event rate), `null` until two samples exist. */
  readonly eventsPerSecond: number | null;
  /** Logical replication slots of this database: WAL bytes not yet confirmed by their consumer. */
  readonly slots: readonly {
    readonly name: string;
    readonly active: boolean;
    readonly lagBytes: string | null;
  }[];
  /** Per checkpointed job (stage): partitions, last commit, offsets per second on Kafka sources. */
  readonly jobs: readonly {
    readonly job: string;
    readonly partitions: number;
    readonly lastCommit: string;
    readonly offsetsPerSecond: number | null;
  }[];
  /** Per result job: processing time now minus the end of its newest final window (bounds the watermark delay). */
  readonly resultDelays: readonly {
    readonly job: string;
    readonly windowEnd: string;
    readonly delaySeconds: number;
  }[];
  /** Results committed but not yet relayed to the output topics (`job_outbox`). */
  readonly outbox: number;
  /** Fraud alert webhook deliveries (`alert_deliveries`). */
  readonly alertDeliveries: { readonly pending: number; readonly deadLettered: number };
  /** In-process counters, or `null` when this process does not run the jobs. */
  readonly counters: PipelineCounters | null;
}

/**
 * Everything the page shows, as the first event of every connection.
 *
 * @example
 * const s: DashboardSnapshot = { revenue: [], topProducts: [], alerts: [], alertLimit: 1000, health: null };
 */
export interface DashboardSnapshot {
  /** The revenue job's newest windows, oldest first. */
  readonly revenue: readonly ResultWindow[];
  /** One entry per top-products job that has results. */
  readonly topProducts: readonly TopProductsWindow[];
  /** The newest alerts, newest first (at most `alertLimit`). */
  readonly alerts: readonly AlertItem[];
  readonly alertLimit: number;
  readonly health: PipelineHealth | null;
}
