import type { ProducerBatch } from 'kafkajs';
import type { CdcRecord } from './cdc-record.js';
import { createKafkaCdcSink, toTopicMessages } from './kafka-cdc-sink.js';

const rec = (topic: string, key: string | null, value: string | null, index: number): CdcRecord => ({
  topic,
  key,
  value,
  position: { commitLsn: 10n, lsn: 9n, index, snapshot: false },
});

describe('createKafkaCdcSink', () => {
  it('sends one batch per call, grouped by topic in order, with acks=-1', async () => {
    const sent: ProducerBatch[] = [];
    const sink = createKafkaCdcSink({ sendBatch: async (b: ProducerBatch) => (sent.push(b), []) });
    await sink([
      rec('a', '{"id":1}', '{"op":"c"}', 0),
      rec('b', null, '{"op":"t"}', 1),
      rec('a', '{"id":1}', null, 2),
    ]);
    await sink([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      acks: -1,
      timeout: 30_000,
      topicMessages: [
        {
          topic: 'a',
          messages: [
            { key: '{"id":1}', value: '{"op":"c"}' },
            { key: '{"id":1}', value: null },
          ],
        },
        { topic: 'b', messages: [{ key: null, value: '{"op":"t"}' }] },
      ],
    });
  });

  it('rejects when Kafka rejects, so nothing is confirmed', async () => {
    const sink = createKafkaCdcSink({ sendBatch: async () => Promise.reject(new Error('broker down')) });
    await expect(sink([rec('a', null, '{}', 0)])).rejects.toThrow('broker down');
  });

  it('maps topics', () => {
    expect(toTopicMessages([rec('a', null, 'x', 0)], (r) => `dev.${r.topic}`)[0]?.topic).toBe('dev.a');
  });

  it('splits a big transaction into requests of at most maxRequestBytes, in order', async () => {
    const sent: string[][] = [];
    const sink = createKafkaCdcSink(
      {
        sendBatch: async (batch) => {
          sent.push((batch.topicMessages ?? []).flatMap((t) => t.messages.map((m) => String(m.value))));
          return [];
        },
      },
      { maxRequestBytes: 10 },
    );
    await sink([
      rec('a', null, '12345', 0),
      rec('a', null, '6789', 1),
      rec('a', null, 'abcdefghijkl', 2),
      rec('a', null, 'z', 3),
    ]);
    expect(sent).toEqual([['12345', '6789'], ['abcdefghijkl'], ['z']]);
  });
});
