/**
 * A {@link CdcSink} that produces to Kafka with kafkajs: one `sendBatch` per transaction (or snapshot batch),
 * acknowledged when every record is acknowledged by all in-sync replicas (`acks: -1`). kafkajs is injected (an
 * optional peer dependency), as a connected producer.
 */
import type { Message, Producer, TopicMessages } from 'kafkajs';
import type { CdcRecord, CdcSink } from './cdc-record.js';

/**
 * Options of {@link createKafkaCdcSink}.
 *
 * @example
 * const options: KafkaCdcSinkOptions = { timeoutMs: 30_000 };
 */
export interface KafkaCdcSinkOptions {
  /** Request timeout of each batch (ms). Default 30000. */
  timeoutMs?: number;
  /** Maps a record's topic (e.g. to add an environment prefix). Default: unchanged. */
  topic?: (record: CdcRecord) => string;
  /**
   * The most key and value bytes in one request (default 512 KiB, half the broker's default `message.max.bytes`):
   * a big transaction is sent in several requests, in order, and acknowledged once all are.
   */
  maxRequestBytes?: number;
}

/**
 * Groups records by topic, keeping their order within each topic (Kafka keeps order per partition, and equal keys
 * go to the same partition).
 *
 * @example
 * toTopicMessages(records) // [{ topic: 'ecommerce-cdc.public.orders', messages: [{ key, value }, …] }]
 */
export function toTopicMessages(
  records: readonly CdcRecord[],
  topicOf: (r: CdcRecord) => string = (r) => r.topic,
): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const r of records) {
    const topic = topicOf(r);
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push({ key: r.key, value: r.value });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

const sizeOf = (v: string | null): number => (v === null ? 0 : Buffer.byteLength(v));

/** Consecutive runs of `records` of at most `limit` key and value bytes each (a bigger record alone). */
function* chunksOf(records: readonly CdcRecord[], limit: number): Generator<readonly CdcRecord[]> {
  let chunk: CdcRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = sizeOf(r.key) + sizeOf(r.value);
    if (chunk.length > 0 && bytes + size > limit) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(r);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Creates the sink. The promise resolves only after Kafka acknowledged the whole batch, so the source confirms
 * the LSN after the records are durable in Kafka; a failed send rejects and the source stops with `SINK_FAILED`.
 *
 * @example
 * const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
 * await producer.connect();
 * await source.run(createKafkaCdcSink(producer));
 */
export function createKafkaCdcSink(
  producer: Pick<Producer, 'sendBatch'>,
  options: KafkaCdcSinkOptions = {},
): CdcSink {
  const timeout = options.timeoutMs ?? 30_000;
  const limit = options.maxRequestBytes ?? 512 * 1024;
  return async (records) => {
    for (const chunk of chunksOf(records, limit))
      await producer.sendBatch({ topicMessages: toTopicMessages(chunk, options.topic), acks: -1, timeout });
  };
}
