/**
 * The top-products job's pure core (issue 12 §3): order_items joined with orders in the job state, products and
 * categories as tables, exact per-window rankings with corrections and retractions. See README.md.
 */
import type { DomainRecord } from '@ecom/cdc';
import type { ShopTableName } from '@ecom/domain';
import type { JobResult, JsonValue, StreamJobCore } from '../../runtime/stream-job.js';
import { invalidWatermark } from '../job-error.js';
import type { LateChange, TopProductsMetrics } from './late-change.js';
import { isClosed, topProductsConfig, type TopProductsConfig, type TopProductsOptions } from './options.js';
import { applyJoinChange, evictJoin, originOf } from './join-changes.js';
import { TOP_PRODUCTS_TABLES, toTableChange } from './record-changes.js';
import { readyWindows, openWindows } from './dirty-windows.js';
import { emitEarlyWindow, emitWindow } from './emitted-results.js';
import { decodeState, encodeState } from './snapshot.js';
import { emptyState, type TopProductsState } from './top-products-state.js';
import { windowRows } from './window-rows.js';

/**
 * A top-products job: a {@link StreamJobCore} plus its late-change reports, counters and state sizes.
 *
 * @example
 * const job: TopProductsJob = createTopProductsJob({ windowSize: 300_000 });
 * job.name; // 'top-products-5m'
 */
export interface TopProductsJob extends StreamJobCore {
  readonly config: TopProductsConfig;
  /** The current watermark (epoch ms); `MIN_TIMESTAMP` before the first. */
  readonly watermark: number;
  readonly metrics: Readonly<TopProductsMetrics>;
  /** Returns and clears the changes reported as not counted since the last call (see {@link LateChange}). */
  drainTooLate(): LateChange[];
  /** Early rows of the open windows (`final: false`), see `StreamJobCore.emitEarly`. */
  emitEarly(): void;
  /** Orders, items (and those waiting for their order), products, categories, windows with orders or results. */
  stateSize(): {
    orders: number;
    items: number;
    waitingItems: number;
    products: number;
    categories: number;
    windows: number;
    emittedWindows: number;
  };
}

class TopProductsCore implements TopProductsJob {
  readonly name: string;
  readonly tables: readonly ShopTableName[] = TOP_PRODUCTS_TABLES;
  private state: TopProductsState;
  private readonly rowsOf: ReturnType<typeof windowRows>;

  constructor(readonly config: TopProductsConfig) {
    this.name = config.name;
    this.state = emptyState(config);
    this.rowsOf = windowRows(config);
  }

  get watermark(): number {
    return this.state.watermark;
  }

  get metrics(): Readonly<TopProductsMetrics> {
    return { ...this.state.metrics };
  }

  /** Whether a window takes no more corrections. */
  private closed(window: number): boolean {
    return isClosed(this.config, window, this.state.watermark);
  }

  /** A window's rows may change; with `next`, so may the trending of the window after it. */
  private markDirty(window: number, next: boolean): void {
    this.state.dirty.add(window);
    if (next) this.state.dirty.add(window + this.config.windowSize);
  }

  /** Marks the open windows holding a counted item of a product that `affects`. */
  private markWindowsWith(affects: (productId: number) => boolean): void {
    const { join } = this.state;
    for (const window of join.windows()) {
      if (this.closed(window)) continue;
      for (const productId of join.totals(window)?.keys() ?? []) {
        if (affects(productId)) {
          this.markDirty(window, false);
          break;
        }
      }
    }
  }

  onRecord(record: DomainRecord): void {
    const change = toTableChange(this.name, record); // throws before anything changes
    const { state } = this;
    state.metrics.records++;
    if (change.table === 'products') {
      if (state.table.setProduct(change.id, change.after)) this.markWindowsWith((p) => p === change.id);
      return;
    }
    if (change.table === 'categories') {
      if (state.table.setCategory(change.id, change.after)) {
        this.markWindowsWith((p) => state.table.categoryOf(p) === change.id);
      }
      return;
    }
    const windows = applyJoinChange(state, change, originOf(record), (w) => this.closed(w));
    for (const window of windows) this.markDirty(window, true);
  }

  onWatermark(watermark: number): void {
    if (!Number.isSafeInteger(watermark)) {
      throw invalidWatermark(this.name, watermark);
    }
    if (watermark > this.state.watermark) this.state.watermark = watermark;
    this.flush();
    this.evict();
  }

  /** The rows of a window from the current join and tables. */
  private rows(window: number) {
    const { join, table } = this.state;
    return this.rowsOf(window, join.totals(window), join.totals(window - this.config.windowSize), table);
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

  /** Early rows (`final: false`) of every open window, where they differ from its last early rows. */
  emitEarly(): void {
    const { state, config } = this;
    for (const window of openWindows(state.dirty, config.windowSize, state.watermark))
      emitEarlyWindow(state.emitted, window, this.rows(window), state.output);
  }

  /**
   * Drops what no correction can change any more: emitted rows of closed windows, the orders and items of a window
   * once the window after it (whose trending reads it) is closed, and items whose order never came (reported).
   */
  private evict(): void {
    const { state, config } = this;
    for (const window of [...state.emitted.windows.keys()])
      if (this.closed(window)) state.emitted.forget(window);
    evictJoin(state, (w) => this.closed(w), config.windowSize);
  }

  drain(): JobResult[] {
    this.flush();
    return this.state.output.splice(0);
  }

  drainTooLate(): LateChange[] {
    return this.state.late.splice(0);
  }

  stateSize() {
    const { join, table, emitted } = this.state;
    return {
      ...join.size(),
      products: table.products.size,
      categories: table.categories.size,
      emittedWindows: emitted.windows.size,
    };
  }

  snapshot(): JsonValue {
    return encodeState(this.config, this.state);
  }

  restore(snapshot: JsonValue): void {
    this.state = decodeState(this.config, snapshot); // builds the whole state first: a bad snapshot changes nothing
  }
}

/**
 * The top-products job: per tumbling window (1 minute by default), the top `n` products by quantity and by revenue,
 * the trending products (quantity growth against the window before) and per-category totals, on the topic
 * `statistics_top_product`, exact, with corrections (and retractions) while a window is within `correctionHorizon`
 * of the watermark.
 *
 * @throws JobError `INVALID_OPTION` for bad options (see {@link topProductsConfig}).
 *
 * @example
 * import type { DomainRecord } from '@ecom/cdc';
 * declare const records: DomainRecord[];
 * const job = createTopProductsJob({ windowSize: 300_000, n: 5 });
 * for (const record of records) job.onRecord(record);
 * job.onWatermark(Date.UTC(2026, 0, 1, 12));
 * for (const result of job.drain()) console.log(result.id.key, result.value); // 'quantity/1' { metric: 'top_product_window', … }
 */
export function createTopProductsJob(options: TopProductsOptions = {}): TopProductsJob {
  return new TopProductsCore(topProductsConfig(options));
}
