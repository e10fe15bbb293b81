import { fromKafkaMessage } from '@ecom/cdc/adapters';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import { partitionKey } from '../checkpoints/validate-checkpoints.js';
import type { ChangeSource, ChangeSourceHandler } from './change-source.js';

/**
 * Options of {@link KafkaChangeSource}: a kafkajs consumer (not yet connected; the source connects, subscribes
 * and disconnects it) and the topics to read.
 *
 * @example
 * declare const consumer: import('kafkajs').Consumer;
 * const options: KafkaChangeSourceOptions = { consumer, topics: ['ecommerce-cdc.public.orders'] };
 */
export interface KafkaChangeSourceOptions {
  readonly consumer: Consumer;
  readonly topics: readonly string[];
}

/**
 * A {@link ChangeSource} on a kafkajs consumer group. Offsets live in the checkpoint store, never in the group: on
 * every assignment it asks the handler where each partition resumes and seeks there (`null` = earliest, the
 * subscription reads from the beginning), and it commits nothing to Kafka (`autoCommit: false`). Records before a
 * partition's resume offset (fetched before the seek took effect) are dropped, so a batch always starts exactly at
 * the stored offset. A batch whose handler throws (fenced) pauses its partition until the next assignment.
 *
 * @example
 * import { Kafka } from 'kafkajs';
 * declare const handler: ChangeSourceHandler;
 * const kafka = new Kafka({ brokers: ['127.0.0.1:19092'] });
 * const source = new KafkaChangeSource({ consumer: kafka.consumer({ groupId: 'ecom-jobs-revenue' }), topics: ['ecommerce-cdc.public.orders'] });
 * await source.start(handler);
 */
export class KafkaChangeSource implements ChangeSource {
  private readonly consumer: Consumer;
  private readonly topics: readonly string[];
  /** Next offset to hand to the handler, per partition of the current assignment (absent = not ready). */
  private readonly next = new Map<string, bigint>();
  private ready: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(options: KafkaChangeSourceOptions) {
    this.consumer = options.consumer;
    this.topics = options.topics;
  }

  async start(handler: ChangeSourceHandler): Promise<void> {
    const { consumer } = this;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.ready = this.assign(handler, event.payload.memberAssignment);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(handler, payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async assign(handler: ChangeSourceHandler, assignment: Record<string, number[]>): Promise<void> {
    this.next.clear();
    const partitions: SourcePartition[] = Object.entries(assignment).flatMap(([source, ids]) =>
      ids.map((partition) => ({ source, partition })),
    );
    if (partitions.length === 0) return;
    try {
      const offsets = await handler.assigned(partitions);
      for (const p of partitions) {
        const offset = offsets.get(partitionKey(p)) ?? null;
        this.next.set(partitionKey(p), offset === null ? -1n : BigInt(offset));
        if (offset !== null) this.consumer.seek({ topic: p.source, partition: p.partition, offset });
      }
      this.consumer.resume(this.topics.map((topic) => ({ topic })));
    } catch (e) {
      this.failure = e;
      this.consumer.pause(this.topics.map((topic) => ({ topic })));
    }
  }

  private async onBatch(handler: ChangeSourceHandler, payload: EachBatchPayload): Promise<void> {
    await this.ready;
    const { batch } = payload;
    const partition = { source: batch.topic, partition: batch.partition };
    const key = partitionKey(partition);
    const from = this.next.get(key);
    if (from === undefined || payload.isStale() || !payload.isRunning()) return;
    const messages = batch.messages.filter((m) => from < 0n || BigInt(m.offset) >= from);
    if (messages.length === 0) return;
    const records = messages.map((m) => fromKafkaMessage(batch.topic, batch.partition, m));
    const last = messages[messages.length - 1]?.offset ?? '';
    try {
      await handler.batch({ partition, records, nextOffset: String(BigInt(last) + 1n) });
    } catch (e) {
      this.next.delete(key);
      this.consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
      this.failure = e;
      return;
    }
    this.next.set(key, BigInt(last) + 1n);
    payload.resolveOffset(last);
    await payload.heartbeat();
  }

  /** The last error a handler threw (a claim or a batch), for logs and tests; `undefined` when none. */
  get lastError(): unknown {
    return this.failure;
  }
}
