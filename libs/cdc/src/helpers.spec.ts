import fc from 'fast-check';
import { schemalessMessage } from '../test/fixtures.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { toCanonicalJson } from './canonical-json.js';
import { decimalFromBytes, decimalFromNumberText, formatDecimal } from './decimal.js';
import { decodeConnectField } from './decode-connect-field.js';
import { decodeStream, type DeadLetterSink } from './decode-stream.js';
import { createDecoder } from './decoder.js';
import { CdcError, type DecodeError } from './errors.js';
import { LosslessNumber } from './lossless-number.js';
import { parseLosslessJson } from './lossless-json.js';
import { parseSourceSequence } from './source-block.js';
import { formatEpochDay, formatEpochTimestamp, formatMicroDuration, formatTimeOfDay } from './temporal.js';
import { pgTypeToConnectSchema } from './type-map.js';
import { UNAVAILABLE } from './unavailable.js';

describe('base64', () => {
  test('round-trips (seeded property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => expect(decodeBase64(encodeBase64(b))).toEqual(b)),
      { seed: 7 },
    );
    expect(encodeBase64(new Uint8Array([0, 0x9c]))).toBe(Buffer.from([0, 0x9c]).toString('base64'));
  });
  test.each(['A', 'AJw', '@@@=', 'A===', 'AJx=', 'AB=C'])('rejects %s', (s) =>
    expect(() => decodeBase64(s)).toThrow(SyntaxError),
  );
});

describe('decimals', () => {
  test('two’s complement with scale', () => {
    expect(decimalFromBytes(new Uint8Array([0x00, 0x9c]), 2)).toBe('1.56');
    expect(decimalFromBytes(new Uint8Array([0xfe, 0x1d, 0xed]), 2)).toBe('-1234.11');
    expect(decimalFromBytes(new Uint8Array([0x80, 0, 0, 0, 0, 0, 0, 0, 0]), 4)).toBe(
      '-236118324143482260.6848',
    );
    expect(formatDecimal(-5, 3)).toBe('-0.005');
    expect(formatDecimal(12n, -2)).toBe('1200');
  });
  test('number literals rescaled exactly or rejected', () => {
    expect(decimalFromNumberText('1.5', 2)).toBe('1.50');
    expect(decimalFromNumberText('1e-7', 7)).toBe('0.0000001');
    expect(decimalFromNumberText('-1.2E3', 1)).toBe('-1200.0');
    expect(decimalFromNumberText('1.234', 2)).toBeNull();
    expect(decimalFromNumberText('1.230', 2)).toBe('1.23');
  });
});

describe('temporal', () => {
  test('dates, times, timestamps, durations', () => {
    expect(formatEpochDay(0)).toBe('1970-01-01');
    expect(formatEpochDay(-1)).toBe('1969-12-31');
    expect(formatEpochDay(2932897)).toBe('+10000-01-01');
    expect(formatTimeOfDay(86_400_000_000, 6)).toBe('24:00:00');
    expect(formatTimeOfDay(49890123456789n, 9)).toBe('13:51:30.123456789');
    expect(formatEpochTimestamp(-1, 6)).toBe('1969-12-31T23:59:59.999999');
    expect(formatEpochTimestamp(1478267490123456789n, 9)).toBe('2016-11-04T13:51:30.123456789');
    expect(formatEpochTimestamp(-9223372036832400000n, 6)).toBe('-infinity');
    expect(formatMicroDuration(0)).toBe('PT0S');
    expect(formatMicroDuration(-90_000_000)).toBe('-PT1M30S');
    expect(formatMicroDuration(5_400_500_000)).toBe('PT1H30M0.5S');
  });
  test('matches Date for random millisecond instants (seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        expect(formatEpochTimestamp(ms, 3, true)).toBe(
          new Date(ms)
            .toISOString()
            .replace(/\.?0+Z$/, 'Z')
            .replace(/\.Z$/, 'Z'),
        );
      }),
      { seed: 11 },
    );
  });
});

describe('lossless JSON', () => {
  test('bigint, LosslessNumber, plain numbers', () => {
    expect(
      parseLosslessJson(
        '{"a":9007199254740993,"b":1.23456789123456789,"c":0.30000000000000004,"d":[1,-2e3]}',
      ),
    ).toEqual({
      a: 9007199254740993n,
      b: new LosslessNumber('1.23456789123456789'),
      c: 0.30000000000000004,
      d: [1, -2000],
    });
  });
  test('agrees with JSON.parse on arbitrary JSON without big numbers (seeded)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const text = JSON.stringify(v);
        if (/\d{16}/.test(text)) return;
        expect(parseLosslessJson(text)).toEqual(JSON.parse(text));
      }),
      { seed: 3 },
    );
  });
  test('typed errors', () => {
    expect(() => parseLosslessJson('{"a":}')).toThrow(CdcError);
    expect(() => parseLosslessJson('['.repeat(2000) + ']'.repeat(2000))).toThrow(
      expect.objectContaining({ code: 'NESTING_TOO_DEEP' }),
    );
  });
});

describe('canonical JSON', () => {
  test('sorted keys, bigints, bytes, sentinels', () => {
    expect(
      toCanonicalJson({
        b: 1n << 60n,
        a: UNAVAILABLE,
        c: new Uint8Array([0, 156]),
        d: [NaN, Infinity, -Infinity, -0],
        e: undefined,
      }),
    ).toBe(
      '{"a":{"$unavailable":true},"b":"1152921504606846976","c":"AJw=","d":["NaN","infinity","-infinity",0]}',
    );
  });
  test('cycles are a typed error', () => {
    const o: Record<string, unknown> = {};
    o['self'] = o;
    expect(() => toCanonicalJson(o)).toThrow(expect.objectContaining({ code: 'NESTING_TOO_DEEP' }));
  });
});

describe('connect fields', () => {
  test.each([
    [
      { type: 'int64', name: 'io.debezium.time.NanoTimestamp' },
      1478267490123456789n,
      '"2016-11-04T13:51:30.123456789"',
    ],
    [{ type: 'int64', name: 'io.debezium.time.NanoTime' }, 49890123456789n, '"13:51:30.123456789"'],
    [{ type: 'int64', name: 'io.debezium.time.MicroDuration' }, 7_200_000_000, '"PT2H"'],
    [{ type: 'string', name: 'io.debezium.time.Interval' }, 'P1Y2M3DT4H5M6.78S', '"P1Y2M3DT4H5M6.78S"'],
    [{ type: 'string', name: 'io.debezium.time.ZonedTime' }, '11:51:30.123789Z', '"11:51:30.123789Z"'],
    [{ type: 'string', name: 'io.debezium.data.EnumSet', parameters: { allowed: 'a,b' } }, 'a,b', '"a,b"'],
    [{ type: 'bytes', name: 'io.debezium.data.Bits', parameters: { length: '3' } }, 'BQ==', '"BQ=="'],
    [
      { type: 'array', items: { type: 'int32', name: 'io.debezium.time.Date' } },
      [0, 1],
      '["1970-01-01","1970-01-02"]',
    ],
    [{ type: 'map', keys: { type: 'string' }, values: { type: 'int64' } }, { a: 1 }, '{"a":1}'],
    [{ type: 'map', keys: { type: 'int32' }, values: { type: 'string' } }, [[1, 'x']], '[[1,"x"]]'],
    [
      {
        type: 'struct',
        fields: [
          { type: 'double', field: 'x' },
          { type: 'double', field: 'y' },
        ],
        name: 'io.debezium.data.geometry.Point',
      },
      { x: 1.5, y: 'NaN' },
      '{"x":1.5,"y":"NaN"}',
    ],
    [{ type: 'string', optional: true, default: 'dflt' }, null, '"dflt"'],
    [
      {
        type: 'bytes',
        name: 'org.apache.kafka.connect.data.Decimal',
        parameters: { scale: '2' },
        optional: true,
        default: 'AJw=',
      },
      null,
      '"1.56"',
    ],
  ])('%j %j', (schema, value, canonical) => {
    expect(toCanonicalJson(decodeConnectField(schema as never, value as never))).toBe(canonical);
  });
});

describe('type map and sequence', () => {
  test('pg types', () => {
    expect(pgTypeToConnectSchema('NUMERIC(12, 2)')).toMatchObject({
      name: 'org.apache.kafka.connect.data.Decimal',
      parameters: { scale: '2' },
    });
    expect(pgTypeToConnectSchema('timestamp(3) without time zone')).toMatchObject({
      name: 'io.debezium.time.Timestamp',
    });
    expect(pgTypeToConnectSchema('timestamp with time zone')).toMatchObject({
      name: 'io.debezium.time.ZonedTimestamp',
    });
    expect(pgTypeToConnectSchema('text[]')).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(() => pgTypeToConnectSchema('numerc(1,2)')).toThrow(
      expect.objectContaining({ code: 'INVALID_SCHEMA' }),
    );
  });
  test('sequence', () => {
    expect(parseSourceSequence('[null,"23105272"]')).toEqual([null, 23105272n]);
    expect(parseSourceSequence('["1","2"]')).toEqual([1n, 2n]);
  });
});

describe('decodeStream', () => {
  test('routes failures to the dead-letter sink and keeps going', async () => {
    const dead: DecodeError[] = [];
    const sink: DeadLetterSink = { send: async (e) => void dead.push(e) };
    async function* records() {
      yield { topic: 't.public.orders', value: schemalessMessage(1) };
      yield { topic: 't.public.orders', value: '{"op":' };
      yield { topic: 't.public.orders', value: null, key: '{"id":1}' };
      yield { topic: 't.public.orders', value: Uint8Array.from([9, 9]) };
    }
    const kinds: string[] = [];
    for await (const e of decodeStream(records(), createDecoder(), { deadLetter: sink })) kinds.push(e.kind);
    expect(kinds).toEqual(['change', 'tombstone']);
    expect(dead.map((d) => d.code)).toEqual(['MALFORMED_JSON', 'MALFORMED_JSON']);
    expect(dead.map((d) => d.raw.value)).toEqual(['{"op":', Uint8Array.from([9, 9])]);
  });
  test('a failing sink ends the stream with its error', async () => {
    const it = decodeStream([{ value: '{' }, { value: schemalessMessage(2) }], createDecoder(), {
      deadLetter: { send: () => Promise.reject(new Error('dlq down')) },
    });
    await expect(it.next()).rejects.toThrow('dlq down');
  });
});
