// The Kafka sink's message mapping, with a recording producer (no Kafka here; the run loop's tests use the stack).
import type { ProducerBatch } from 'kafkajs';
import type { JobResult } from '../stream-job.js';
import { compactedTopic, RETRACTION_VALUE, toKafkaMessage, toTopicMessages } from './kafka-messages.js';
import { KafkaResultSink } from './kafka-result-sink.js';

const revenue = (windowStart: number, value: JobResult['value']): JobResult => ({
  topic: 'statistics_revenue',
  id: { job: 'revenue', windowStart, windowEnd: windowStart + 60_000, key: 'all' },
  value,
});
const top = (key: string, rank: number): JobResult => ({
  topic: 'statistics_top_product',
  id: { job: 'top-products', windowStart: 0, windowEnd: 60_000, key },
  value: { metric: 'top_product', product_id: Number(key), rank, total_revenue: '99.90' },
});

describe('toKafkaMessage', () => {
  it('keys by the canonical result id and keeps the value JSON as the job built it', () => {
    const value = {
      metric: 'revenue',
      window_start: '2025-01-31T10:00:00.000Z',
      total_revenue: '129.90',
      total_orders: 2,
    };
    expect(toKafkaMessage(revenue(1_738_317_600_000, value))).toEqual({
      key: '{"job":"revenue","windowStart":1738317600000,"windowEnd":1738317660000,"key":"all"}',
      value: JSON.stringify(value),
      headers: { 'ecom-op': 'upsert' },
    });
  });

  it('sends a retraction as a record, never a null tombstone', () => {
    const message = toKafkaMessage(revenue(0, null));
    expect(message.value).toBe(RETRACTION_VALUE);
    expect(JSON.parse(message.value as string)).toEqual({ retracted: true });
    expect(message.headers).toEqual({ 'ecom-op': 'retract' });
  });

  it('gives the same key bytes for the same id, so compaction keeps one value per window and key', () => {
    const a = toKafkaMessage(revenue(0, { n: 1 }));
    const b = toKafkaMessage({
      ...revenue(0, { n: 2 }),
      id: { key: 'all', windowEnd: 60_000, windowStart: 0, job: 'revenue' },
    });
    expect(b.key).toBe(a.key);
  });
});

describe('toTopicMessages', () => {
  it('groups by topic and sends only the latest value per id, in the order of the latest values', () => {
    const batch = toTopicMessages([
      revenue(0, { n: 1 }),
      top('7', 1),
      revenue(0, { n: 2 }),
      top('9', 2),
      revenue(60_000, null),
    ]);
    expect(batch.map((t) => [t.topic, t.messages.map((m) => m.value)])).toEqual([
      ['statistics_top_product', [JSON.stringify(top('7', 1).value), JSON.stringify(top('9', 2).value)]],
      ['statistics_revenue', ['{"n":2}', RETRACTION_VALUE]],
    ]);
  });
});

describe('KafkaResultSink', () => {
  it('sends one batch with acks from all in-sync replicas', async () => {
    const sent: ProducerBatch[] = [];
    const sink = new KafkaResultSink({ sendBatch: async (batch) => (sent.push(batch), []) });
    await sink.write([revenue(0, { n: 1 }), top('7', 1)]);
    await sink.write([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      acks: -1,
      topicMessages: [{ topic: 'statistics_revenue' }, { topic: 'statistics_top_product' }],
    });
  });

  it('refuses bad results before sending, and reports a failed send as SINK_FAILED', async () => {
    const sink = new KafkaResultSink({
      sendBatch: async () => {
        throw Object.assign(new Error('broker went away'), { retriable: true });
      },
    });
    await expect(sink.write([{ ...revenue(0, null), topic: '' }])).rejects.toMatchObject({
      code: 'INVALID_RESULT',
    });
    await expect(sink.write([revenue(0, null)])).rejects.toMatchObject({
      code: 'SINK_FAILED',
      retriable: true,
      message: 'kafka: broker went away',
    });
  });
});

describe('compactedTopic', () => {
  it('creates output topics with cleanup.policy=compact', () => {
    expect(compactedTopic('statistics_revenue', { numPartitions: 3, replicationFactor: 1 })).toEqual({
      topic: 'statistics_revenue',
      numPartitions: 3,
      replicationFactor: 1,
      configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
    });
    expect(compactedTopic('t')).toEqual({
      topic: 't',
      configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
    });
  });
});
