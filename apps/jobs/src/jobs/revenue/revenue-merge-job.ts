/**
 * Phase two of the scaled-out revenue job: one merging task over every source partition's partials. Per window it
 * keeps each input's latest partial and their sum, and emits exactly what the single-process core emits (the
 * shared `RevenueEmission`): the result when the watermark (the minimum over the inputs' watermarks, an idle
 * input skipped) passes the window's end, corrections, retractions, the trend, the correction horizon.
 */
import { MIN_TIMESTAMP } from '@ecom/windowing';
import type { JobResult, JsonValue, MergeStageCore } from '../../runtime/stream-job.js';
import { invalidSnapshot, snapshotMismatch } from '../job-error.js';
import { MergeInputs, type MergeInputsOptions } from '../merge-inputs.js';
import { formatHundredths, parseHundredths } from '../decimal.js';
import { MergedWindows } from './merged-windows.js';
import {
  REVENUE_JOB_NAME,
  resolveRevenueOptions,
  type RevenueJobConfig,
  type RevenueJobOptions,
} from './options.js';
import { isExpired, RevenueEmission, type EmissionState } from './revenue-emission.js';
import type { RevenueJobMetrics } from './revenue-job-types.js';
import { readPartial, type RevenuePartial } from './revenue-partial.js';
import type { RevenueValue } from './revenue-value.js';

/**
 * Options of {@link createRevenueMergeJob}: the revenue options (the same as the partial stage's), the inputs (one
 * per source partition, e.g. `'ecommerce-cdc.public.orders:0'`) and how long an input may stay silent before it
 * stops holding the watermark back (processing time, ms; 0 = never).
 *
 * @example
 * const options: RevenueMergeOptions = { inputs: ['orders:0', 'orders:1'], idleTimeoutMs: 30_000 };
 */
export interface RevenueMergeOptions extends RevenueJobOptions, MergeInputsOptions {}

/**
 * A partial that came after the merging stage forgot its window (its input was idle while the others moved the
 * watermark past the correction horizon): reported, never applied silently.
 *
 * @example
 * const late: LatePartialReport = { input: 'orders:1', window: 0, watermark: 90_000_000 };
 */
export interface LatePartialReport {
  readonly input: string;
  readonly window: number;
  readonly watermark: number;
}

/**
 * The merging stage's core, with its watermark and counters.
 *
 * @example
 * const merge: RevenueMergeJob = createRevenueMergeJob({ inputs: ['orders:0'] });
 * merge.onInputWatermark('orders:0', 59_999);
 */
export interface RevenueMergeJob extends MergeStageCore {
  readonly config: RevenueJobConfig;
  readonly watermark: number;
  readonly metrics: Readonly<RevenueJobMetrics>;
  drainTooLate(): LatePartialReport[];
  /** Early results of the windows open by the merged watermark (`final: false`), see `MergeStageCore.emitEarly`. */
  emitEarly(): void;
}

const MERGE_FORMAT = 'ecom-jobs/revenue-merge/2';
/** Format 1 (before corrections were coalesced per drain) had no `changed`: read as none. */
const READABLE_FORMATS: readonly unknown[] = ['ecom-jobs/revenue-merge/1', MERGE_FORMAT];

class RevenueMergeCore implements RevenueMergeJob {
  readonly name = REVENUE_JOB_NAME;
  private windows = new MergedWindows();
  private state: EmissionState & { tooLate: LatePartialReport[] } = {
    watermark: MIN_TIMESTAMP,
    pending: [],
    changed: new Set(),
    tooLate: [],
    metrics: { records: 0, results: 0, corrections: 0, retractions: 0, tooLate: 0 },
  };
  private readonly emission: RevenueEmission;

  constructor(
    readonly config: RevenueJobConfig,
    private readonly inputs: MergeInputs,
  ) {
    this.emission = new RevenueEmission(
      this.name,
      config,
      {
        get: (start) => this.windows.get(start),
        figures: (start) => this.windows.figures(start),
        ascending: () => this.windows.ascending(),
        freeze: (start) => this.windows.freeze(start),
        delete: (start) => this.windows.delete(start),
      },
      () => this.state,
    );
  }

  get watermark(): number {
    return this.state.watermark;
  }

  get metrics(): Readonly<RevenueJobMetrics> {
    return { ...this.state.metrics };
  }

  onPartial(input: string, result: JobResult): void {
    const partial = readPartial(result, this.config.windowSize);
    this.inputs.activity(input);
    this.state.metrics.records += 1;
    if (isExpired(partial.start, this.state.watermark, this.config)) {
      this.state.metrics.tooLate += 1;
      this.state.tooLate.push({ input, window: partial.start, watermark: this.state.watermark });
      return;
    }
    this.windows.put(input, partial);
    this.emission.refreshAround(partial.start, partial.start);
  }

  onInputWatermark(input: string, watermark: number): void {
    if (this.inputs.watermark(input, watermark)) this.advance();
  }

  checkIdle(): void {
    if (this.inputs.checkIdle()) this.advance();
  }

  emitEarly(): void {
    this.emission.emitEarly();
  }

  drain(): JobResult[] {
    this.emission.flush();
    const out = this.state.pending;
    this.state.pending = [];
    return out;
  }

  drainTooLate(): LatePartialReport[] {
    const out = this.state.tooLate;
    this.state.tooLate = [];
    return out;
  }

  snapshot(): JsonValue {
    const windows = this.windows.all().map((w) =>
      w.frozen
        ? { start: w.start, count: w.count, revenue: formatHundredths(w.cents) }
        : {
            start: w.start,
            parts: [...w.parts].map(([input, p]) => [
              input,
              p.orders,
              formatHundredths(p.cents),
              [...p.customers],
            ]),
            emitted: w.emitted,
          },
    );
    return structuredClone({
      format: MERGE_FORMAT,
      config: { ...this.config, inputs: [...this.inputs.names] },
      watermark: this.state.watermark,
      watermarks: this.inputs.snapshot(),
      windows,
      pending: this.state.pending,
      changed: [...this.state.changed].sort((a, b) => a - b),
      tooLate: this.state.tooLate,
      metrics: this.state.metrics,
    }) as unknown as JsonValue;
  }

  restore(snapshot: JsonValue): void {
    const bad = (why: string): never => {
      throw invalidSnapshot(this.name, why);
    };
    const s = snapshot as Record<string, unknown> | null;
    if (typeof s !== 'object' || s === null || !READABLE_FORMATS.includes(s['format']))
      bad('not a revenue merge snapshot');
    const c =
      (s as { config?: { windowSize?: unknown; correctionHorizon?: unknown; inputs?: unknown } }).config ??
      {};
    const mine = { ...this.config, inputs: [...this.inputs.names] };
    if (
      c.windowSize !== mine.windowSize ||
      c.correctionHorizon !== mine.correctionHorizon ||
      JSON.stringify(c.inputs) !== JSON.stringify(mine.inputs)
    ) {
      throw snapshotMismatch(this.name, c, mine);
    }
    const o = s as {
      watermark: unknown;
      watermarks: unknown;
      windows: unknown;
      pending: unknown;
      changed?: unknown;
      tooLate: unknown;
      metrics: unknown;
    };
    if (
      !Number.isSafeInteger(o.watermark) ||
      !Array.isArray(o.windows) ||
      !Array.isArray(o.pending) ||
      !Array.isArray(o.tooLate) ||
      !(o.changed === undefined || (Array.isArray(o.changed) && o.changed.every(Number.isSafeInteger)))
    ) {
      bad('watermark, windows, pending, changed or tooLate missing');
    }
    const windows = new MergedWindows();
    for (const w of o.windows as Record<string, unknown>[]) {
      const start = w['start'];
      if (!Number.isSafeInteger(start)) bad('a window start is not an integer');
      if (w['parts'] === undefined) {
        const cents = parseHundredths(w['revenue']);
        if (cents === undefined || !Number.isSafeInteger(w['count']))
          bad(`frozen window ${String(start)} has no figures`);
        windows.loadFrozen(start as number, w['count'] as number, cents as bigint);
        continue;
      }
      if (!Array.isArray(w['parts'])) bad(`window ${String(start)}: parts is not a list`);
      for (const part of w['parts'] as unknown[]) {
        const [input, orders, revenue, customers] = part as [unknown, unknown, unknown, unknown];
        const cents = parseHundredths(revenue);
        if (
          typeof input !== 'string' ||
          !Number.isSafeInteger(orders) ||
          cents === undefined ||
          !Array.isArray(customers)
        ) {
          bad(`window ${String(start)}: a part is malformed`);
        }
        const p: RevenuePartial = {
          start: start as number,
          orders: orders as number,
          cents: cents as bigint,
          customers: customers as number[],
        };
        windows.put(input as string, p);
      }
      const merged = windows.get(start as number);
      if (merged !== undefined) merged.emitted = (w['emitted'] ?? null) as RevenueValue | null;
    }
    this.inputs.restore(o.watermarks);
    this.windows = windows;
    this.state = {
      watermark: o.watermark as number,
      pending: o.pending as JobResult[],
      changed: new Set((o.changed ?? []) as number[]),
      tooLate: o.tooLate as LatePartialReport[],
      metrics: { ...(o.metrics as RevenueJobMetrics) },
    };
  }

  private advance(): void {
    const combined = this.inputs.combined;
    if (combined > this.state.watermark) this.emission.advance(combined);
  }
}

/**
 * Creates phase two of the two-phase revenue job: the one task that merges every source partition's partials
 * (from `createRevenuePartialsJob`) into the same `statistics_revenue` results the single-process core emits.
 * Throws `INVALID_OPTION` for bad options; a partial from an unknown input throws `INVALID_OPTION` too.
 *
 * @example
 * const merge = createRevenueMergeJob({ inputs: ['orders:0', 'orders:1'], idleTimeoutMs: 30_000 });
 * merge.onInputWatermark('orders:0', 59_999);
 * merge.onInputWatermark('orders:1', 59_999);
 * merge.drain(); // results of the windows that closed
 */
export function createRevenueMergeJob(options: RevenueMergeOptions): RevenueMergeJob {
  const config = resolveRevenueOptions(options);
  return new RevenueMergeCore(config, new MergeInputs(REVENUE_JOB_NAME, options));
}
