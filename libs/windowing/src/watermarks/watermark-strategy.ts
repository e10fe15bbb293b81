import type { WatermarkExtractor } from './punctuated.js';

/**
 * A partition id (Kafka partition number, shard name…).
 *
 * @example
 * const p: PartitionId = 3;
 */
export type PartitionId = string | number;

/**
 * How an operator derives watermarks from the elements it receives, per partition.
 *
 * - `bounded`: {@link BoundedOutOfOrderness} per partition (watermark = max − outOfOrderness − 1). With
 *   `emit: 'per-element'` (default) a partition's watermark moves right after each of its elements; with
 *   `'periodic'` only on `advance()` (Flink's periodic emission).
 * - `punctuated`: the watermark an element carries (per partition).
 *
 * The operator's watermark is the minimum over non-idle partitions and never regresses. A partition becomes idle
 * after `idleTimeout` ms without elements (checked on `advance()`, as Flink's `withIdleness`), or via `markIdle`.
 * `partitions` declares partitions up front: the watermark then waits for all of them (unknown partitions are
 * added on their first element).
 *
 * @example
 * const s: WatermarkStrategy<unknown> = { type: 'bounded', outOfOrderness: 2000, idleTimeout: 30_000, partitions: [0, 1, 2] };
 */
export type WatermarkStrategy<V> =
  | {
      readonly type: 'bounded';
      readonly outOfOrderness: number;
      readonly emit?: 'per-element' | 'periodic';
      readonly idleTimeout?: number;
      readonly partitions?: readonly PartitionId[];
    }
  | {
      readonly type: 'punctuated';
      readonly extract: WatermarkExtractor<V>;
      readonly idleTimeout?: number;
      readonly partitions?: readonly PartitionId[];
    };
