/**
 * HttpSchemaRegistry against the REAL Apicurio registry of the stack (ccompat API). The stack is started or
 * reused in beforeAll; if the registry cannot start the suite fails (never skips).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { STACK, startStack } from '../../test/stack-services.js';
import { createDecoder } from '../decoder.js';
import { loadGolden } from '../../test/golden-fixtures.js';
import { changeOf, errorOf } from '../../test/decode-results.js';
import { readConfluentFrame, writeConfluentFrame } from '../schema-registry.js';
import { HttpSchemaRegistry } from './http-schema-registry.js';

const CCOMPAT = `${STACK.registryUrl}/apis/ccompat/v7`;
const SCHEMA = {
  type: 'record',
  name: 'Value',
  namespace: `it${Date.now().toString(36)}.public.orders`,
  fields: [
    { name: 'order_id', type: 'int' },
    {
      name: 'total_price',
      type: {
        type: 'bytes',
        scale: 2,
        precision: 14,
        'connect.version': 1,
        'connect.parameters': { scale: '2', 'connect.decimal.precision': '14' },
        'connect.name': 'org.apache.kafka.connect.data.Decimal',
        logicalType: 'decimal',
      },
    },
    {
      name: 'order_date',
      type: { type: 'string', 'connect.version': 1, 'connect.name': 'io.debezium.time.ZonedTimestamp' },
    },
  ],
  'connect.name': 'orders.Value',
};

let schemaId: number;

beforeAll(async () => {
  startStack(['registry']);
  const res = await fetch(`${CCOMPAT}/subjects/${SCHEMA.namespace}-value/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(SCHEMA) }),
  });
  if (res.status !== 200)
    throw new Error(`registering the test schema failed: ${res.status} ${await res.text()}`);
  schemaId = ((await res.json()) as { id: number }).id;
}, 240_000);

describe('HttpSchemaRegistry on the real Apicurio (ccompat)', () => {
  test('returns the raw schema with connect.name, connect.parameters and logicalType intact', async () => {
    const registry = new HttpSchemaRegistry({ url: CCOMPAT });
    const text = await registry.getSchema(schemaId);
    const parsed = JSON.parse(text as string);
    expect(parsed.fields[1].type['connect.name']).toBe('org.apache.kafka.connect.data.Decimal');
    expect(parsed.fields[1].type['connect.parameters']).toEqual({
      scale: '2',
      'connect.decimal.precision': '14',
    });
    expect(parsed.fields[1].type.logicalType).toBe('decimal');
    expect(registry.getSchema(schemaId)).toBe(text); // cached: answered synchronously
  });

  test('decodes a real Debezium Avro record (golden fixture) through the registry, exactly', async () => {
    const file = loadGolden('avro', 'orders');
    const record = file.records[1]!; // order 2: 12345678901.23 on 1900-01-01
    const value = Buffer.from(record.value!, 'base64');
    const oldId = readConfluentFrame(value)!.schemaId;
    const res = await fetch(`${CCOMPAT}/subjects/${SCHEMA.namespace}-golden-value/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(file.schemas![oldId]) }),
    });
    expect(res.status).toBe(200);
    const newId = ((await res.json()) as { id: number }).id;
    const reframed = writeConfluentFrame(newId, value.subarray(5));
    const decoder = createDecoder({ registry: new HttpSchemaRegistry({ url: CCOMPAT }) });
    const result = changeOf(await decoder.decode({ topic: file.topic, value: reframed }));
    expect(result.format).toBe('avro');
    expect(result.after).toMatchObject({
      order_id: 2,
      total_price: '12345678901.23',
      order_date: '1900-01-01T00:00:00.000001Z',
    });
    expect(typeof result.source.lsn).toBe('bigint');

    // the same bytes through the CLI: `cdc decode --registry URL` wires HttpSchemaRegistry in main.ts
    const cli = spawnSync(
      process.execPath,
      [
        '--conditions=@ecom/source',
        '--import',
        'tsx',
        resolve(__dirname, '../cli/main.ts'),
        'decode',
        '--registry',
        CCOMPAT,
      ],
      {
        cwd: resolve(__dirname, '../../../..'),
        input: Buffer.from(reframed),
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      kind: 'change',
      op: 'create',
      after: { total_price: '12345678901.23' },
    });
  });

  test('an unknown id answers undefined, which the decoder reports as UNKNOWN_SCHEMA_ID', async () => {
    const registry = new HttpSchemaRegistry({ url: CCOMPAT });
    expect(await registry.getSchema(2_000_000_000)).toBeUndefined();
    const r = await createDecoder({ registry }).decode({
      value: writeConfluentFrame(2_000_000_000, new Uint8Array([2])),
    });
    expect(errorOf(r)).toMatchObject({ code: 'UNKNOWN_SCHEMA_ID' });
  });

  test('a registry that is not there is a retriable REGISTRY_UNREACHABLE (decoder: SCHEMA_REGISTRY_UNAVAILABLE)', async () => {
    const registry = new HttpSchemaRegistry({ url: 'http://127.0.0.1:1/apis/ccompat/v7', timeoutMs: 2000 });
    await expect(registry.fetchSchemaText(1)).rejects.toMatchObject({
      code: 'REGISTRY_UNREACHABLE',
      retriable: true,
    });
    const r = await createDecoder({ registry }).decode({
      value: writeConfluentFrame(1, new Uint8Array([2])),
    });
    expect(errorOf(r)).toMatchObject({ code: 'SCHEMA_REGISTRY_UNAVAILABLE', retriable: true });
  });
});
