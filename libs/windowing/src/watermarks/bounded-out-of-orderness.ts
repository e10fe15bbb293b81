import { assertInteger, MIN_TIMESTAMP } from '../time.js';
import type { WatermarkGenerator } from './watermark-generator.js';

/**
 * Flink's `BoundedOutOfOrdernessWatermarks`: watermark = max timestamp seen − `bound` − 1, so "watermark t" means
 * "no more events with ts ≤ t" when events are at most `bound` ms out of order. {@link MIN_TIMESTAMP} before any
 * event.
 *
 * @example
 * const g = new BoundedOutOfOrderness(10);
 * for (const ts of [12345, 12300, 12340, 12280]) g.onEvent(null, ts);
 * g.currentWatermark(); // 12334
 */
export class BoundedOutOfOrderness implements WatermarkGenerator<unknown> {
  /** The largest timestamp seen (initially `MIN_TIMESTAMP + bound + 1`, as in Flink). */
  maxTimestamp: number;

  constructor(private readonly bound: number) {
    assertInteger(bound, 'outOfOrderness', 'INVALID_CONFIG', 0);
    this.maxTimestamp = MIN_TIMESTAMP + bound + 1;
  }

  onEvent(_value: unknown, ts: number): void {
    if (ts > this.maxTimestamp) this.maxTimestamp = ts;
  }

  currentWatermark(): number {
    return this.maxTimestamp - this.bound - 1;
  }

  snapshot(): number {
    return this.maxTimestamp;
  }

  restore(state: number): void {
    this.maxTimestamp = state;
  }
}
