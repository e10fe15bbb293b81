/**
 * The contract between a job's pure core (revenue, top products, fraud…) and the runtime that feeds it: the runtime
 * decodes CDC records into typed domain records (@ecom/cdc `toDomainRecord`), advances event time, and writes what
 * `drain()` returns to idempotent sinks; it checkpoints `snapshot()` together with the source offsets.
 */
import type { DomainRecord } from '@ecom/cdc';
import type { ShopTableName } from '@ecom/domain';

/**
 * A JSON value, as results travel to Kafka (JSON), Postgres (jsonb) and JSON-lines files.
 *
 * @example
 * const v: JsonValue = { total_revenue: '2099.98', total_orders: 1 };
 */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * The identity of one result: (job, window, key). It is the key of the compacted output topic and the primary key
 * of the Postgres result table, so writing a result again (after a restart or a correction) replaces it.
 *
 * @example
 * const id: ResultId = { job: 'revenue', windowStart: 1_764_000_000_000, windowEnd: 1_764_000_060_000, key: 'all' };
 */
export interface ResultId {
  readonly job: string;
  /** Epoch ms, inclusive. */
  readonly windowStart: number;
  /** Epoch ms, exclusive. */
  readonly windowEnd: number;
  /** The job's grouping key within the window (`'all'` for a global figure, a product id, a customer id…). */
  readonly key: string;
}

/**
 * One output of a job: the latest truth for its {@link ResultId}, or `null` to retract it (every order of a fired
 * window was cancelled). Money inside `value` is an exact decimal string.
 *
 * @example
 * const r: JobResult = {
 *   topic: 'statistics_revenue',
 *   id: { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' },
 *   value: { metric: 'revenue', total_orders: 2, total_revenue: '150000.00' },
 * };
 */
export interface JobResult {
  /** Output topic (the original's names: `statistics_revenue`, `statistics_top_product`, …). */
  readonly topic: string;
  readonly id: ResultId;
  readonly value: { readonly [field: string]: JsonValue } | null;
}

/**
 * A job's pure core: no I/O, event time only, exact money, snapshot and restore for checkpoints. The runtime calls
 * `onRecord` for every decoded record of the job's tables (in each source partition's order), `onWatermark` when
 * event time advances, and `drain` after each batch.
 *
 * @example
 * import type { DomainRecord } from '@ecom/cdc';
 * function feed(job: StreamJobCore, records: readonly DomainRecord[], watermark: number): JobResult[] {
 *   for (const record of records) if (job.tables.includes(record.table)) job.onRecord(record);
 *   job.onWatermark(watermark);
 *   for (const late of job.drainTooLate()) console.warn('too late', late);
 *   return job.drain();
 * }
 */
export interface StreamJobCore {
  readonly name: string;
  /** The shop tables the job reads. */
  readonly tables: readonly ShopTableName[];
  /** One decoded, validated change. Throws a typed error (an `EcomError`) for a record it cannot use. */
  onRecord(record: DomainRecord): void;
  /** Event time advanced to `watermark` (epoch ms): fire the windows it closes. */
  onWatermark(watermark: number): void;
  /** Returns and clears the results produced since the last call, in production order. */
  drain(): JobResult[];
  /**
   * Returns and clears the changes that arrived after the job's correction horizon (their window's state was already
   * dropped), as JSON-safe reports: the runtime dead-letters and counts them, so none is lost silently.
   */
  drainTooLate(): readonly object[];
  /** A JSON-safe copy of the whole state. */
  snapshot(): JsonValue;
  /** Replaces the state with a snapshot from a core built with the same options. */
  restore(snapshot: JsonValue): void;
  /**
   * Optional early results (issue 12, "Emission": every N events or T seconds of processing time, for dashboards):
   * emits, for the next `drain()`, the current figures of the windows that are still open (not yet closed by the
   * watermark) as early results, marked `final: false` in their value. A later early or final result for the same
   * `ResultId` replaces it (final results and corrections are the same with or without early results), and a
   * window that got an early result and then loses all its orders gets a retraction (`null`). A stage that emits
   * partials emits its open windows' partials instead. The runtime decides when (its `EarlyTrigger`,
   * runtime/run/early-trigger.ts: after a batch, once each record's watermark is applied, before `drain()`); a core
   * without it emits no early results.
   */
  emitEarly?(): void;
}

/**
 * The merging task of a two-phase job (a global aggregate): it receives the partials that the job's per-partition
 * cores emitted (their `drain()` results, routed through a repartition topic) and each input's watermark, and
 * emits the final results. An input is one upstream task (`'<topic>:<partition>'`). A partial replaces the
 * input's previous partial for the same result id, so a resent one is harmless.
 *
 * @example
 * function feed(merge: MergeStageCore, input: string, partials: readonly JobResult[], watermark: number): JobResult[] {
 *   for (const partial of partials) merge.onPartial(input, partial);
 *   merge.onInputWatermark(input, watermark);
 *   return merge.drain();
 * }
 */
export interface MergeStageCore {
  readonly name: string;
  /** One upstream partial. Throws a typed error (an `EcomError`) for one it cannot use. */
  onPartial(input: string, partial: JobResult): void;
  /** The input's watermark advanced (epoch ms). */
  onInputWatermark(input: string, watermark: number): void;
  /** Marks inputs idle that were silent too long (processing time) and fires what that closes. */
  checkIdle(): void;
  drain(): JobResult[];
  drainTooLate(): readonly object[];
  snapshot(): JsonValue;
  restore(snapshot: JsonValue): void;
  /** The merged watermark (epoch ms), when the core exposes it: for metrics. */
  readonly watermark?: number;
  /**
   * Optional early results, as {@link StreamJobCore.emitEarly}: the open windows (by the merged watermark) get early
   * results marked `final: false`, replaced by later early or final results, retracted if they lose all their
   * orders. A keyed stage emits its open windows' partials instead (they replace earlier partials of the same id
   * at the merge).
   */
  emitEarly?(): void;
}

/**
 * The keyed stage of a job that re-keys (a {@link MergeStageCore} per partition of its keyed topic, fed by every
 * source partition): its results are partials for the merging task, sent on with its watermark.
 *
 * @example
 * function forward(stage: KeyedStageCore): { partials: JobResult[]; watermark: number } {
 *   return { partials: stage.drain(), watermark: stage.watermark };
 * }
 */
export interface KeyedStageCore extends MergeStageCore {
  /** The combined watermark of the stage's inputs (epoch ms). */
  readonly watermark: number;
}
