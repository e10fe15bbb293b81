/**
 * A generated corpus of malformed messages (issue 5 §6). Each entry names the error code it must yield.
 */
import type { DecodeErrorCode } from '../src/errors.js';
import type { KafkaRecordLike } from '../src/types.js';
import { avroMessage, orderEnvelopeSchema, schemalessMessage, withSchemaMessage } from './fixtures.js';

export interface BadInput {
  name: string;
  record: KafkaRecordLike;
  code: DecodeErrorCode;
}

const topic = 'ecommerce-cdc.public.orders';
const rec = (value: KafkaRecordLike['value'], key: KafkaRecordLike['key'] = null): KafkaRecordLike => ({
  topic,
  partition: 0,
  offset: '1',
  key,
  value,
});

export function badInputCorpus(): BadInput[] {
  const out: BadInput[] = [];
  const add = (
    name: string,
    value: KafkaRecordLike['value'],
    code: DecodeErrorCode,
    key: KafkaRecordLike['key'] = null,
  ) => out.push({ name, record: rec(value, key), code });

  // Truncated JSON (schemaless and with schema, bytes and strings).
  const s = schemalessMessage(1);
  const w = withSchemaMessage(1);
  for (const cut of [1, 2, 10, 57, 100, 200, 333, s.length - 40, s.length - 2, s.length - 1])
    add(`truncated schemaless at ${cut}`, Buffer.from(s.slice(0, cut)), 'MALFORMED_JSON');
  for (const cut of [1, 11, 500, 2000, 4000, w.length - 300, w.length - 1])
    add(`truncated with-schema at ${cut}`, w.slice(0, cut), 'MALFORMED_JSON');
  for (const junk of [
    '{',
    '}',
    '{"op":',
    '{"op":"c",}',
    "{'op':'c'}",
    'nul',
    'tru',
    '{"a":01}',
    '{"a":1e}',
    '{"a":"\\x"}',
    '\uFEFF{"op":"c"}x',
  ])
    add(`not JSON ${JSON.stringify(junk)}`, junk, 'MALFORMED_JSON');
  add('invalid UTF-8', Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'MALFORMED_JSON');

  // Wrong magic byte.
  const avro = avroMessage(1);
  for (const b of [1, 2, 3, 4, 5, 6, 7, 8, 0x0b, 0x0c, 0x0e, 0x10, 0x1f]) {
    const bad = Buffer.from(avro);
    bad[0] = b;
    add(`magic byte 0x${b.toString(16)}`, bad, 'UNKNOWN_MAGIC_BYTE');
  }
  add('magic byte in the key', s, 'UNKNOWN_MAGIC_BYTE', Uint8Array.from([2, 0, 0, 0, 1, 2]));

  // Unknown schema id (the corpus decoder's registry knows only ids 11 and 12).
  for (const id of [0, 1, 10, 13, 999, 65536, 2 ** 31 - 1, 2 ** 32 - 1]) {
    const bad = Buffer.from(avro);
    bad.writeUInt32BE(id, 1);
    add(`unknown schema id ${id}`, bad, 'UNKNOWN_SCHEMA_ID');
  }
  add('Confluent frame shorter than 5 bytes', Uint8Array.from([0, 0, 0]), 'SCHEMA_MISMATCH');

  // Avro body damage.
  for (const cut of [5, 6, 20, 100, avro.length - 1])
    add(`truncated Avro at ${cut}`, avro.subarray(0, cut), 'SCHEMA_MISMATCH');
  add('Avro trailing bytes', Buffer.concat([avro, Buffer.from([1, 2, 3])]), 'SCHEMA_MISMATCH');
  add(
    'Avro union index out of range',
    Buffer.concat([avro.subarray(0, 5), Buffer.from([0x7e])]),
    'SCHEMA_MISMATCH',
  );

  // Bad base64 in a decimal (with schema) and in message.content.
  for (const b64 of ['@@@=', 'AJw', 'A===', '!!!!', 'AJw=AJw', 'AJ w=', 'AJx=', 'é===', '====']) {
    add(
      `bad base64 decimal ${JSON.stringify(b64)}`,
      w.replace(/"total_price":"[^"]+"/, `"total_price":${JSON.stringify(b64)}`),
      'SCHEMA_MISMATCH',
    );
  }
  add(
    'decimal with too many fraction digits',
    w.replace(/"total_price":"[^"]+"/, '"total_price":1.234'),
    'SCHEMA_MISMATCH',
  );
  add(
    'bad base64 in message.content',
    '{"op":"m","source":{"table":""},"message":{"prefix":"p","content":"%%%"}}',
    'SCHEMA_MISMATCH',
  );

  // Unknown op.
  for (const op of ['x', 'C', 'create', '', 'cc', 'insert', 'U '])
    add(
      `unknown op ${JSON.stringify(op)}`,
      s.replace('"op":"c"', `"op":${JSON.stringify(op)}`),
      'UNKNOWN_OP',
    );
  for (const op of ['1', 'null', 'true', '["c"]'])
    add(`non-string op ${op}`, s.replace('"op":"c"', `"op":${op}`), 'INVALID_ENVELOPE');
  add('unknown __op in an unwrapped record', '{"id":1,"__op":"z"}', 'UNKNOWN_OP');

  // Missing payload and other envelope damage.
  add('schema without payload', JSON.stringify({ schema: orderEnvelopeSchema }), 'INVALID_ENVELOPE');
  add('payload null', JSON.stringify({ schema: orderEnvelopeSchema, payload: null }), 'INVALID_ENVELOPE');
  for (const v of [
    '{}',
    '[]',
    '"text"',
    '42',
    'null',
    'true',
    '{"before":null,"after":{"id":1}}',
    '{"payload":{"op":"c"}}',
  ])
    add(`not an envelope ${v}`, v, 'INVALID_ENVELOPE');
  add(
    'create without after',
    '{"op":"c","before":null,"after":null,"source":{"table":"t"}}',
    'INVALID_ENVELOPE',
  );
  add(
    'delete with after',
    '{"op":"d","before":null,"after":{"id":1},"source":{"table":"t"}}',
    'INVALID_ENVELOPE',
  );
  add('after is a string', '{"op":"c","after":"row","source":{"table":"t"}}', 'INVALID_ENVELOPE');
  add('missing source', '{"op":"c","after":{"id":1}}', 'INVALID_ENVELOPE');
  add('lsn as text', '{"op":"c","after":{"id":1},"source":{"table":"t","lsn":"12"}}', 'INVALID_ENVELOPE');
  add(
    'unknown snapshot marker',
    '{"op":"r","after":{"id":1},"source":{"table":"t","snapshot":"maybe"}}',
    'INVALID_ENVELOPE',
  );
  add(
    'transaction block is a number',
    '{"op":"c","after":{"id":1},"source":{"table":"t"},"transaction":5}',
    'INVALID_ENVELOPE',
  );
  add('heartbeat without ts_ms', '{"ts_ms":null}', 'INVALID_ENVELOPE');

  // Schema problems.
  const schemaWith = (field: object, value: unknown) =>
    JSON.stringify({
      schema: {
        type: 'struct',
        fields: [
          { type: 'struct', optional: true, field: 'after', fields: [{ ...field, field: 'x' }] },
          { type: 'string', field: 'op' },
        ],
      },
      payload: { op: 'c', after: { x: value }, source: { table: 't' } },
    });
  add('unknown Connect type', schemaWith({ type: 'int128' }, 1), 'UNSUPPORTED_TYPE');
  add('struct without fields', schemaWith({ type: 'struct' }, {}), 'INVALID_SCHEMA');
  add(
    'Decimal without scale',
    schemaWith({ type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal' }, 'AA=='),
    'INVALID_SCHEMA',
  );
  add('required field is null', schemaWith({ type: 'int32', optional: false }, null), 'SCHEMA_MISMATCH');
  add('int32 out of range', schemaWith({ type: 'int32' }, 2 ** 31), 'SCHEMA_MISMATCH');
  add('int16 not an integer', schemaWith({ type: 'int16' }, 1.5), 'SCHEMA_MISMATCH');
  add('string where int64 expected', schemaWith({ type: 'int64' }, '1'), 'SCHEMA_MISMATCH');
  add('boolean as string', schemaWith({ type: 'boolean' }, 'true'), 'SCHEMA_MISMATCH');
  add('array where struct expected', schemaWith({ type: 'struct', fields: [] }, []), 'SCHEMA_MISMATCH');
  add(
    'VariableScaleDecimal without value',
    schemaWith(
      {
        type: 'struct',
        name: 'io.debezium.data.VariableScaleDecimal',
        fields: [
          { type: 'int32', field: 'scale' },
          { type: 'bytes', field: 'value', optional: true },
        ],
      },
      { scale: 2 },
    ),
    'SCHEMA_MISMATCH',
  );

  // Deep nesting.
  for (const depth of [100, 1000, 100_000]) {
    add(
      `column nested ${depth} deep`,
      `{"op":"c","after":{"x":${'['.repeat(depth)}${']'.repeat(depth)}},"source":{"table":"t"}}`,
      'NESTING_TOO_DEEP',
    );
  }
  add(
    'deep objects in a column',
    `{"op":"c","after":{"x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}},"source":{"table":"t"}}`,
    'NESTING_TOO_DEEP',
  );
  add('deep unclosed arrays', '['.repeat(1_000_000), 'MALFORMED_JSON');
  add('deep top-level array', `${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'INVALID_ENVELOPE');

  // Size.
  add('10 MB value', Buffer.alloc(10 * 1024 * 1024, 0x20), 'VALUE_TOO_LARGE');
  add('10 MB string value', `{"op":"c","after":{"x":"${'a'.repeat(10 * 1024 * 1024)}"}}`, 'VALUE_TOO_LARGE');
  return out;
}
