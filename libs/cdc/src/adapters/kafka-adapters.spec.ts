import type { KafkaMessage } from 'kafkajs';
import { createDecoder } from '../decoder.js';
import { decodeStream } from '../decode-stream.js';
import { DecodeError } from '../errors.js';
import { createKafkaDeadLetterSink, deadLetterMessage } from './kafka-dead-letter-sink.js';
import { fromBatch, fromEachMessage } from './kafkajs-record.js';

const message = (value: string | null, offset = '5'): KafkaMessage => ({
  key: Buffer.from('{"id":1}'),
  value: value === null ? null : Buffer.from(value),
  timestamp: '1700000000000',
  attributes: 0,
  offset,
  headers: { trace: Buffer.from('abc') },
});

describe('kafkajs record adapter', () => {
  test('keeps topic, partition, offset, key, value and headers without copying', () => {
    const m = message('{"ts_ms":1}');
    const r = fromEachMessage({ topic: 't', partition: 3, message: m });
    expect(r).toMatchObject({ topic: 't', partition: 3, offset: '5', timestamp: '1700000000000' });
    expect(r.value).toBe(m.value);
    expect(r.key).toBe(m.key);
    expect(r.headers).toBe(m.headers);
  });

  test('fromBatch yields every message in order', () => {
    const records = [
      ...fromBatch({ topic: 't', partition: 0, messages: [message('a', '1'), message('b', '2')] }),
    ];
    expect(records.map((r) => r.offset)).toEqual(['1', '2']);
  });
});

describe('Kafka dead-letter sink', () => {
  test('sends the original bytes with error headers; decodeStream carries on', async () => {
    const sent: unknown[] = [];
    const producer = { send: async (record: unknown) => (sent.push(record), []) };
    const deadLetter = createKafkaDeadLetterSink({ producer, topic: 'cdc.dlq' });
    const records = [
      fromEachMessage({
        topic: 'ecommerce-cdc.public.orders',
        partition: 0,
        message: message('{"op":', '7'),
      }),
      fromEachMessage({
        topic: '__debezium-heartbeat.x',
        partition: 0,
        message: message('{"ts_ms":1}', '8'),
      }),
    ];
    const out = [];
    for await (const e of decodeStream(records, createDecoder(), { deadLetter })) out.push(e.kind);
    expect(out).toEqual(['heartbeat']);
    expect(sent).toHaveLength(1);
    const record = sent[0] as {
      topic: string;
      acks: number;
      messages: { key: Buffer; value: Buffer; headers: Record<string, unknown> }[];
    };
    expect(record.topic).toBe('cdc.dlq');
    expect(record.acks).toBe(-1);
    const m = record.messages[0]!;
    expect(m.value.toString()).toBe('{"op":');
    expect(m.key.toString()).toBe('{"id":1}');
    expect(m.headers).toMatchObject({
      'cdc.error.code': 'MALFORMED_JSON',
      'cdc.error.part': 'value',
      'cdc.error.topic': 'ecommerce-cdc.public.orders',
      'cdc.error.partition': '0',
      'cdc.error.offset': '7',
      'cdc.error.retriable': 'false',
      trace: Buffer.from('abc'),
    });
  });

  test('a string value and missing metadata still make a record', () => {
    const m = deadLetterMessage(
      new DecodeError('INVALID_ENVELOPE', 'x', {
        part: 'value',
        path: ['after', 'total_price'],
        raw: { key: null, value: 'text' },
        topic: '',
        partition: undefined,
        offset: undefined,
        headers: undefined,
      }),
    );
    expect(m.key).toBeNull();
    expect(m.value!.toString()).toBe('text');
    expect(m.headers['cdc.error.path']).toBe('["after","total_price"]');
    expect(m.headers['cdc.error.offset']).toBeUndefined();
  });

  test('a failing producer rejects, so the stream stops instead of dropping', async () => {
    const deadLetter = createKafkaDeadLetterSink({
      producer: { send: async () => Promise.reject(new Error('broker down')) },
      topic: 'dlq',
    });
    const run = async () => {
      for await (const _ of decodeStream([{ value: 'nope' }], createDecoder(), { deadLetter })) void _;
    };
    await expect(run()).rejects.toThrow('broker down');
  });
});
