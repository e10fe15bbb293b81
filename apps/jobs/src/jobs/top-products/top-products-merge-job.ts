/**
 * The merging stage of the scaled-out top-products job: one task over every partial stage. Per window it keeps each
 * partial stage's latest totals per product and ranks their sums exactly as the single-process core ranks its
 * items (the same rows, result ids, corrections and retractions), with the products and categories as tables,
 * firing when its watermark (the minimum of the partial stages', an idle one skipped) passes a window's end.
 */
import { toMinorUnits } from '@ecom/domain';
import { MIN_TIMESTAMP } from '@ecom/windowing';
import { z } from 'zod';
import type { JobResult, JsonValue, MergeStageCore } from '../../runtime/stream-job.js';
import { invalidSnapshot, JobError } from '../job-error.js';
import { MergeInputs, type MergeInputsOptions } from '../merge-inputs.js';
import { openWindows, readyWindows } from './dirty-windows.js';
import { EmittedResults, emitEarlyWindow, emitWindow } from './emitted-results.js';
import { isClosed, topProductsConfig, type TopProductsConfig, type TopProductsOptions } from './options.js';
import { ProductTable } from './product-table.js';
import { checkStageSnapshot, decodeTable, encodeTable, optionsOf, SNAPSHOT_PARTS } from './snapshot.js';
import { formatHundredths } from '../decimal.js';
import { MergedTotals } from './merged-totals.js';
import { readStageRecord } from './stage-records.js';
import { windowRows } from './window-rows.js';

const MERGE_FORMAT = 'ecom-jobs/top-products-merge/1';

/**
 * Options of {@link createTopProductsMergeJob}: the job's options and its inputs (one per partial stage).
 *
 * @example
 * const options: TopProductsMergeOptions = { inputs: ['ecom-jobs.top-products.keyed:0'], n: 5 };
 */
export interface TopProductsMergeOptions extends TopProductsOptions, MergeInputsOptions {}

/**
 * Totals that came after the merging stage closed their window (their partial stage was idle while the others
 * moved the watermark past the correction horizon): reported, never applied silently.
 *
 * @example
 * const late: LateTotalsReport = { input: 'keyed:1', window: 0, productId: 7, watermark: 90_000_000 };
 */
export interface LateTotalsReport {
  readonly input: string;
  readonly window: number;
  readonly productId: number;
  readonly watermark: number;
}

/**
 * Counters of the merging stage: `records` read, `firings`, `results` and `retractions` emitted, `tooLate` totals.
 *
 * @example
 * const m: TopProductsMergeMetrics = { records: 0, firings: 0, results: 0, retractions: 0, tooLate: 0 };
 */
export interface TopProductsMergeMetrics {
  records: number;
  firings: number;
  results: number;
  retractions: number;
  tooLate: number;
}

/**
 * The merging stage's core, with its watermark and counters.
 *
 * @example
 * const merge: TopProductsMergeJob = createTopProductsMergeJob({ inputs: ['keyed:0'] });
 * merge.onInputWatermark('keyed:0', 59_999);
 */
export interface TopProductsMergeJob extends MergeStageCore {
  readonly config: TopProductsConfig;
  readonly watermark: number;
  readonly metrics: Readonly<TopProductsMergeMetrics>;
  drainTooLate(): LateTotalsReport[];
  /** Early rows of the windows open by the merged watermark (`final: false`), see `MergeStageCore.emitEarly`. */
  emitEarly(): void;
  stateSize(): { windows: number; products: number; categories: number; emittedWindows: number };
}

const int = z.int();
const snapshotSchema = z.object({
  format: z.literal(MERGE_FORMAT),
  config: SNAPSHOT_PARTS.config,
  inputs: z.array(z.string()),
  untimed: z.array(z.string()),
  watermark: int,
  watermarks: z.unknown(),
  products: SNAPSHOT_PARTS.products,
  categories: SNAPSHOT_PARTS.categories,
  /** `[window start, [[product_id, [[input, quantity, revenue], …]], …]]` */
  parts: z.array(z.tuple([int, z.array(z.tuple([int, z.array(z.tuple([z.string(), int, z.string()]))]))])),
  emitted: SNAPSHOT_PARTS.emitted,
  dirty: SNAPSHOT_PARTS.dirty,
  output: SNAPSHOT_PARTS.output,
  tooLate: z.array(z.object({ input: z.string(), window: int, productId: int, watermark: int })),
  metrics: z.object({ records: int, firings: int, results: int, retractions: int, tooLate: int }),
});

interface MergeState {
  watermark: number;
  readonly table: ProductTable;
  readonly parts: MergedTotals;
  readonly emitted: EmittedResults;
  readonly dirty: Set<number>;
  readonly output: JobResult[];
  readonly tooLate: LateTotalsReport[];
  readonly metrics: TopProductsMergeMetrics;
}

class TopProductsMerge implements TopProductsMergeJob {
  readonly name: string;
  private state: MergeState;
  private readonly rowsOf: ReturnType<typeof windowRows>;

  constructor(
    readonly config: TopProductsConfig,
    private readonly inputs: MergeInputs,
  ) {
    this.name = config.name;
    this.state = this.empty();
    this.rowsOf = windowRows(config);
  }

  private empty(): MergeState {
    return {
      watermark: MIN_TIMESTAMP,
      table: new ProductTable(),
      parts: new MergedTotals(),
      emitted: new EmittedResults(this.config.name, this.config.windowSize),
      dirty: new Set(),
      output: [],
      tooLate: [],
      metrics: { records: 0, firings: 0, results: 0, retractions: 0, tooLate: 0 },
    };
  }

  get watermark(): number {
    return this.state.watermark;
  }

  get metrics(): Readonly<TopProductsMergeMetrics> {
    return { ...this.state.metrics };
  }

  private closed(window: number): boolean {
    return isClosed(this.config, window, this.state.watermark);
  }

  /** Marks the open windows that hold a product `affects`. */
  private markWindowsWith(affects: (productId: number) => boolean): void {
    const { parts } = this.state;
    for (const window of parts.windows()) {
      if (this.closed(window)) continue;
      for (const productId of parts.sums(window)?.keys() ?? []) {
        if (affects(productId)) {
          this.state.dirty.add(window);
          break;
        }
      }
    }
  }

  onPartial(input: string, result: JobResult): void {
    this.inputs.activity(input);
    const record = readStageRecord(this.name, this.config.windowSize, result);
    const { state } = this;
    if (record.kind === 'change') {
      const { change } = record;
      if (change.table === 'products') {
        state.metrics.records++;
        if (state.table.setProduct(change.id, change.after)) this.markWindowsWith((p) => p === change.id);
        return;
      }
      if (change.table === 'categories') {
        state.metrics.records++;
        if (state.table.setCategory(change.id, change.after))
          this.markWindowsWith((p) => state.table.categoryOf(p) === change.id);
        return;
      }
      throw new JobError(this.name, 'INVALID_RECORD', `the merging stage reads totals, not ${change.table}`, {
        raw: result,
      });
    }
    state.metrics.records++;
    const { window, productId, totals } = record;
    if (this.closed(window)) {
      state.metrics.tooLate++;
      state.tooLate.push({ input, window, productId, watermark: state.watermark });
      return;
    }
    const figures = totals && { quantity: totals.quantity, cents: toMinorUnits(totals.revenue) }; // checked money
    state.parts.put(window, productId, input, figures);
    state.dirty.add(window);
    state.dirty.add(window + this.config.windowSize); // its trending reads this window
  }

  onInputWatermark(input: string, watermark: number): void {
    if (this.inputs.watermark(input, watermark)) this.advance();
  }

  checkIdle(): void {
    if (this.inputs.checkIdle()) this.advance();
  }

  drain(): JobResult[] {
    this.flush();
    return this.state.output.splice(0);
  }

  drainTooLate(): LateTotalsReport[] {
    return this.state.tooLate.splice(0);
  }

  stateSize() {
    const { parts, table, emitted } = this.state;
    return {
      windows: parts.size,
      products: table.products.size,
      categories: table.categories.size,
      emittedWindows: emitted.windows.size,
    };
  }

  /** The rows of a window from the current sums and tables. */
  private rows(window: number) {
    const { parts, table } = this.state;
    return this.rowsOf(window, parts.sums(window), parts.sums(window - this.config.windowSize), table);
  }

  /** Recomputes every changed window the watermark has reached, in window order, and emits the differences. */
  private flush(): void {
    const { state, config } = this;
    for (const window of readyWindows(state.dirty, config.windowSize, state.watermark)) {
      state.dirty.delete(window);
      state.metrics.firings++;
      emitWindow(state.emitted, window, this.rows(window), state);
    }
  }

  /** Early rows (`final: false`) of every window open by the merged watermark, where they changed. */
  emitEarly(): void {
    const { state, config } = this;
    for (const window of openWindows(state.dirty, config.windowSize, state.watermark))
      emitEarlyWindow(state.emitted, window, this.rows(window), state.output);
  }

  /** The hundredths of a snapshot's revenue (money, as the partial stages sent it). */
  private money(revenue: string): bigint {
    try {
      return toMinorUnits(revenue);
    } catch (e) {
      throw invalidSnapshot(this.name, `revenue ${revenue} is not money`, e);
    }
  }

  private advance(): void {
    const combined = this.inputs.combined;
    if (combined <= this.state.watermark) return;
    const { state, config } = this;
    state.watermark = combined;
    this.flush();
    for (const window of [...state.emitted.windows.keys()])
      if (this.closed(window)) state.emitted.forget(window);
    for (const window of [...state.parts.windows()])
      if (this.closed(window + config.windowSize)) state.parts.drop(window);
    for (const window of [...state.dirty]) if (this.closed(window)) state.dirty.delete(window);
  }

  snapshot(): JsonValue {
    const { state } = this;
    const snapshot: z.input<typeof snapshotSchema> = {
      format: MERGE_FORMAT,
      config: optionsOf(this.config),
      inputs: [...this.inputs.names],
      untimed: [...this.inputs.untimed],
      watermark: state.watermark,
      watermarks: this.inputs.snapshot(),
      ...encodeTable(state.table),
      parts: [...state.parts.entries()].map(([window, products]) => [
        window,
        [...products].map(([productId, byInput]) => [
          productId,
          [...byInput].map(
            ([input, t]) => [input, t.quantity, formatHundredths(t.cents)] as [string, number, string],
          ),
        ]),
      ]),
      emitted: [...state.emitted.windows].map(([start, rows]) => [start, [...rows]]),
      dirty: [...state.dirty],
      output: structuredClone(state.output) as z.input<typeof snapshotSchema>['output'],
      tooLate: state.tooLate.map((l) => ({ ...l })),
      metrics: { ...state.metrics },
    };
    return snapshot as JsonValue;
  }

  restore(snapshot: JsonValue): void {
    const parsed = snapshotSchema.safeParse(snapshot);
    if (!parsed.success) throw invalidSnapshot(this.name, z.prettifyError(parsed.error), parsed.error);
    const s = parsed.data;
    checkStageSnapshot(this.config, this.inputs.identity(), s);
    const state = this.empty();
    state.watermark = s.watermark;
    decodeTable(state.table, s);
    for (const [window, products] of s.parts)
      for (const [productId, byInput] of products)
        for (const [input, quantity, revenue] of byInput)
          state.parts.put(window, productId, input, { quantity, cents: this.money(revenue) });
    for (const [start, rows] of s.emitted) state.emitted.windows.set(start, new Map(rows));
    for (const w of s.dirty) state.dirty.add(w);
    state.output.push(...(s.output as JobResult[]));
    state.tooLate.push(...s.tooLate);
    Object.assign(state.metrics, s.metrics);
    this.inputs.restore(s.watermarks);
    this.state = state;
  }
}

/**
 * Creates the merging stage of the scaled-out top-products job: it turns the partial stages' totals into the same
 * `statistics_top_product` results the single-process core emits.
 *
 * @throws JobError `INVALID_OPTION` for bad options; `onPartial` throws `INVALID_RECORD` for a record that is neither
 * totals nor a product or category change, `INVALID_OPTION` for an unknown input.
 *
 * @example
 * import { totalsResult } from './stage-records.js';
 * const merge = createTopProductsMergeJob({ inputs: ['keyed:0'] });
 * merge.onPartial('keyed:0', totalsResult('top-products', 0, 60_000, 7, { quantity: 2, revenue: '10.00' }));
 * merge.onInputWatermark('keyed:0', 59_999);
 * merge.drain(); // quantity/1, revenue/1, trending/1, category/unknown for window [0, 60 000)
 */
export function createTopProductsMergeJob(options: TopProductsMergeOptions): TopProductsMergeJob {
  const config = topProductsConfig(options);
  return new TopProductsMerge(config, new MergeInputs(config.name, options));
}
