/**
 * The partial stage of the scaled-out top-products job, one per partition of its keyed topic: it holds the orders
 * and items routed to it (each order with its items, as the router keys them) and joins them exactly as the
 * single-process core does (same late, ignore and orphan rules, against its own watermark: the minimum of every
 * source partition's). After each batch it emits, per window that changed, the totals of each product whose figures
 * changed (an upsert; `null` once it has no counted item), and passes product and category changes on unchanged to
 * the merging stage, which ranks.
 */
import { MIN_TIMESTAMP } from '@ecom/windowing';
import { z } from 'zod';
import type { JobResult, JsonValue, MergeStageCore } from '../../runtime/stream-job.js';
import { invalidSnapshot, JobError } from '../job-error.js';
import { MergeInputs, type MergeInputsOptions } from '../merge-inputs.js';
import { applyJoinChange, evictJoin } from './join-changes.js';
import { zeroMetrics, type LateChange, type TopProductsMetrics } from './late-change.js';
import { isClosed, topProductsConfig, type TopProductsConfig, type TopProductsOptions } from './options.js';
import { OrderItemJoin } from './order-item-join.js';
import { checkStageSnapshot, decodeJoin, encodeJoin, optionsOf, SNAPSHOT_PARTS } from './snapshot.js';
import { formatHundredths, parseHundredths } from '../decimal.js';
import { readStageRecord, totalsResult } from './stage-records.js';

const PARTIALS_FORMAT = 'ecom-jobs/top-products-partials/1';

/**
 * Options of {@link createTopProductsPartialsJob}: the job's options and its inputs (every source partition of the
 * four tables, `'<topic>:<partition>'`).
 *
 * @example
 * const options: TopProductsPartialsOptions = { inputs: ['ecommerce-cdc.public.orders:0', 'ecommerce-cdc.public.order_items:0'], idleTimeoutMs: 30_000 };
 */
export interface TopProductsPartialsOptions extends TopProductsOptions, MergeInputsOptions {}

/**
 * The partial stage's core: a `MergeStageCore` whose `drain()` returns per-product window totals and passed-on
 * product/category changes, with its watermark (sent on to the merging stage).
 *
 * @example
 * const stage: TopProductsPartialsJob = createTopProductsPartialsJob({ inputs: ['orders:0'] });
 * stage.watermark; // MIN_TIMESTAMP until every input has sent one
 */
export interface TopProductsPartialsJob extends MergeStageCore {
  readonly config: TopProductsConfig;
  readonly watermark: number;
  readonly metrics: Readonly<TopProductsMetrics>;
  drainTooLate(): LateChange[];
  /** Sends the changed windows' totals now (see `MergeStageCore.emitEarly`). */
  emitEarly(): void;
  stateSize(): { orders: number; items: number; waitingItems: number; windows: number; sentWindows: number };
}

const snapshotSchema = z.object({
  format: z.literal(PARTIALS_FORMAT),
  config: SNAPSHOT_PARTS.config,
  inputs: z.array(z.string()),
  untimed: z.array(z.string()),
  watermark: z.int(),
  watermarks: z.unknown(),
  orders: SNAPSHOT_PARTS.orders,
  items: SNAPSHOT_PARTS.items,
  /** `[window start, [[product_id, quantity, revenue], …]]`: the totals last sent */
  sent: z.array(z.tuple([z.int(), z.array(z.tuple([z.int(), z.int(), z.string()]))])),
  dirty: SNAPSHOT_PARTS.dirty,
  output: SNAPSHOT_PARTS.output,
  late: SNAPSHOT_PARTS.late,
  metrics: SNAPSHOT_PARTS.metrics,
});

/** A product's totals as last sent: quantity and revenue in hundredths. */
interface Sent {
  readonly quantity: number;
  readonly cents: bigint;
}

interface PartialsState {
  watermark: number;
  readonly join: OrderItemJoin;
  /** Per window, the totals last sent per product. */
  readonly sent: Map<number, Map<number, Sent>>;
  /** Windows whose totals may have changed since the last drain. */
  readonly dirty: Set<number>;
  readonly output: JobResult[];
  readonly late: LateChange[];
  readonly metrics: TopProductsMetrics;
}

const emptyState = (windowSize: number): PartialsState => ({
  watermark: MIN_TIMESTAMP,
  join: new OrderItemJoin(windowSize),
  sent: new Map(),
  dirty: new Set(),
  output: [],
  late: [],
  metrics: zeroMetrics(),
});

class TopProductsPartials implements TopProductsPartialsJob {
  readonly name: string;
  private state: PartialsState;

  constructor(
    readonly config: TopProductsConfig,
    private readonly inputs: MergeInputs,
  ) {
    this.name = config.name;
    this.state = emptyState(config.windowSize);
  }

  get watermark(): number {
    return this.state.watermark;
  }

  get metrics(): Readonly<TopProductsMetrics> {
    return { ...this.state.metrics };
  }

  private closed(window: number): boolean {
    return isClosed(this.config, window, this.state.watermark);
  }

  onPartial(input: string, result: JobResult): void {
    this.inputs.activity(input);
    const record = readStageRecord(this.name, this.config.windowSize, result);
    if (record.kind !== 'change')
      throw new JobError(this.name, 'INVALID_RECORD', 'the partial stage reads routed changes, not totals', {
        raw: result,
      });
    const { state } = this;
    state.metrics.records++;
    const { change, origin } = record;
    if (change.table === 'products' || change.table === 'categories') {
      state.output.push(result);
      return;
    }
    for (const window of applyJoinChange(state, change, origin, (w) => this.closed(w)))
      state.dirty.add(window);
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

  /**
   * The changed windows' totals now. A partial stage holds nothing back (every drain sends the changed windows' totals,
   * open or not, and the merge replaces a stage's earlier totals), so this only sends them before the drain.
   */
  emitEarly(): void {
    this.flush();
  }

  drainTooLate(): LateChange[] {
    return this.state.late.splice(0);
  }

  stateSize() {
    return { ...this.state.join.size(), sentWindows: this.state.sent.size };
  }

  /** Sends the totals of every changed window that differ from what was sent. */
  private flush(): void {
    const { state, config } = this;
    for (const window of [...state.dirty].sort((a, b) => a - b)) {
      state.metrics.firings++;
      const totals = state.join.totals(window) ?? new Map<number, Sent>();
      const sent = state.sent.get(window) ?? new Map<number, Sent>();
      const send = (productId: number, t: Sent | null) => {
        const revenue = t && { quantity: t.quantity, revenue: formatHundredths(t.cents) };
        state.output.push(totalsResult(this.name, window, window + config.windowSize, productId, revenue));
        if (t === null) {
          sent.delete(productId);
          state.metrics.retractions++;
        } else {
          sent.set(productId, { quantity: t.quantity, cents: t.cents });
          state.metrics.results++;
        }
      };
      for (const [productId, t] of totals) {
        const before = sent.get(productId);
        if (before === undefined || before.quantity !== t.quantity || before.cents !== t.cents)
          send(productId, t);
      }
      for (const productId of sent.keys()) if (!totals.has(productId)) send(productId, null);
      if (sent.size === 0) state.sent.delete(window);
      else state.sent.set(window, sent);
    }
    state.dirty.clear();
  }

  private advance(): void {
    const combined = this.inputs.combined;
    if (combined <= this.state.watermark) return;
    this.flush(); // what changed before the watermark moved is sent before its window may be forgotten
    const { state } = this;
    state.watermark = combined;
    for (const window of [...state.sent.keys()]) if (this.closed(window)) state.sent.delete(window);
    evictJoin(state, (w) => this.closed(w), this.config.windowSize);
  }

  snapshot(): JsonValue {
    const { state } = this;
    const snapshot: z.input<typeof snapshotSchema> = {
      format: PARTIALS_FORMAT,
      config: optionsOf(this.config),
      inputs: [...this.inputs.names],
      untimed: [...this.inputs.untimed],
      watermark: state.watermark,
      watermarks: this.inputs.snapshot(),
      ...encodeJoin(state.join),
      sent: [...state.sent].map(([w, totals]) => [
        w,
        [...totals].map(([id, t]) => [id, t.quantity, formatHundredths(t.cents)] as [number, number, string]),
      ]),
      dirty: [...state.dirty],
      output: structuredClone(state.output) as z.input<typeof snapshotSchema>['output'],
      late: state.late.map((l) => ({ ...l })),
      metrics: { ...state.metrics },
    };
    return snapshot as JsonValue;
  }

  restore(snapshot: JsonValue): void {
    const parsed = snapshotSchema.safeParse(snapshot);
    if (!parsed.success) throw invalidSnapshot(this.name, z.prettifyError(parsed.error), parsed.error);
    const s = parsed.data;
    checkStageSnapshot(this.config, this.inputs.identity(), s);
    const state = emptyState(this.config.windowSize);
    state.watermark = s.watermark;
    decodeJoin(this.name, state.join, s);
    const cents = (revenue: string): bigint => {
      const units = parseHundredths(revenue);
      if (units === undefined) throw invalidSnapshot(this.name, `sent revenue ${revenue} is not a decimal`);
      return units;
    };
    for (const [w, totals] of s.sent)
      state.sent.set(
        w,
        new Map(totals.map(([id, quantity, revenue]) => [id, { quantity, cents: cents(revenue) }])),
      );
    for (const w of s.dirty) state.dirty.add(w);
    state.output.push(...(s.output as JobResult[]));
    state.late.push(...(s.late as LateChange[]));
    Object.assign(state.metrics, s.metrics);
    this.inputs.restore(s.watermarks);
    this.state = state;
  }
}

/**
 * Creates the partial stage of the scaled-out top-products job for one partition of its keyed topic.
 *
 * @throws JobError `INVALID_OPTION` for bad options; `onPartial` throws `INVALID_RECORD` for a record that is not a
 * routed change and `INVALID_OPTION` for an unknown input.
 *
 * @example
 * import { createTopProductsRouterJob } from './top-products-router.js';
 * import type { DomainRecord } from '@ecom/cdc';
 * declare const record: DomainRecord;
 * const router = createTopProductsRouterJob();
 * const stage = createTopProductsPartialsJob({ inputs: ['orders:0'] });
 * router.onRecord(record);
 * for (const routed of router.drain()) stage.onPartial('orders:0', routed);
 * stage.onInputWatermark('orders:0', 59_999);
 * stage.drain(); // per-product totals of the windows that changed
 */
export function createTopProductsPartialsJob(options: TopProductsPartialsOptions): TopProductsPartialsJob {
  const config = topProductsConfig(options);
  return new TopProductsPartials(config, new MergeInputs(config.name, options));
}
