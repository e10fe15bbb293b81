/**
 * Produces watermarks from the events of one partition (Flink's `WatermarkGenerator`).
 *
 * @example
 * const g: WatermarkGenerator<unknown> = new BoundedOutOfOrderness(2000);
 * g.onEvent(null, 10_000);
 * g.currentWatermark(); // 7999
 */
export interface WatermarkGenerator<V> {
  onEvent(value: V, ts: number): void;
  /** The watermark to emit now (`MIN_TIMESTAMP` before any). */
  currentWatermark(): number;
  /** JSON-safe state for snapshots. */
  snapshot(): number;
  restore(state: number): void;
}
