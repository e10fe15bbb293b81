import { avroMessage, orderEnvelopeAvro, orderKeyAvro } from '../test/fixtures.js';
import { badInputCorpus } from '../test/bad-input-corpus.js';
import { toCanonicalJson } from './canonical-json.js';
import { createDecoder } from './decoder.js';
import { DECODE_ERROR_CODES } from './errors.js';
import { InMemorySchemaRegistry } from './schema-registry.js';
import { errorOf, eventOf } from '../test/decode-results.js';

const corpus = badInputCorpus();
const decoder = () =>
  createDecoder({
    registry: new InMemorySchemaRegistry({ 11: orderEnvelopeAvro as never, 12: orderKeyAvro as never }),
  });

describe('bad-input corpus', () => {
  test('has at least 100 malformed messages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
  });

  test.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const d = decoder();
    for (const r of [d.decodeSync(c.record), await d.decode(c.record)]) {
      const result = errorOf(r);
      expect(DECODE_ERROR_CODES).toContain(result.code);
      expect({ code: result.code, message: result.message }).toMatchObject({ code: c.code });
      expect(result.raw.value).toBe(c.record.value);
      expect(typeof result.message).toBe('string');
      expect(Array.isArray(result.path)).toBe(true);
    }
  });

  test('a valid Avro message still decodes after all that', async () => {
    const d = decoder();
    for (const c of corpus) d.decodeSync(c.record);
    expect(
      eventOf(await d.decode({ topic: 'ecommerce-cdc.public.orders', value: avroMessage(3) })).kind,
    ).toBe('change');
  });

  test('errors serialise to canonical JSON', () => {
    const d = decoder();
    for (const c of corpus.slice(0, 40))
      expect(() => JSON.parse(toCanonicalJson(d.decodeSync(c.record)))).not.toThrow();
  });
});
