/**
 * How results map to messages of the compacted output topics: the key is the canonical result id, so compaction
 * keeps exactly the latest value per (job, window, key), and a re-send rewrites the same key.
 */
import type { ITopicConfig, Message, TopicMessages } from 'kafkajs';
import { latestById, resultIdJson } from '../results/result-id.js';
import type { JobResult } from '../stream-job.js';

/**
 * The value of a retraction: a record, not a tombstone (see {@link toKafkaMessage}).
 *
 * @example
 * const retracted = (value: string | null) => value === RETRACTION_VALUE;
 */
export const RETRACTION_VALUE = '{"retracted":true}';

/**
 * Header telling upserts from retractions without parsing the value.
 *
 * @example
 * const op = (headers: Record<string, unknown>) => String(headers[RESULT_OP_HEADER]); // 'upsert' | 'retract'
 */
export const RESULT_OP_HEADER = 'ecom-op';

/**
 * The message of one result. Key: `resultIdJson(id)`. Value: the result's JSON, or {@link RETRACTION_VALUE} when
 * the result is retracted; header `ecom-op` is `upsert` or `retract`. Retractions are records rather than null
 * tombstones because compaction drops tombstones after `delete.retention.ms`: a consumer away for longer would miss
 * the retraction and keep the stale window forever, while a record stays as the key's latest value.
 *
 * @example
 * toKafkaMessage({ topic: 'statistics_revenue', id: { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' }, value: null });
 * // { key: '{"job":"revenue","windowStart":0,"windowEnd":60000,"key":"all"}', value: '{"retracted":true}', headers: { 'ecom-op': 'retract' } }
 */
export function toKafkaMessage(result: JobResult): Message {
  const retract = result.value === null;
  return {
    key: resultIdJson(result.id),
    value: retract ? RETRACTION_VALUE : JSON.stringify(result.value),
    headers: { [RESULT_OP_HEADER]: retract ? 'retract' : 'upsert' },
  };
}

/**
 * The latest result per id (`latestById`), grouped by topic in that order: one `sendBatch` for a whole batch.
 *
 * @example
 * const id = { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' };
 * toTopicMessages([{ topic: 'statistics_revenue', id, value: { total_orders: 2 } }]);
 * // [{ topic: 'statistics_revenue', messages: [{ key: '{"job":"revenue",…}', value: '{"total_orders":2}', headers: … }] }]
 */
export function toTopicMessages(results: readonly JobResult[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const result of latestById(results)) {
    const messages = byTopic.get(result.topic) ?? [];
    messages.push(toKafkaMessage(result));
    byTopic.set(result.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * The kafkajs `createTopics` entry of an output topic: compacted (`cleanup.policy=compact`), so the topic keeps
 * the latest value per result id.
 *
 * @example
 * import { Kafka } from 'kafkajs';
 * const admin = new Kafka({ brokers: ['127.0.0.1:9092'] }).admin();
 * await admin.createTopics({ topics: [compactedTopic('statistics_revenue', { numPartitions: 3 })] });
 */
export function compactedTopic(
  topic: string,
  options: { numPartitions?: number; replicationFactor?: number } = {},
): ITopicConfig {
  return {
    topic,
    ...(options.numPartitions === undefined ? {} : { numPartitions: options.numPartitions }),
    ...(options.replicationFactor === undefined ? {} : { replicationFactor: options.replicationFactor }),
    configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
  };
}
