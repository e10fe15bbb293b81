/**
 * Stream helper: decode an (async) iterable of Kafka records, send failures to a dead-letter sink, keep going.
 */
import type { Decoder } from './decoder.js';
import type { DecodeError } from './errors.js';
import type { DecodedEvent, KafkaRecordLike } from './types.js';

/**
 * Where undecodable records go (a DLQ topic producer, a table, a log): each {@link DecodeError} keeps the
 * original bytes in `raw`. If `send` throws or rejects, the stream ends with that error: a record is never
 * silently dropped.
 *
 * @example
 * const logged: DeadLetterSink = { send: (e) => console.error(e.code, e.topic, e.offset, e.raw.value) };
 * // on Kafka: createKafkaDeadLetterSink({ producer, topic: 'cdc.dlq' }) from @ecom/cdc/adapters
 */
export interface DeadLetterSink {
  send(error: DecodeError): void | Promise<void>;
}

/**
 * Options of {@link decodeStream}.
 *
 * @example
 * decodeStream(records, decoder, { deadLetter: { send: (e) => console.error(e.code, e.topic, e.offset) } });
 */
export interface DecodeStreamOptions {
  deadLetter: DeadLetterSink;
}

/**
 * Decodes every record in order, yields the decoded events (the `value` of each successful result) and routes
 * every {@link DecodeError} (the `error` of each failed one) to the dead-letter sink, awaited before the next
 * record, so offsets can be committed after each yield.
 *
 * @example
 * for await (const event of decodeStream(records, createDecoder(), { deadLetter })) {
 *   if (event.kind === 'change') apply(event);
 * }
 */
export async function* decodeStream(
  records: AsyncIterable<KafkaRecordLike> | Iterable<KafkaRecordLike>,
  decoder: Decoder,
  options: DecodeStreamOptions,
): AsyncGenerator<DecodedEvent, void, undefined> {
  for await (const record of records) {
    const result = await decoder.decode(record);
    if (result.ok) yield result.value;
    else await options.deadLetter.send(result.error);
  }
}
