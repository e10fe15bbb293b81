import { Buffer } from 'node:buffer';
import { EmbeddedSchemaSplitter } from './embedded-schema-split.js';

const message = (schema: string, payload: string) => `{"schema":${schema},"payload":${payload}}`;
const INT = '{"type":"int32"}';
const TEXT = '{"type":"string"}';

describe('EmbeddedSchemaSplitter', () => {
  test('splits a compact message and compiles its schema once', () => {
    const splitter = new EmbeddedSchemaSplitter(8);
    const a = splitter.split(message(INT, '7'), 't', false);
    const b = splitter.split(message(INT, '8'), 't', false);
    expect(a?.payload).toBe('7');
    expect(b?.payload).toBe('8');
    expect(b?.compiled).toBe(a?.compiled);
  });

  test('the byte split applies only once the topic has seen the same schema, values and keys apart', () => {
    const splitter = new EmbeddedSchemaSplitter(8);
    const bytes = Buffer.from(message(INT, '{"id":1}'));
    expect(splitter.splitBytes(bytes, 't', false)).toBeUndefined();
    const text = splitter.split(message(INT, '{"id":0}'), 't', false);
    const half = splitter.splitBytes(bytes, 't', false);
    expect(half?.compiled).toBe(text?.compiled);
    expect(Buffer.from(half?.payload ?? []).toString()).toBe('{"id":1}');
    expect(splitter.splitBytes(bytes, 't', true)).toBeUndefined();
    expect(splitter.splitBytes(bytes, 'other', false)).toBeUndefined();
    expect(splitter.splitBytes(Buffer.from(message(TEXT, '"x"')), 't', false)).toBeUndefined();
    expect(splitter.splitBytes(Buffer.from(`${message(INT, '2')}  \n`), 't', false)?.payload).toEqual(
      Buffer.from('2'),
    );
  });

  test('a schema change on a topic is split and remembered', () => {
    const splitter = new EmbeddedSchemaSplitter(8);
    const first = splitter.split(message(INT, '1'), 't', false);
    const second = splitter.split(message(TEXT, '"a"'), 't', false);
    expect(second?.compiled).not.toBe(first?.compiled);
    expect(splitter.splitBytes(Buffer.from(message(TEXT, '"b"')), 't', false)?.compiled).toBe(
      second?.compiled,
    );
  });

  test('anything not compact is left to the caller', () => {
    const splitter = new EmbeddedSchemaSplitter(8);
    expect(splitter.split(' {"schema":{},"payload":1}', 't', false)).toBeUndefined();
    expect(splitter.split('{"payload":1,"schema":{}}', 't', false)).toBeUndefined();
    expect(splitter.split('{"schema":{"type":,"payload":1}', 't', false)).toBeUndefined();
    expect(splitter.split('{"schema":{},"payload":1', 't', false)).toBeUndefined();
    expect(() => splitter.split('{"schema":[],"payload":1}', 't', false)).toThrow(/schema/);
  });

  test('the schema cache stays bounded', () => {
    const splitter = new EmbeddedSchemaSplitter(2);
    for (let i = 0; i < 10; i++) {
      const schema = `{"type":"int32","name":"n${i}"}`;
      expect(splitter.split(message(schema, String(i)), `t${i}`, false)?.payload).toBe(String(i));
    }
    const cache = (splitter as unknown as { cache: Map<number, unknown[]> }).cache;
    expect([...cache.values()].reduce((n, list) => n + list.length, 0)).toBeLessThanOrEqual(2);
  });
});
