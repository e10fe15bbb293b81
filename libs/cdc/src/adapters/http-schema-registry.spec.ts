import { HttpSchemaRegistry } from './http-schema-registry.js';
import { SchemaRegistryError } from './schema-registry-error.js';

function fakeFetch(answers: Record<string, { status: number; body: string }>) {
  const calls: string[] = [];
  const fn = (async (url: string) => {
    calls.push(url);
    const a = answers[url];
    if (!a) throw new TypeError('fetch failed');
    return new Response(a.body, { status: a.status });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const SCHEMA =
  '{"type":"bytes","connect.name":"org.apache.kafka.connect.data.Decimal","connect.parameters":{"scale":"2"}}';

describe('HttpSchemaRegistry (fake fetch)', () => {
  test('returns the raw schema text, caches it and shares concurrent lookups', async () => {
    const { fn, calls } = fakeFetch({
      'http://r/ccompat/schemas/ids/7': { status: 200, body: JSON.stringify({ schema: SCHEMA }) },
    });
    const registry = new HttpSchemaRegistry({ url: 'http://r/ccompat/', fetch: fn });
    const [a, b] = await Promise.all([registry.getSchema(7), registry.getSchema(7)]);
    expect(a).toBe(SCHEMA);
    expect(b).toBe(SCHEMA);
    expect(registry.getSchema(7)).toBe(SCHEMA); // synchronous once cached
    expect(calls).toEqual(['http://r/ccompat/schemas/ids/7']);
    expect(registry.cachedCount).toBe(1);
  });

  test('404 answers undefined and is not cached', async () => {
    const { fn, calls } = fakeFetch({
      'http://r/schemas/ids/9': { status: 404, body: '{"error_code":40403}' },
    });
    const registry = new HttpSchemaRegistry({ url: 'http://r', fetch: fn });
    expect(await registry.getSchema(9)).toBeUndefined();
    expect(await registry.getSchema(9)).toBeUndefined();
    expect(calls).toHaveLength(2);
  });

  test.each([
    ['unreachable', {}, 'REGISTRY_UNREACHABLE', true],
    ['500', { 'http://r/schemas/ids/1': { status: 500, body: 'boom' } }, 'REGISTRY_HTTP_ERROR', true],
    ['401', { 'http://r/schemas/ids/1': { status: 401, body: 'no' } }, 'REGISTRY_HTTP_ERROR', false],
    [
      'not JSON',
      { 'http://r/schemas/ids/1': { status: 200, body: '<html>' } },
      'REGISTRY_BAD_RESPONSE',
      false,
    ],
    ['no schema', { 'http://r/schemas/ids/1': { status: 200, body: '{}' } }, 'REGISTRY_BAD_RESPONSE', false],
    [
      'schema not JSON',
      { 'http://r/schemas/ids/1': { status: 200, body: '{"schema":"{"}' } },
      'REGISTRY_BAD_RESPONSE',
      false,
    ],
  ] as const)('%s → typed error', async (_name, answers, code, retriable) => {
    const registry = new HttpSchemaRegistry({ url: 'http://r', fetch: fakeFetch(answers).fn });
    const err = await Promise.resolve(registry.getSchema(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaRegistryError);
    expect(err).toMatchObject({ code, retriable });
  });

  test('rejects ids that are not int32', async () => {
    const registry = new HttpSchemaRegistry({ url: 'http://r', fetch: fakeFetch({}).fn });
    await expect(registry.fetchSchemaText(-1)).rejects.toMatchObject({ code: 'INVALID_SCHEMA_ID' });
  });
});
