/**
 * Reading Kafka topics and checkpoint progress in the runtime's Kafka specs.
 */
import type { Admin, Kafka } from 'kafkajs';
import type { CheckpointStore } from '../checkpoints/checkpoint-store.js';
import { waitFor } from './wait-for.js';

/**
 * A record as the specs compare it: key, value and headers as text.
 *
 * @example
 * const m: TopicRecord = { key: 'k', value: '{}', headers: { 'ecom-op': 'retract' } };
 */
export interface TopicRecord {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/**
 * Every record of `topic` from the offsets in `from` (per partition; default the start) to the current end, read by
 * a fresh consumer group; throws after 60 s without them all.
 *
 * @example
 * declare const kafka: import('kafkajs').Kafka, admin: import('kafkajs').Admin;
 * const letters = await readTopic(kafka, admin, 'ecom-jobs.revenue.dlq');
 */
export async function readTopic(
  kafka: Kafka,
  admin: Admin,
  topic: string,
  from: ReadonlyMap<number, string> = new Map(),
): Promise<TopicRecord[]> {
  const ends = await admin.fetchTopicOffsets(topic);
  const want = ends.reduce((n, e) => n + Number(BigInt(e.high) - BigInt(from.get(e.partition) ?? e.low)), 0);
  const consumer = kafka.consumer({ groupId: `read-${topic}-${Date.now()}-${Math.random()}` });
  const got: TopicRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (BigInt(message.offset) < BigInt(from.get(partition) ?? '0')) return;
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      got.push({ key: String(message.key), value: String(message.value), headers });
    },
  });
  try {
    await waitFor(async () => got.length >= want, 60_000);
  } finally {
    await consumer.disconnect();
  }
  return got;
}

/**
 * The latest value per key of a result topic's records (a compacted topic's view), retractions removed, for the
 * keys that contain `job`'s name.
 *
 * @example
 * latestOnTopic([{ key: '["revenue",0,60000,"all"]', value: '{"total_orders":1}', headers: {} }], 'revenue').size; // 1
 */
export function latestOnTopic(records: readonly TopicRecord[], job: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of records) {
    if (!m.key.includes(`"${job}"`)) continue;
    out.delete(m.key);
    if (m.headers['ecom-op'] !== 'retract') out.set(m.key, JSON.parse(m.value));
  }
  return out;
}

/**
 * Whether `job`'s checkpoints have reached the end of every partition of `topic` (an empty partition needs none).
 *
 * @example
 * declare const admin: import('kafkajs').Admin, store: CheckpointStore;
 * await waitFor(() => committedEnd(admin, store, 'revenue', 'ecommerce-cdc.public.orders'), 60_000);
 */
export async function committedEnd(
  admin: Admin,
  store: CheckpointStore,
  job: string,
  topic: string,
): Promise<boolean> {
  const ends = await admin.fetchTopicOffsets(topic);
  const checkpoints = await store.load(
    job,
    ends.map((e) => ({ source: topic, partition: e.partition })),
    { state: false },
  );
  // An empty partition (high 0) is at its end without a checkpoint.
  return ends.every(
    (e) => (checkpoints.find((c) => c.partition === e.partition)?.nextOffset ?? '0') === e.high,
  );
}
