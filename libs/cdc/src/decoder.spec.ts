import {
  avroKey,
  avroMessage,
  base64,
  keyWithSchema,
  orderCase,
  orderEnvelopeAvro,
  orderKeyAvro,
  schemalessMessage,
  stringifyExact,
  twosComplement,
  withSchemaMessage,
} from '../test/fixtures.js';
import { toCanonicalJson } from './canonical-json.js';
import { isEcomError } from '@ecom/domain';
import { createDecoder } from './decoder.js';
import { CdcError, DecodeError } from './errors.js';
import { InMemorySchemaRegistry, writeConfluentFrame } from './schema-registry.js';
import type { ChangeEvent } from './types.js';
import { UNAVAILABLE, fillUnavailable } from './unavailable.js';
import { changeOf as change, errorOf, eventOf } from '../test/decode-results.js';

const topic = 'ecommerce-cdc.public.orders';
const registry = () =>
  new InMemorySchemaRegistry({ 11: orderEnvelopeAvro as never, 12: orderKeyAvro as never });

describe('the three wire forms agree', () => {
  const typeMap = {
    'public.orders': {
      total_price: 'numeric(12,2)',
      created_at: 'timestamp(6)',
      order_date: 'date',
      token: 'uuid',
    },
  };
  test.each([0, 1, 17, 34, 250])('order %i', async (i) => {
    const c = orderCase(i);
    const decoder = createDecoder({ registry: registry(), typeMap });
    const json = change(
      decoder.decodeSync({
        topic,
        key: Buffer.from(keyWithSchema(i)),
        value: Buffer.from(withSchemaMessage(i)),
      }),
    );
    const schemaless = change(
      decoder.decodeSync({ topic, key: Buffer.from(`{"id":${c.id}}`), value: schemalessMessage(i) }),
    );
    const avro = change(await decoder.decode({ topic, key: avroKey(i), value: avroMessage(i) }));
    const strip = (e: ChangeEvent) => JSON.parse(toCanonicalJson({ ...e, format: undefined }));
    expect(strip(schemaless)).toEqual(strip(json));
    expect(strip(avro)).toEqual(strip(json));
    expect(json.after?.['total_price']).toBe((Number(c.totalCents) / 100).toFixed(2));
    expect(json.ts_ns).toBe(c.tsNs);
    expect(json.key).toEqual({ id: c.id });
    expect(json.source.lsn).toBe(BigInt(c.lsn));
  });
  test('schema cache: the second decode of the same schema gives the same result', () => {
    const decoder = createDecoder();
    const a = decoder.decodeSync({ topic, value: withSchemaMessage(5) });
    const b = decoder.decodeSync({ topic, value: withSchemaMessage(5) });
    expect(toCanonicalJson(b)).toBe(toCanonicalJson(a));
  });
});

describe('embedded schema: the byte-level split', () => {
  // After the first message of a topic, Buffer values whose schema half repeats the topic's last schema are split on
  // the bytes (the schema half is never decoded); strings always take the text path. Both must agree.
  const decodeAll = (values: (string | Buffer)[], asBuffers: boolean) => {
    const decoder = createDecoder();
    return values.map((v) => {
      const value = asBuffers ? Buffer.from(v) : v.toString();
      return toCanonicalJson(decoder.decodeSync({ topic, key: Buffer.from(keyWithSchema(1)), value }));
    });
  };

  test('agrees with the text path, across schema changes on the same topic', () => {
    const other = (i: number) =>
      withSchemaMessage(i).replace('"name":"ecommerce-cdc.public.orders.Envelope"', '"name":"x.Envelope"');
    const values = [
      withSchemaMessage(1),
      withSchemaMessage(2),
      other(3),
      other(4),
      withSchemaMessage(5),
      ` ${withSchemaMessage(6)}\n`,
    ];
    expect(other(3)).not.toBe(withSchemaMessage(3));
    expect(decodeAll(values, true)).toEqual(decodeAll(values, false));
    expect(decodeAll(values, true).every((c) => c.includes('"kind":"change"'))).toBe(true);
  });

  test("invalid UTF-8 in the payload half is MALFORMED_JSON; a mangled payload is the text path's error", () => {
    const decoder = createDecoder();
    expect(eventOf(decoder.decodeSync({ topic, value: Buffer.from(withSchemaMessage(1)) })).kind).toBe(
      'change',
    );
    const good = Buffer.from(withSchemaMessage(2));
    const badUtf8 = Buffer.concat([
      good.subarray(0, good.length - 20),
      Buffer.from([0xc3, 0x28]),
      good.subarray(good.length - 18),
    ]);
    const r = decoder.decodeSync({ topic, value: badUtf8 });
    expect(errorOf(r).code).toBe('MALFORMED_JSON');
    const truncated = Buffer.from(withSchemaMessage(3).replace(',"op":"c"', ',"op":'));
    const t = decoder.decodeSync({ topic, value: truncated });
    expect(errorOf(t).code).toBe('MALFORMED_JSON');
  });

  test('a payload that needs the exact parser still decodes exactly', () => {
    // The source and envelope ts_ns become two different literals with the same double: only the exact parser can
    // tell which is which, so the byte path hands the whole text to it.
    const decoder = createDecoder();
    decoder.decodeSync({ topic, value: Buffer.from(withSchemaMessage(1)) });
    const c = orderCase(2);
    const sourceTsNs = (c.tsNs / 1_000_000n - 180n) * 1_000_000n;
    const text = withSchemaMessage(2).replace(`"ts_ns":${sourceTsNs}`, `"ts_ns":${c.tsNs + 1n}`);
    expect(text).not.toBe(withSchemaMessage(2));
    expect(Number(c.tsNs + 1n)).toBe(Number(c.tsNs));
    const r = change(decoder.decodeSync({ topic, value: Buffer.from(text) }));
    expect(r.ts_ns).toBe(c.tsNs);
    expect(r.source.ts_ns).toBe(c.tsNs + 1n);
  });
});

describe('keys read from bytes', () => {
  // Compact flat keys are parsed straight from the bytes; string keys and anything unusual take the text path.
  test.each([
    ['{"id":100001}', undefined],
    ['{"customer_id":7,"product_id":12}', undefined],
    ['{"id":9007199254740993}', undefined],
    ['{ "id": 1 }', undefined],
    ['{"id":"Áo"}', undefined],
    ['{"id":12}', { 'public.orders': { id: 'numeric(12,2)' } }],
    ['{"id":"__debezium_unavailable_value"}', undefined],
  ] as const)('%s agrees with the text path', (key, typeMap) => {
    const decoder = createDecoder(typeMap ? { typeMap } : {});
    const value = schemalessMessage(1);
    const fromBytes = decoder.decodeSync({ topic, key: Buffer.from(key), value });
    const fromText = decoder.decodeSync({ topic, key, value });
    expect(toCanonicalJson(fromBytes)).toBe(toCanonicalJson(fromText));
    expect(eventOf(fromBytes).kind).toBe('change');
  });

  test('keys with a schema: once the topic has seen the schema, the payload half is read from the bytes', () => {
    // Same keys as bytes and as strings, through the cached-schema byte path: ordinary ids, an id beyond 2^53 (needs
    // the exact text), a null payload, a key whose schema changes mid-topic, and whitespace around the message.
    const retyped = (i: number) => keyWithSchema(i).replace('"type":"int64"', '"type":"int32"');
    const keys = [
      keyWithSchema(1),
      keyWithSchema(2),
      keyWithSchema(3).replace(/"payload":\{"id":\d+\}/, '"payload":{"id":9007199254740993}'),
      keyWithSchema(4).replace(/"payload":\{"id":\d+\}/, '"payload":null'),
      retyped(5),
      retyped(6),
      ` ${keyWithSchema(7)}\n`,
    ];
    expect(keys[2]).toContain('9007199254740993');
    expect(retyped(5)).not.toBe(keyWithSchema(5));
    const run = (asBuffers: boolean) => {
      const decoder = createDecoder();
      const value = schemalessMessage(1);
      return keys.map((k) => {
        const r = decoder.decodeSync({ topic, key: asBuffers ? Buffer.from(k) : k, value });
        return r.ok && r.value.kind === 'change' ? r.value.key : r;
      });
    };
    const fromBytes = run(true);
    expect(fromBytes).toEqual(run(false));
    expect(fromBytes[1]).toEqual({ id: orderCase(2).id });
    expect(fromBytes[2]).toEqual({ id: 9007199254740993n });
    expect(fromBytes[3]).toBeNull();
  });
});

describe('lossless int64', () => {
  test('columns beyond 2^53 come out as bigint', () => {
    const v = stringifyExact({
      op: 'c',
      before: null,
      after: { id: 1, big: 9223372036854775807n, nested: { big: -9007199254740993n }, small: 42 },
      source: { table: 'orders', schema: 'public', lsn: 1n << 60n },
      ts_ms: 1,
    });
    const e = change(createDecoder().decodeSync({ topic, value: v }));
    expect(e.after).toEqual({
      id: 1,
      big: 9223372036854775807n,
      nested: { big: -9007199254740993n },
      small: 42,
    });
    expect(e.source.lsn).toBe(1n << 60n);
  });
  test('ambiguous literals (same key, same double) fall back to the exact parser', () => {
    const v = stringifyExact({
      op: 'u',
      before: { id: 1, v: 9007199254740993n },
      after: { id: 1, v: 9007199254740992n },
      source: { table: 't' },
    });
    const e = change(createDecoder().decodeSync({ topic, value: v }));
    expect(e.before?.['v']).toBe(9007199254740993n);
    expect(e.after?.['v']).toBe(9007199254740992n);
  });
  test('array elements beyond 2^53', () => {
    const v = stringifyExact({
      op: 'c',
      before: null,
      after: { ids: [1n, 18014398509481985n] },
      source: { table: 't' },
    });
    expect(change(createDecoder().decodeSync({ topic, value: v })).after).toEqual({
      ids: [1, 18014398509481985n],
    });
  });
});

describe('unchanged TOAST', () => {
  const P = '__debezium_unavailable_value';
  const codes = Array.from(P, (c) => c.charCodeAt(0));
  test('every placeholder shape becomes UNAVAILABLE (schemaless)', () => {
    const after = {
      id: 7,
      text: P,
      bytes: 'X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==',
      uuid: 'b68a35a7-17ad-35b3-af2a-ae46edb4545a',
      ints: codes,
      texts: [P],
      hstore: { [P]: P },
      json: JSON.stringify({ [P]: P }),
      ok: 'x',
    };
    const e = change(
      createDecoder().decodeSync({
        topic,
        value: JSON.stringify({ op: 'u', before: null, after, source: { table: 'orders' } }),
      }),
    );
    expect(e.hasUnavailable).toBe(true);
    expect(e.beforeMissing).toBe(true);
    expect(e.after).toEqual({
      id: 7,
      text: UNAVAILABLE,
      bytes: UNAVAILABLE,
      uuid: UNAVAILABLE,
      ints: UNAVAILABLE,
      texts: UNAVAILABLE,
      hstore: UNAVAILABLE,
      json: UNAVAILABLE,
      ok: 'x',
    });
    const filled = fillUnavailable(e.after ?? {}, {
      id: 7,
      text: 'old',
      bytes: new Uint8Array([1]),
      uuid: 'u',
      ints: [1],
      texts: ['a'],
      hstore: {},
      json: '{}',
    });
    expect(filled.missing).toEqual([]);
    expect(filled.row['text']).toBe('old');
    expect(fillUnavailable(e.after ?? {}, null).missing).toHaveLength(7);
  });
  test('with a schema, only the shape of the column type counts', () => {
    const schema = {
      type: 'struct',
      fields: [
        {
          type: 'struct',
          optional: true,
          field: 'after',
          fields: [
            { type: 'string', optional: true, field: 'a' },
            { type: 'bytes', optional: true, field: 'b' },
            { type: 'array', optional: true, items: { type: 'int32' }, field: 'c' },
          ],
        },
        { type: 'string', field: 'op' },
      ],
    };
    const payload = {
      op: 'u',
      after: { a: P, b: base64(new TextEncoder().encode(P)), c: codes },
      source: { table: 't' },
    };
    const e = change(createDecoder().decodeSync({ topic, value: JSON.stringify({ schema, payload }) }));
    expect(e.after).toEqual({ a: UNAVAILABLE, b: UNAVAILABLE, c: UNAVAILABLE });
    expect(toCanonicalJson(e.after)).toBe(
      '{"a":{"$unavailable":true},"b":{"$unavailable":true},"c":{"$unavailable":true}}',
    );
  });
});

describe('other record kinds', () => {
  const d = createDecoder();
  test('tombstone', () => {
    expect(eventOf(d.decodeSync({ topic, key: '{"id":5}', value: null }))).toMatchObject({
      kind: 'tombstone',
      key: { id: 5 },
      schema: 'public',
      table: 'orders',
    });
  });
  test('heartbeat', () => {
    expect(
      eventOf(
        d.decodeSync({
          topic: '__debezium-heartbeat.ecommerce-cdc',
          key: '{"serverName":"ecommerce-cdc"}',
          value: '{"ts_ms":1700000000000}',
        }),
      ),
    ).toMatchObject({ kind: 'heartbeat', serverName: 'ecommerce-cdc', ts_ms: 1700000000000 });
  });
  test('transaction END', () => {
    const v = {
      status: 'END',
      id: '571:53195829',
      ts_ms: 1486500577691,
      event_count: 2,
      data_collections: [{ data_collection: 'public.orders', event_count: 2 }],
    };
    expect(
      eventOf(d.decodeSync({ topic: 'ecommerce-cdc.transaction', value: JSON.stringify(v) })),
    ).toMatchObject({
      kind: 'transaction',
      status: 'END',
      txId: 571n,
      event_count: 2,
      data_collections: [{ data_collection: 'public.orders', event_count: 2 }],
    });
  });
  test('truncate with null key', () => {
    expect(
      change(
        d.decodeSync({
          topic,
          key: null,
          value: '{"op":"t","source":{"schema":"public","table":"orders","snapshot":"false"},"ts_ms":1}',
        }),
      ),
    ).toMatchObject({ op: 'truncate', key: null, before: null, after: null });
  });
  test('snapshot enum values and docs-style boolean', () => {
    for (const s of [
      'true',
      'first',
      'first_in_data_collection',
      'last_in_data_collection',
      'last',
      'false',
      'incremental',
    ]) {
      expect(
        change(
          d.decodeSync({
            topic,
            value: JSON.stringify({ op: 'r', after: { id: 1 }, source: { table: 't', snapshot: s } }),
          }),
        ).source.snapshot,
      ).toBe(s);
    }
    expect(
      change(
        d.decodeSync({
          topic,
          value: JSON.stringify({ op: 'r', after: { id: 1 }, source: { table: 't', snapshot: true } }),
        }),
      ).source.snapshot,
    ).toBe('true');
  });
});

describe('ExtractNewRecordState (unwrapped)', () => {
  const d = createDecoder();
  test('__op, __table, __lsn, __source_ts_ms, __deleted', () => {
    const e = change(
      d.decodeSync({
        topic,
        key: '{"id":3}',
        value: JSON.stringify({
          id: 3,
          status: 'paid',
          __op: 'u',
          __table: 'orders',
          __lsn: 123,
          __source_ts_ms: 1700000000000,
          __deleted: 'false',
        }),
      }),
    );
    expect(e).toMatchObject({
      unwrapped: true,
      op: 'update',
      table: 'orders',
      schema: 'public',
      after: { id: 3, status: 'paid' },
      before: null,
      key: { id: 3 },
    });
    expect(e.source).toMatchObject({ lsn: 123n, ts_ms: 1700000000000 });
  });
  test('rewrite-mode delete', () => {
    const e = change(
      d.decodeSync({ topic, value: JSON.stringify({ id: 3, status: 'paid', __deleted: 'true' }) }),
    );
    expect(e).toMatchObject({
      op: 'delete',
      opInferred: true,
      before: { id: 3, status: 'paid' },
      after: null,
    });
  });
  test('opt-in for records without added fields', () => {
    const e = change(createDecoder({ unwrapped: true }).decodeSync({ topic, value: '{"id":4}' }));
    expect(e).toMatchObject({ op: 'update', opInferred: true, after: { id: 4 }, table: 'orders' });
  });
  test('with an embedded schema', () => {
    const schema = {
      type: 'struct',
      fields: [
        { type: 'int64', field: 'id' },
        {
          type: 'bytes',
          name: 'org.apache.kafka.connect.data.Decimal',
          parameters: { scale: '2' },
          optional: true,
          field: 'total',
        },
        { type: 'string', optional: true, field: '__op' },
        { type: 'string', optional: true, field: '__deleted' },
      ],
    };
    const e = change(
      d.decodeSync({
        topic,
        value: JSON.stringify({
          schema,
          payload: { id: 9, total: base64(twosComplement(-123456n)), __op: 'c', __deleted: 'false' },
        }),
      }),
    );
    expect(e).toMatchObject({ op: 'create', after: { id: 9, total: '-1234.56' }, format: 'json-schema' });
  });
});

describe('Avro', () => {
  test('decodeSync works once the schema is cached; unknown ids are typed errors', async () => {
    const d = createDecoder({
      registry: { getSchema: async (id) => (id === 11 ? (orderEnvelopeAvro as never) : undefined) },
    });
    const first = d.decodeSync({ topic, value: avroMessage(1) });
    expect(errorOf(first)).toMatchObject({ code: 'UNKNOWN_SCHEMA_ID', retriable: true });
    expect(await d.preload([11, 99])).toEqual([99]);
    expect(eventOf(d.decodeSync({ topic, value: avroMessage(1) })).kind).toBe('change');
    expect(errorOf(await d.decode({ topic, value: avroMessage(1, 99) }))).toMatchObject({
      code: 'UNKNOWN_SCHEMA_ID',
      part: 'value',
    });
  });
  test('registry failure is retriable', async () => {
    const d = createDecoder({ registry: { getSchema: () => Promise.reject(new Error('ECONNREFUSED')) } });
    expect(errorOf(await d.decode({ topic, value: avroMessage(1) }))).toMatchObject({
      code: 'SCHEMA_REGISTRY_UNAVAILABLE',
      retriable: true,
    });
  });
  test('truncated and trailing bytes', async () => {
    const d = createDecoder({ registry: registry() });
    const m = avroMessage(2);
    expect(errorOf(await d.decode({ topic, value: m.subarray(0, m.length - 3) }))).toMatchObject({
      code: 'SCHEMA_MISMATCH',
    });
    expect(errorOf(await d.decode({ topic, value: Buffer.concat([m, Buffer.from([0])]) }))).toMatchObject({
      code: 'SCHEMA_MISMATCH',
    });
  });
  test('logical types and VariableScaleDecimal', () => {
    const schema = {
      type: 'record',
      name: 'R',
      fields: [
        { name: 'd', type: { type: 'int', logicalType: 'date' } },
        { name: 't', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 3 } },
        {
          name: 'v',
          type: {
            type: 'record',
            name: 'VariableScaleDecimal',
            namespace: 'io.debezium.data',
            fields: [
              { name: 'scale', type: 'int' },
              { name: 'value', type: 'bytes' },
            ],
            'connect.name': 'io.debezium.data.VariableScaleDecimal',
          },
        },
        { name: '__op', type: 'string' },
      ],
    };
    // Hand-encoded: d=17109, t=1478267490123456, dec=1.560 (unscaled 1560 = 0x0618), v={scale 4, value 0x018AF7}, __op "r".
    const zz = (n: bigint) => {
      const out: number[] = [];
      let u = n >= 0n ? n << 1n : (-n << 1n) - 1n;
      do {
        let b = Number(u & 0x7fn);
        u >>= 7n;
        if (u) b |= 0x80;
        out.push(b);
      } while (u);
      return out;
    };
    const body = [
      ...zz(17109n),
      ...zz(1478267490123456n),
      ...zz(2n),
      0x06,
      0x18,
      ...zz(4n),
      ...zz(3n),
      0x01,
      0x8a,
      0xf7,
      ...zz(1n),
      0x72,
    ];
    const d = createDecoder({ registry: new InMemorySchemaRegistry({ 5: JSON.stringify(schema) }) });
    const e = d.decodeSync({ topic, value: writeConfluentFrame(5, Uint8Array.from(body)) });
    expect(change(e)).toMatchObject({ op: 'read', unwrapped: true, format: 'avro' });
    expect(change(e).after).toEqual({
      d: '2016-11-04',
      t: '2016-11-04T13:51:30.123456Z',
      dec: '1.560',
      v: '10.1111',
    });
  });
});

describe('errors carry code, path and the original bytes', () => {
  const d = createDecoder();
  test('bad base64 decimal with a path', () => {
    const msg = withSchemaMessage(1).replace(/"total_price":"[^"]+"/, '"total_price":"@@@="');
    const r = errorOf(d.decodeSync({ topic, partition: 3, offset: '42', value: Buffer.from(msg) }));
    expect(r).toBeInstanceOf(DecodeError);
    expect(r).toBeInstanceOf(CdcError);
    expect(r).toMatchObject({
      name: 'DecodeError',
      code: 'SCHEMA_MISMATCH',
      retriable: false,
      topic,
      path: ['after', 'total_price'],
      partition: 3,
      offset: '42',
      part: 'value',
    });
    expect(Buffer.from(r.raw.value as Uint8Array).toString()).toBe(msg);
    expect(r.raw.key).toBeNull();
    expect(isEcomError(r, 'SCHEMA_MISMATCH')).toBe(true);
  });
  test('key errors are flagged as key errors', () => {
    expect(errorOf(d.decodeSync({ topic, key: '{"id":', value: schemalessMessage(1) }))).toMatchObject({
      code: 'MALFORMED_JSON',
      part: 'key',
    });
  });
  test('maxBytes and maxDepth', () => {
    expect(
      errorOf(createDecoder({ maxBytes: 10 }).decodeSync({ topic, value: schemalessMessage(1) })),
    ).toMatchObject({
      code: 'VALUE_TOO_LARGE',
    });
    const deep = `{"op":"c","after":{"x":${'['.repeat(100)}${']'.repeat(100)}},"source":{"table":"t"}}`;
    expect(errorOf(d.decodeSync({ topic, value: deep }))).toMatchObject({
      code: 'NESTING_TOO_DEEP',
      path: ['after', 'x'],
    });
  });
});
