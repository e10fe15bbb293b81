/**
 * A {@link DeadLetterSink} that writes undecodable records to a Kafka topic with kafkajs.
 */
import type { IHeaders, Producer } from 'kafkajs';
import type { DeadLetterSink } from '../decode-stream.js';
import type { DecodeError } from '../errors.js';
import type { KafkaHeaders, RawBytes } from '../types.js';

/**
 * Options of {@link createKafkaDeadLetterSink}.
 *
 * @example
 * const options: KafkaDeadLetterSinkOptions = { producer, topic: 'ecommerce-cdc.dlq' };
 */
export interface KafkaDeadLetterSinkOptions {
  /** A connected kafkajs producer (the caller owns connect/disconnect). */
  producer: Pick<Producer, 'send'>;
  /** The dead-letter topic (create it first: the stack's broker does not auto-create topics). */
  topic: string;
  /** Header name prefix. Default `cdc.error.`. */
  headerPrefix?: string;
  /** `acks` of the send. Default -1 (all in-sync replicas): a dead letter must not be lost. */
  acks?: number;
}

/**
 * The dead-letter record of an error: the original key and value bytes, the original headers, plus headers
 * `<prefix>code`, `message`, `part`, `path` (JSON), `retriable`, `topic`, `partition`, `offset`.
 *
 * @example
 * deadLetterMessage(error).headers['cdc.error.code'] // 'MALFORMED_JSON'
 */
export function deadLetterMessage(
  error: DecodeError,
  headerPrefix = 'cdc.error.',
): { key: Buffer | null; value: Buffer | null; headers: IHeaders } {
  const headers: IHeaders = { ...copyHeaders(error.headers) };
  const meta: Record<string, string | undefined> = {
    code: error.code,
    message: error.message,
    part: error.part,
    path: JSON.stringify(error.path),
    retriable: String(error.retriable),
    topic: error.topic,
    partition: error.partition === undefined ? undefined : String(error.partition),
    offset: error.offset === undefined ? undefined : String(error.offset),
  };
  for (const [name, value] of Object.entries(meta))
    if (value !== undefined) headers[headerPrefix + name] = value;
  return { key: toBuffer(error.raw.key), value: toBuffer(error.raw.value), headers };
}

/**
 * Creates a sink for `decodeStream`: each {@link DecodeError} becomes one record on `topic` (see
 * {@link deadLetterMessage}). A failed send rejects, which ends the stream: nothing is dropped silently.
 *
 * @example
 * ```ts
 * const deadLetter = createKafkaDeadLetterSink({ producer, topic: 'ecommerce-cdc.dlq' });
 * for await (const event of decodeStream(records, decoder, { deadLetter })) apply(event);
 * ```
 */
export function createKafkaDeadLetterSink(options: KafkaDeadLetterSinkOptions): DeadLetterSink {
  const prefix = options.headerPrefix ?? 'cdc.error.';
  return {
    async send(error) {
      await options.producer.send({
        topic: options.topic,
        acks: options.acks ?? -1,
        messages: [deadLetterMessage(error, prefix)],
      });
    },
  };
}

function toBuffer(raw: RawBytes): Buffer | null {
  if (raw === null) return null;
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

function copyHeaders(headers: KafkaHeaders | undefined): IHeaders {
  const out: IHeaders = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    out[name] = Array.isArray(value)
      ? (value as (Uint8Array | string)[]).map((v) => (typeof v === 'string' ? v : toBuffer(v)!))
      : typeof value === 'string'
        ? value
        : toBuffer(value as Uint8Array)!;
  }
  return out;
}
