import { stackKafka } from '../services/kafka.js';
import { check, withTimeout, type SmokeCheck } from './smoke-check.js';

const MESSAGES = 1000;
const PARTITIONS = 3;

/**
 * kafkajs: produce then consume 1,000 messages on a 3-partition topic; checks count and per-partition order.
 *
 * @example
 * ```ts
 * await kafkaSmoke.run(cfg, 'r1');
 * ```
 */
export const kafkaSmoke: SmokeCheck = {
  name: 'kafka',
  async run(cfg, runId) {
    const kafka = stackKafka(cfg, 'ecom-smoke');
    const topic = `smoke-${runId}`;
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
    const consumer = kafka.consumer({ groupId: `smoke-${runId}`, allowAutoTopicCreation: false });
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
      await producer.connect();
      const messages = Array.from({ length: MESSAGES }, (_, i) => ({ partition: i % PARTITIONS, key: `k${i % PARTITIONS}`, value: String(i) }));
      for (let i = 0; i < MESSAGES; i += 250) await producer.send({ topic, messages: messages.slice(i, i + 250) });

      const lastSeen = new Map<number, number>();
      let count = 0;
      let disorder = '';
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          consumer
            .run({
              eachMessage: async ({ partition, message }) => {
                const n = Number(message.value?.toString());
                const prev = lastSeen.get(partition) ?? -1;
                if (n <= prev || n % PARTITIONS !== partition) disorder ||= `partition ${partition}: ${n} after ${prev}`;
                lastSeen.set(partition, n);
                count += 1;
                if (count === MESSAGES) resolve();
              },
            })
            .catch(reject);
        }),
        60_000,
        `consuming ${MESSAGES} messages from ${topic} (got ${count})`,
      );
      check(!disorder, `out of order: ${disorder}`);
      check(count === MESSAGES, `consumed ${count} of ${MESSAGES}`);
      return `${MESSAGES} msgs on ${PARTITIONS} partitions, per-partition order ok`;
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.deleteGroups([`smoke-${runId}`]).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  },
};
