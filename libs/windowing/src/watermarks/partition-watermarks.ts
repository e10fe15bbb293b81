import type { Clock } from '../clock.js';
import { WindowingError } from '../errors.js';
import { assertInteger, describe, MIN_TIMESTAMP } from '../time.js';
import { BoundedOutOfOrderness } from './bounded-out-of-orderness.js';
import { IdlenessTimer } from './idleness-timer.js';
import { PunctuatedWatermarks } from './punctuated.js';
import type { WatermarkGenerator } from './watermark-generator.js';
import type { PartitionId, WatermarkStrategy } from './watermark-strategy.js';

interface PartitionState<V> {
  readonly id: PartitionId;
  readonly generator: WatermarkGenerator<V>;
  readonly idleness: IdlenessTimer | undefined;
  watermark: number;
  idle: boolean;
}

/**
 * JSON-safe state of {@link PartitionWatermarks}.
 *
 * @example
 * const s: PartitionWatermarksSnapshot = { combined: 5, idle: false, partitions: [[0, 5, 16, false, null]] };
 */
export interface PartitionWatermarksSnapshot {
  combined: number;
  idle: boolean;
  /** `[id, watermark, generatorState, idle, idlenessState]` */
  partitions: [PartitionId, number, number, boolean, [number, number, number | null] | null][];
}

/**
 * Per-partition watermarks combined as Flink's `WatermarkOutputMultiplexer`/`CombinedWatermarkStatus`: the minimum
 * over non-idle partitions; never regresses; all partitions idle → idle (watermark held); no partitions →
 * nothing (not idle).
 *
 * @example
 * const w = new PartitionWatermarks({ type: 'bounded', outOfOrderness: 0 }, systemClock);
 * w.onEvent(0, null, 3); // true: watermark advanced
 * w.combined; // 2
 */
export class PartitionWatermarks<V> {
  /** The combined watermark ({@link MIN_TIMESTAMP} until every active partition has one). */
  combined = MIN_TIMESTAMP;
  /** True when every known partition is idle. */
  idle = false;
  private readonly partitions = new Map<PartitionId, PartitionState<V>>();
  private readonly perElement: boolean;
  private readonly bounded: boolean;
  private readonly idleTimeout: number;
  private last: PartitionState<V> | undefined;

  constructor(
    private readonly strategy: WatermarkStrategy<V>,
    private readonly clock: Clock,
  ) {
    if (strategy === null || typeof strategy !== 'object' || (strategy.type !== 'bounded' && strategy.type !== 'punctuated')) {
      throw new WindowingError('INVALID_CONFIG', `watermarks.type must be "bounded" or "punctuated", got ${describe(strategy)}`);
    }
    if (strategy.type === 'bounded') {
      assertInteger(strategy.outOfOrderness, 'watermarks.outOfOrderness', 'INVALID_CONFIG', 0);
      if (strategy.emit !== undefined && strategy.emit !== 'per-element' && strategy.emit !== 'periodic') {
        throw new WindowingError('INVALID_CONFIG', `watermarks.emit must be "per-element" or "periodic", got ${describe(strategy.emit)}`);
      }
    } else if (typeof strategy.extract !== 'function') {
      throw new WindowingError('INVALID_CONFIG', 'watermarks.extract must be a function');
    }
    this.perElement = strategy.type === 'punctuated' || strategy.emit !== 'periodic';
    this.bounded = strategy.type === 'bounded';
    this.idleTimeout = strategy.idleTimeout === undefined ? 0 : assertInteger(strategy.idleTimeout, 'watermarks.idleTimeout', 'INVALID_TIMEOUT', 1);
    for (const id of strategy.partitions ?? []) this.partition(id);
  }

  /** Known partitions. */
  get size(): number {
    return this.partitions.size;
  }

  /** Feeds one element; returns true when the combined watermark advanced. */
  onEvent(id: PartitionId, value: V, ts: number): boolean {
    let p = this.last;
    if (p === undefined || p.id !== id) p = this.last = this.partitions.get(id) ?? this.partition(id);
    if (this.bounded && this.perElement && ts <= (p.generator as BoundedOutOfOrderness).maxTimestamp) {
      if (p.idleness !== undefined) p.idleness.activity();
      if (!p.idle) return false; // the common case: no new maximum, nothing to do
    }
    p.generator.onEvent(value, ts);
    p.idleness?.activity();
    if (this.perElement) return this.emit(p, p.generator.currentWatermark());
    if (!p.idle) return false;
    p.idle = false; // active again; its watermark moves at the next periodic emission
    return this.recompute();
  }

  /** Periodic emission: idleness checks, then (periodic mode) every partition's current watermark. */
  onPeriodicEmit(): boolean {
    let changed = false;
    for (const p of this.partitions.values()) {
      if (p.idleness?.checkIfIdle()) {
        if (!p.idle) {
          p.idle = true;
          changed = this.recompute() || changed;
        }
      } else if (!this.perElement && !p.idle) {
        changed = this.emit(p, p.generator.currentWatermark()) || changed;
      }
    }
    return changed;
  }

  /** Marks a partition idle until its next element; returns true when the combined watermark advanced. */
  markIdle(id: PartitionId): boolean {
    const p = this.partitions.get(id) ?? this.partition(id);
    if (p.idle) return false;
    p.idle = true;
    return this.recompute();
  }

  /** Watermark and idleness of one partition (undefined if unknown). */
  partitionState(id: PartitionId): { watermark: number; idle: boolean } | undefined {
    const p = this.partitions.get(id);
    return p && { watermark: p.watermark, idle: p.idle };
  }

  snapshot(): PartitionWatermarksSnapshot {
    return {
      combined: this.combined,
      idle: this.idle,
      partitions: [...this.partitions.values()].map((p) => [
        p.id,
        p.watermark,
        p.generator.snapshot(),
        p.idle,
        p.idleness ? p.idleness.snapshot() : null,
      ]),
    };
  }

  restore(s: PartitionWatermarksSnapshot): void {
    this.partitions.clear();
    this.last = undefined;
    this.combined = s.combined;
    this.idle = s.idle;
    for (const [id, watermark, gen, idle, idleness] of s.partitions) {
      const p = this.partition(id);
      p.watermark = watermark;
      p.generator.restore(gen);
      p.idle = idle;
      if (idleness && p.idleness) p.idleness.restore(idleness);
    }
  }

  private emit(p: PartitionState<V>, wm: number): boolean {
    const wasIdle = p.idle;
    p.idle = false;
    if (wm <= p.watermark) return wasIdle ? this.recompute() : false;
    const old = p.watermark;
    p.watermark = wm;
    if (this.partitions.size === 1) {
      this.idle = false;
      if (wm <= this.combined) return false;
      this.combined = wm;
      return true;
    }
    // Only the partition holding the minimum can move the combined watermark.
    if (!wasIdle && old > this.combined && !this.idle) return false;
    return this.recompute();
  }

  private recompute(): boolean {
    let min = Infinity;
    for (const p of this.partitions.values()) if (!p.idle && p.watermark < min) min = p.watermark;
    if (min === Infinity) {
      this.idle = this.partitions.size > 0;
      return false;
    }
    this.idle = false;
    if (min > this.combined) {
      this.combined = min;
      return true;
    }
    return false;
  }

  private partition(id: PartitionId): PartitionState<V> {
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new WindowingError('INVALID_CONFIG', `partition id must be a string or number, got ${describe(id)}`);
    }
    const s = this.strategy;
    const generator: WatermarkGenerator<V> =
      s.type === 'bounded' ? new BoundedOutOfOrderness(s.outOfOrderness) : new PunctuatedWatermarks<V>(s.extract);
    const p: PartitionState<V> = {
      id,
      generator,
      idleness: this.idleTimeout ? new IdlenessTimer(this.clock, this.idleTimeout) : undefined,
      watermark: MIN_TIMESTAMP,
      idle: false,
    };
    this.partitions.set(id, p);
    return p;
  }
}
