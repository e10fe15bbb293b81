/**
 * Phase one of the scaled-out revenue job: one core per source partition of `orders`. It keeps each order once, at
 * its current total, in its window (the same rules as the single-process core) and, after each batch, emits the
 * full content of every window that changed, as a partial for the merging stage. It fires nothing itself: the
 * merging stage fires on the minimum of every partition's watermark. Windows past the correction horizon (its own
 * watermark) are forgotten; changes to them are reported as too late.
 */
import type { JobResult, JsonValue, StreamJobCore } from '../../runtime/stream-job.js';
import { invalidSnapshot } from '../job-error.js';
import { resolveRevenueOptions, type RevenueJobConfig, type RevenueJobOptions } from './options.js';
import { isExpired } from './revenue-emission.js';
import type { RevenueJobMetrics, TooLateChange } from './revenue-job-types.js';
import { RevenueOrdersCore } from './revenue-orders-core.js';
import { partialResult } from './revenue-partial.js';
import { decodeRevenueState, encodeRevenueState } from './revenue-snapshot.js';

/**
 * The partial stage's core: a `StreamJobCore` whose `drain()` returns partials (topic `revenue.partials`).
 *
 * @example
 * const stage: RevenuePartialsJob = createRevenuePartialsJob();
 * stage.drain(); // [] until a record changes a window
 */
export interface RevenuePartialsJob extends StreamJobCore {
  readonly config: RevenueJobConfig;
  readonly watermark: number;
  readonly metrics: Readonly<RevenueJobMetrics>;
  drainTooLate(): TooLateChange[];
  /** Sends the changed windows' partials now (see `StreamJobCore.emitEarly`). */
  emitEarly(): void;
}

class RevenuePartialsCore extends RevenueOrdersCore implements RevenuePartialsJob {
  /** Windows changed since the last drain. */
  private dirty = new Set<number>();
  protected readonly touched = (from: number | undefined, to: number | undefined): void => {
    if (from !== undefined) this.dirty.add(from);
    if (to !== undefined) this.dirty.add(to);
  };

  /**
   * Forgets the windows past the correction horizon, each sending its last content first if it changed. Other
   * changed windows wait for the drain: the watermark moves on almost every record, a batch sends each window once.
   */
  protected advance(watermark: number): void {
    this.state.watermark = watermark;
    const { windows } = this.state;
    for (let start = windows.oldest(); start !== undefined; start = windows.oldest()) {
      if (!isExpired(start, watermark, this.config)) break;
      if (this.dirty.delete(start)) this.sendPartial(start);
      windows.delete(start);
    }
  }

  override drain(): JobResult[] {
    this.flushDirty();
    return super.drain();
  }

  /**
   * The changed windows' partials now. A partial stage holds nothing back (every drain sends the changed windows,
   * open or not, and the merge replaces an input's earlier partial), so this only sends them before the drain.
   */
  emitEarly(): void {
    this.flushDirty();
  }

  snapshot(): JsonValue {
    return { revenue: encodeRevenueState(this.state, this.config), dirty: [...this.dirty] };
  }

  restore(snapshot: JsonValue): void {
    const s = snapshot as { revenue?: JsonValue; dirty?: unknown };
    if (
      typeof s !== 'object' ||
      s === null ||
      !Array.isArray(s.dirty) ||
      !s.dirty.every(Number.isSafeInteger)
    ) {
      throw invalidSnapshot(this.name, 'not a revenue partial-stage snapshot');
    }
    this.state = decodeRevenueState(s.revenue ?? null, this.config);
    this.dirty = new Set(s.dirty as number[]);
  }

  private flushDirty(): void {
    for (const start of [...this.dirty].sort((a, b) => a - b)) this.sendPartial(start);
    this.dirty.clear();
  }

  /** Queues the window's full content as a partial (an emptied window is forgotten once sent). */
  private sendPartial(start: number): void {
    const { windows, pending, metrics } = this.state;
    const w = windows.get(start);
    const customers = w === undefined ? [] : [...w.customers.keys()].sort((a, b) => a - b);
    pending.push(
      partialResult(
        { start, orders: w?.count ?? 0, cents: w?.cents ?? 0n, customers },
        this.config.windowSize,
      ),
    );
    metrics.results += 1;
    if (w !== undefined && w.count === 0) windows.delete(start);
  }
}

/**
 * Creates phase one of the two-phase revenue job, for one source partition (options as `createRevenueJob`).
 *
 * @example
 * import type { DomainRecord } from '@ecom/cdc';
 * declare const records: DomainRecord[];
 * const stage = createRevenuePartialsJob({ windowSize: 300_000 });
 * for (const record of records) stage.onRecord(record);
 * const partials = stage.drain(); // one per window that changed
 */
export function createRevenuePartialsJob(options: RevenueJobOptions = {}): RevenuePartialsJob {
  return new RevenuePartialsCore(resolveRevenueOptions(options));
}
