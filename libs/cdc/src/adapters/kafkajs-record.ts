/**
 * kafkajs → decoder input. kafkajs already hands out Buffers (a `Uint8Array`), so nothing is copied.
 */
import type { Batch, EachMessagePayload, KafkaMessage } from 'kafkajs';
import type { KafkaRecordLike } from '../types.js';

/**
 * Turns one kafkajs message (with its topic and partition) into a {@link KafkaRecordLike}.
 *
 * @example
 * ```ts
 * await consumer.run({ eachMessage: async (payload) => handle(await decoder.decode(fromEachMessage(payload))) });
 * ```
 */
export function fromEachMessage(
  payload: Pick<EachMessagePayload, 'topic' | 'partition' | 'message'>,
): KafkaRecordLike {
  return fromKafkaMessage(payload.topic, payload.partition, payload.message);
}

/**
 * Same as {@link fromEachMessage}, from its three parts (used in `eachBatch` loops).
 *
 * @example
 * ```ts
 * for (const m of batch.messages) decoder.decodeSync(fromKafkaMessage(batch.topic, batch.partition, m));
 * ```
 */
export function fromKafkaMessage(topic: string, partition: number, message: KafkaMessage): KafkaRecordLike {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ?? null,
    value: message.value ?? null,
    headers: message.headers,
    timestamp: message.timestamp,
  };
}

/**
 * Every message of a kafkajs `eachBatch` batch as decoder input, in offset order.
 *
 * @example
 * ```ts
 * await consumer.run({ eachBatch: async ({ batch }) => { for (const r of fromBatch(batch)) decoder.decodeSync(r) } });
 * ```
 */
export function* fromBatch(
  batch: Pick<Batch, 'topic' | 'partition' | 'messages'>,
): Generator<KafkaRecordLike> {
  for (const message of batch.messages) yield fromKafkaMessage(batch.topic, batch.partition, message);
}
