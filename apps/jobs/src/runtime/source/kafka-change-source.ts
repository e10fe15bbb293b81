import { fromKafkaMessage } from '@ecom/cdc/adapters';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import { partitionKey } from '../checkpoints/validate-checkpoints.js';
import { FencedError } from '../errors.js';
import { silentLogger, type JobsLogger } from '../observability/logger.js';
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
  /** Delay before restarting from the checkpoint after a failure, doubled up to `maxMs`. Default 500 ms … 30 s. */
  readonly restart?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Called once with an error no restart can fix (a claim refused for good: a corrupt or foreign checkpoint). */
  readonly onFatal?: (error: unknown) => void;
  /** Where restarts and fenced partitions are logged (a child logger with the stage's `job` and `stage`). */
  readonly logger?: JobsLogger;
}

/**
 * A partition's consumer lag after its last handled batch: the broker's high watermark (the next offset it will
 * write) minus the partition's next offset.
 *
 * @example
 * const lag: PartitionLag = { partition: { source: 'ecommerce-cdc.public.orders', partition: 0 }, lag: 12 };
 */
export interface PartitionLag {
  readonly partition: SourcePartition;
  readonly lag: number;
}

const isRetriable = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { retriable?: unknown }).retriable === true;

/**
 * A {@link ChangeSource} on a kafkajs consumer group. Offsets live in the checkpoint store, never in the group: on
 * every assignment it asks the handler where each partition resumes and seeks there (`null` = earliest, the
 * subscription reads from the beginning), and it commits nothing to Kafka (`autoCommit: false`). Records before a
 * partition's resume offset (fetched before the seek took effect) are dropped, so a batch always starts exactly at
 * the stored offset.
 *
 * Failures restart from the checkpoint, as Flink's restart strategy does: when a batch fails (Kafka or PostgreSQL
 * down, anything but a fence) the source pauses, waits (500 ms, doubling up to 30 s) and re-runs the assignment:
 * the handler claims the partitions again, restores their state from the store, and the consumer seeks to the stored
 * offsets, so nothing processed after the last commit counts twice. A claim that fails is retried the same way when
 * its error is retriable (`STORE_UNAVAILABLE`), else it is fatal (`onFatal`). A fenced batch pauses its partition
 * until the next assignment (another instance owns it now). Restarts are logged (`warn`, with the error), and
 * `lags()` gives each partition's consumer lag after its last batch (the batch's high watermark minus the next
 * offset), for metrics.
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
  private assignment: Record<string, number[]> = {};
  /** Bumped by every (re-)assignment: a batch of an older one does not pause anything. */
  private generation = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartDelay: number;
  private stopped = false;
  /** Consumer lag per partition of the current assignment, after its last handled batch. */
  private readonly lag = new Map<string, PartitionLag>();
  private readonly logger: JobsLogger;
  /** Restarts from the checkpoint so far. */
  restarts = 0;

  constructor(private readonly options: KafkaChangeSourceOptions) {
    this.consumer = options.consumer;
    this.topics = options.topics;
    this.restartDelay = options.restart?.initialMs ?? 500;
    this.logger = options.logger ?? silentLogger();
  }

  /** The consumer lag of each partition of the current assignment that handled a batch since it was assigned. */
  lags(): PartitionLag[] {
    return [...this.lag.values()];
  }

  async start(handler: ChangeSourceHandler): Promise<void> {
    const { consumer } = this;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      clearTimeout(this.restartTimer);
      this.assignment = event.payload.memberAssignment;
      this.ready = this.assign(handler, this.assignment);
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
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.consumer.disconnect();
  }

  /** Pauses everything and re-runs the assignment after the restart delay (doubling). */
  private restartLater(handler: ChangeSourceHandler, error: unknown, during: object): void {
    this.generation++;
    this.next.clear();
    this.lag.clear();
    this.consumer.pause(this.topics.map((topic) => ({ topic })));
    if (this.stopped || this.restartTimer !== undefined) return;
    const delay = this.restartDelay;
    this.restartDelay = Math.min(delay * 2, this.options.restart?.maxMs ?? 30_000);
    this.logger.warn({ ...during, err: error, delayMs: delay }, 'failed; restarting from the checkpoint');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.restarts++;
      this.ready = this.assign(handler, this.assignment);
    }, delay);
  }

  private async assign(handler: ChangeSourceHandler, assignment: Record<string, number[]>): Promise<void> {
    this.generation++;
    this.next.clear();
    this.lag.clear();
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
      if (isRetriable(e)) return this.restartLater(handler, e, { during: 'claim' });
      this.consumer.pause(this.topics.map((topic) => ({ topic })));
      this.options.onFatal?.(e);
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
    const generation = this.generation;
    try {
      await handler.batch({ partition, records, nextOffset: String(BigInt(last) + 1n) });
    } catch (e) {
      if (generation !== this.generation) return; // a newer assignment owns the partition's position now
      this.failure = e;
      const at = {
        during: 'batch',
        topic: batch.topic,
        partition: batch.partition,
        offset: messages[0]?.offset,
      };
      if (!(e instanceof FencedError)) return this.restartLater(handler, e, at);
      this.logger.info(at, 'fenced partition paused until the next assignment');
      this.next.delete(key);
      this.lag.delete(key);
      this.consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
      return;
    }
    if (generation !== this.generation) return;
    this.restartDelay = this.options.restart?.initialMs ?? 500;
    this.next.set(key, BigInt(last) + 1n);
    this.lag.set(key, {
      partition,
      lag: Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(last) - 1n)),
    });
    payload.resolveOffset(last);
    await payload.heartbeat();
  }

  /** The last error a handler threw (a claim or a batch), for logs and tests; `undefined` when none. */
  get lastError(): unknown {
    return this.failure;
  }
}
