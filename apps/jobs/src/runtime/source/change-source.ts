import type { KafkaRecordLike } from '@ecom/cdc';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';

/**
 * Consecutive raw records of one source partition, in offset order. `nextOffset` is where reading resumes after
 * them (the last offset + 1 for Kafka): what a commit stores for the partition.
 *
 * @example
 * const batch: SourceBatch = { partition: { source: 'ecommerce-cdc.public.orders', partition: 0 }, records: [], nextOffset: '42' };
 */
export interface SourceBatch {
  readonly partition: SourcePartition;
  readonly records: readonly KafkaRecordLike[];
  readonly nextOffset: string;
}

/**
 * What a {@link ChangeSource} calls. `assigned` runs on every (re)assignment before any batch of the new
 * assignment and resolves to each partition's next offset (`null` = from the earliest record), keyed by
 * `partitionKey(partition)` (`"<source>\u0000<partition>"`). `batch` runs one batch at a
 * time; when it throws, the source stops reading that partition until the next assignment (a fenced partition).
 *
 * @example
 * const handler: ChangeSourceHandler = {
 *   assigned: async (partitions) => new Map(partitions.map((p) => [`${p.source}\u0000${p.partition}`, null])),
 *   batch: async (batch) => console.log(batch.records.length),
 * };
 */
export interface ChangeSourceHandler {
  assigned(partitions: readonly SourcePartition[]): Promise<ReadonlyMap<string, string | null>>;
  batch(batch: SourceBatch): Promise<void>;
}

/**
 * The port a job reads its changes through: a Kafka consumer group today, a pgoutput slot or repartition topics
 * later. A source never stores offsets itself: the runtime's checkpoint store does.
 *
 * @example
 * declare const source: ChangeSource;
 * declare const handler: ChangeSourceHandler;
 * await source.start(handler);
 * await source.stop();
 */
export interface ChangeSource {
  start(handler: ChangeSourceHandler): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Debezium topic of a shop table: `<prefix>.public.<table>`.
 *
 * @example
 * cdcTopic('ecommerce-cdc', 'orders'); // 'ecommerce-cdc.public.orders'
 */
export function cdcTopic(prefix: string, table: string): string {
  return `${prefix}.public.${table}`;
}
