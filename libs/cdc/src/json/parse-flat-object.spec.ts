import fc from 'fast-check';
import { parseFlatObject as parseBytes } from './parse-flat-object.js';

const parseFlatObject = (text: string) => parseBytes(Buffer.from(text, 'utf8'));

/** Parses with JSON.parse, or `'invalid'`. */
function reference(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return 'invalid';
  }
}

describe('parseFlatObject', () => {
  test.each([
    ['{"id":100001}', { id: 100001 }],
    ['{}', {}],
    ['{"customer_id":7,"product_id":-12}', { customer_id: 7, product_id: -12 }],
    ['{"sku":"A-1","ok":true,"gone":false,"x":null}', { sku: 'A-1', ok: true, gone: false, x: null }],
    ['{"id":1,"id":2}', { id: 2 }],
    ['{"n":-0}', { n: -0 }],
  ])('parses %s', (text, expected) => expect(parseFlatObject(text)).toEqual(expected));

  test.each([
    '{"price":1.5}',
    '{"id":9007199254740993}',
    '{"id":0123}',
    '{"id":-}',
    '{ "id": 1 }',
    '{"a":{"b":1}}',
    '{"a":[1]}',
    '{"a":"x\\"y"}',
    '{"__proto__":1}',
    '{"id":1,}',
    '{"id":1}x',
    '{"id":nul}',
    '{"id":1 }',
    '[1]',
    '',
    '{"tên":"Áo dài"}',
    '{"a":"\u007f"}',
  ])('leaves %s to JSON.parse', (text) => expect(parseFlatObject(text)).toBeUndefined());

  test('whatever it accepts equals JSON.parse (seeded property)', () => {
    const value = fc.oneof(
      fc.integer(),
      fc.maxSafeInteger(),
      fc.double(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.constant('__proto__'),
    );
    const flat = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('id', '__proto__', '1')), value);
    fc.assert(
      fc.property(flat, (o) => {
        const text = JSON.stringify(o);
        const parsed = parseFlatObject(text);
        if (parsed !== undefined) expect(parsed).toEqual(JSON.parse(text));
      }),
      { seed: 11, numRuns: 2000 },
    );
    // Arbitrary text, including broken JSON: either undefined or exactly JSON.parse's answer.
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          flat.map((o) => JSON.stringify(o)),
          flat.map((o) => JSON.stringify(o).slice(0, -2)),
        ),
        (text) => {
          const parsed = parseFlatObject(text);
          if (parsed !== undefined) expect(parsed).toEqual(reference(text));
        },
      ),
      { seed: 12, numRuns: 2000 },
    );
  });
});
