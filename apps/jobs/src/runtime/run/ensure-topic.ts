import type { Admin } from 'kafkajs';
import { compactedTopic } from '../sinks/kafka-messages.js';

/**
 * The topic's partition count, creating it with `partitions` (and compacted, with `compacted`) when it is missing:
 * the repartition and keyed topics of a two-phase job, the fraud job's rules topic.
 *
 * @example
 * import { Kafka } from 'kafkajs';
 * const admin = new Kafka({ brokers: ['127.0.0.1:19092'] }).admin();
 * await admin.connect();
 * await ensureTopic(admin, 'fraud_rules', 1, { compacted: true }); // 1
 */
export async function ensureTopic(
  admin: Admin,
  topic: string,
  partitions: number,
  options: { readonly compacted?: boolean } = {},
): Promise<number> {
  if (!(await admin.listTopics()).includes(topic)) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        options.compacted
          ? compactedTopic(topic, { numPartitions: partitions })
          : { topic, numPartitions: partitions },
      ],
    });
  }
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  return metadata.topics[0]?.partitions.length ?? partitions;
}
