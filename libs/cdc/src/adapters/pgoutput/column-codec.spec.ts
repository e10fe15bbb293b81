import { decodeConnectField } from '../../decode-connect-field.js';
import { toCanonicalJson } from '../../canonical-json.js';
import { parseLosslessJson } from '../../lossless-json.js';
import { columnCodec } from './column-codec.js';
import { stringifyJson } from './json-text.js';
import { parseArrayLiteral, twosComplementBytes } from './pg-text-values.js';

/** Encode with the codec, then decode with the core's Connect decoder: the round trip must be exact. */
function roundTrip(pgType: string, text: string): string {
  const codec = columnCodec(pgType);
  const wire = parseLosslessJson(stringifyJson(codec.fromText(text)));
  return toCanonicalJson(decodeConnectField(codec.schema, wire));
}

describe('columnCodec', () => {
  it.each([
    ['numeric(12,2)', '129.90', '"129.90"'],
    ['numeric(12,2)', '-1234.11', '"-1234.11"'],
    ['numeric(5,0)', '128', '"128"'],
    ['numeric', '10.11110', '"10.1111"'],
    ['numeric', '1000', '"1000"'],
    ['integer', '-7', '-7'],
    ['bigint', '9007199254740993', '"9007199254740993"'],
    ['boolean', 't', 'true'],
    ['text', 'héllo', '"héllo"'],
    ['jsonb', '{"a": 1}', '"{\\"a\\": 1}"'],
    ['uuid', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"'],
    ['date', '2024-02-29', '"2024-02-29"'],
    ['timestamp without time zone', '2024-01-02 03:04:05.123456', '"2024-01-02T03:04:05.123456"'],
    ['timestamp(3) without time zone', '2024-01-02 03:04:05.12', '"2024-01-02T03:04:05.12"'],
    ['timestamp with time zone', '2024-01-02 03:04:05.5+02', '"2024-01-02T01:04:05.500000Z"'],
    ['timestamp(3) with time zone', '2024-01-02 03:04:05.5+02', '"2024-01-02T01:04:05.500Z"'],
    ['timestamp(0) with time zone', '2024-01-02 03:04:05+00', '"2024-01-02T03:04:05Z"'],
    ['time without time zone', '13:51:30.123', '"13:51:30.123"'],
    ['time with time zone', '01:00:00+02', '"23:00:00Z"'],
    ['bytea', '\\x00ff', '"AP8="'],
    ['integer[]', '{1,NULL,3}', '[1,null,3]'],
    ['text[]', '{a,"b,c"}', '["a","b,c"]'],
  ])('%s %s → %s', (pgType, text, canonical) => {
    expect(roundTrip(pgType, text)).toBe(canonical);
  });

  it('writes TIMESTAMP infinity with the JDBC sentinels', () => {
    expect(stringifyJson(columnCodec('timestamp without time zone').fromText('infinity'))).toBe(
      '9223372036825200000',
    );
    expect(roundTrip('timestamp without time zone', '-infinity')).toBe('"-infinity"');
  });

  it('counts days over the whole PostgreSQL date range (past the year 275760 where a JS Date ends)', () => {
    // Days as PostgreSQL computes them: SELECT '5874897-12-31'::date - '1970-01-01'::date
    expect(columnCodec('date').fromText('5874897-12-31')).toBe(2_145_042_905);
    expect(columnCodec('date').fromText('4713-01-01 BC')).toBe(-2_440_550);
  });

  it('writes intervals as MicroDuration with 365.25/12-day months', () => {
    expect(columnCodec('interval').fromText('P1DT1S')).toBe(86_401_000_000n);
    expect(columnCodec('interval').fromText('P1M')).toBe(2_629_800_000_000n);
    expect(columnCodec('interval').fromText('PT-1.5S')).toBe(-1_500_000n);
  });

  it('uses the type-specific unchanged-TOAST placeholder', () => {
    expect(columnCodec('text').unavailable).toBe('__debezium_unavailable_value');
    expect(columnCodec('bytea').unavailable).toBe('X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ==');
    expect(columnCodec('text[]').unavailable).toEqual(['__debezium_unavailable_value']);
    expect(columnCodec('uuid').unavailable).toBe('b68a35a7-17ad-35b3-af2a-ae46edb4545a');
  });

  it('falls back to strings for enums and other unknown types', () => {
    expect(columnCodec('mood').schema).toEqual({ type: 'string', optional: true });
    expect(columnCodec('mood').fromText('happy')).toBe('happy');
  });

  it('rejects text it cannot read with UNSUPPORTED_VALUE', () => {
    expect(() => columnCodec('numeric(5,2)').fromText('1.234')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_VALUE' }),
    );
    expect(() => columnCodec('date').fromText('yesterday')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_VALUE' }),
    );
    expect(() => parseArrayLiteral('{{1},{2}}')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_VALUE' }),
    );
  });

  it('encodes minimal two’s complement bytes', () => {
    expect(Array.from(twosComplementBytes(156n))).toEqual([0x00, 0x9c]);
    expect(Array.from(twosComplementBytes(-1n))).toEqual([0xff]);
    expect(Array.from(twosComplementBytes(0n))).toEqual([0]);
    expect(Array.from(twosComplementBytes(-129n))).toEqual([0xff, 0x7f]);
  });
});
