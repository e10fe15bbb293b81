/**
 * `jobs topics peek`: the original's check_kafka_topic.py, readable. Each record of a topic as one JSON line: a CDC
 * change decoded by @ecom/cdc (op, table, key, before, after; decimals exact, times ISO), a JSON value as it is (result
 * and repartition topics), anything else as text with the decoder's error code.
 */
import { fromKafkaMessage } from '@ecom/cdc/adapters';
import type { Decoder } from '@ecom/cdc';
import type { Kafka } from 'kafkajs';

/**
 * Options of {@link peekTopic}.
 *
 * @example
 * import { createDecoder } from '@ecom/cdc';
 * declare const kafka: import('kafkajs').Kafka;
 * const options: PeekOptions = { kafka, topic: 'statistics_revenue', fromBeginning: true, limit: 10, decoder: createDecoder(), write: console.log };
 */
export interface PeekOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  /** From the first record (else only records that arrive from now on). */
  readonly fromBeginning: boolean;
  /** Stop after this many records. */
  readonly limit: number;
  readonly decoder: Decoder;
  readonly write: (line: string) => void;
  /** With `fromBeginning`: stop once the end offsets seen at the start are reached. Default true. */
  readonly stopAtEnd?: boolean;
  /** Stop after this long in any case (ms). Default: no limit. */
  readonly timeoutMs?: number;
}

const json = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return String(v);
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    return v;
  });

/**
 * One record as a line.
 *
 * @example
 * import { createDecoder } from '@ecom/cdc';
 * await describeRecord(createDecoder(), { topic: 't', partition: 0, offset: '3', key: null, value: 'hello' });
 * // '{"partition":0,"offset":"3","key":null,"error":"MALFORMED_JSON","text":"hello"}'
 */
export async function describeRecord(
  decoder: Decoder,
  record: Parameters<Decoder['decode']>[0],
): Promise<string> {
  const at = { partition: record.partition, offset: record.offset };
  const decoded = await decoder.decode(record);
  if (decoded.ok && decoded.value.kind === 'change') {
    const e = decoded.value;
    return json({
      ...at,
      op: e.op,
      table: `${e.schema}.${e.table}`,
      key: e.key,
      before: e.before,
      after: e.after,
      ts_ms: e.ts_ms,
    });
  }
  const text = (raw: typeof record.value): string | null =>
    raw === null || raw === undefined
      ? null
      : typeof raw === 'string'
        ? raw
        : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  const key = text(record.key);
  const value = text(record.value);
  if (decoded.ok) return json({ ...at, kind: decoded.value.kind, key });
  try {
    return json({ ...at, key, value: value === null ? null : (JSON.parse(value) as unknown) });
  } catch {
    return json({ ...at, key, error: decoded.error.code, text: value });
  }
}

/**
 * Reads `topic` with a throw-away consumer group (nothing is committed) and writes one line per record until `limit`
 * records, the end (from the beginning) or the timeout. Resolves to the number of records written.
 *
 * @example
 * declare const options: PeekOptions;
 * const n = await peekTopic({ ...options, limit: 5 });
 */
export async function peekTopic(options: PeekOptions): Promise<number> {
  const { kafka, topic, limit, decoder, write } = options;
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  /** Per partition: the next offset to print, and the end offset when the peek started. */
  const next = new Map(ends.map((e) => [e.partition, BigInt(e.low)]));
  const atEnd = () => ends.every((e) => (next.get(e.partition) ?? 0n) >= BigInt(e.high));
  const stopAtEnd = options.fromBeginning && (options.stopAtEnd ?? true);
  const consumer = kafka.consumer({ groupId: `ecom-jobs-peek-${process.pid}-${Date.now()}` });
  let written = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: options.fromBeginning });
    if (stopAtEnd && atEnd()) return 0;
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        if (written >= limit) return;
        write(await describeRecord(decoder, fromKafkaMessage(topic, partition, message)));
        written++;
        next.set(partition, BigInt(message.offset) + 1n);
        if (written >= limit || (stopAtEnd && atEnd())) finish();
      },
    });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(finish, options.timeoutMs);
    await done;
    clearTimeout(timer);
  } finally {
    await consumer.disconnect();
  }
  return written;
}
