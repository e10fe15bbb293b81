import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { base64, schemalessMessage, twosComplement, withSchemaMessage } from '../../test/fixtures.js';

const repoRoot = resolve(__dirname, '../../../..');
const main = resolve(__dirname, 'main.ts');

function cdc(args: string[], stdin = ''): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--conditions=@ecom/source', '--import', 'tsx', main, ...args], {
    cwd: repoRoot,
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cdc CLI (spawned)', () => {
  test('decode: schemaless envelope → canonical JSON', () => {
    const r = cdc(['decode', '--topic', 'ecommerce-cdc.public.orders'], schemalessMessage(1));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ kind: 'change', op: 'create', table: 'orders', format: 'json' });
    expect(typeof out.ts_ns).toBe('string');
  });

  test('decode with --type-map makes decimals exact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdc-cli-'));
    const map = join(dir, 'types.json');
    writeFileSync(
      map,
      JSON.stringify({ 'public.orders': { total_price: 'numeric(12,2)', created_at: 'timestamp(6)' } }),
    );
    const value = JSON.stringify({
      op: 'c',
      before: null,
      after: { id: 1, total_price: base64(twosComplement(12345n)), created_at: 1478267490123456 },
      source: { schema: 'public', table: 'orders' },
    });
    const r = cdc(['decode', '--type-map', map], value);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).after).toEqual({
      id: 1,
      total_price: '123.45',
      created_at: '2016-11-04T13:51:30.123456',
    });
  });

  test('decode with an embedded schema', () => {
    const r = cdc(['decode'], withSchemaMessage(2));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      format: 'json-schema',
      after: { order_date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) },
    });
  });

  test('bad input → JSON error object and exit 2', () => {
    const r = cdc(['decode'], '{"op":"c",');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    const u = cdc(['decode'], '{"op":"zz","source":{}}');
    expect(u.code).toBe(2);
    expect(JSON.parse(u.out)).toMatchObject({ error: { code: 'UNKNOWN_OP', path: ['op'] } });
  });

  test('field: Decimal, lossless int64 and TOAST', () => {
    const dec = cdc([
      'field',
      '--schema',
      '{"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}',
      '--value',
      '"AJw="',
    ]);
    expect([dec.code, dec.out]).toEqual([0, '"1.56"\n']);
    const ts = cdc([
      'field',
      '--schema',
      '{"type":"int64","name":"io.debezium.time.MicroTimestamp"}',
      '--value',
      '9223372036825200000',
    ]);
    expect(ts.out).toBe('"infinity"\n');
    const big = cdc(['field', '--schema', '{"type":"int64"}', '--value', '9223372036854775807']);
    expect(big.out).toBe('"9223372036854775807"\n');
    const toast = cdc([
      'field',
      '--schema',
      '{"type":"string","optional":true}',
      '--value',
      '"__debezium_unavailable_value"',
    ]);
    expect(toast.out).toBe('{"$unavailable":true}\n');
  });

  test('field: bad input and usage errors exit 2', () => {
    const bad = cdc([
      'field',
      '--schema',
      '{"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}',
      '--value',
      '"@@"',
    ]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out)).toMatchObject({ error: { code: 'SCHEMA_MISMATCH' } });
    const usage = cdc(['field', '--nope']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.out)).toMatchObject({ error: { code: 'USAGE' } });
    expect(cdc(['frobnicate']).code).toBe(2);
  });

  test('connector: --dry-run prints the generated config; a bad CONNECT_URL exits 2 naming the key', () => {
    const dry = cdc(['connector', 'register', '--dry-run', '--format', 'json-schemaless']);
    expect(dry.code).toBe(0);
    const { name, config } = JSON.parse(dry.out);
    expect(name).toBe('ecommerce-cdc-postgres');
    expect(config['plugin.name']).toBe('pgoutput');
    expect(config['value.converter.schemas.enable']).toBe('false');
    const bad = spawnSync(
      process.execPath,
      ['--conditions=@ecom/source', '--import', 'tsx', main, 'connector', 'list'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, CONNECT_URL: 'not-a-url' },
      },
    );
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout).error).toMatchObject({ code: 'INVALID_ENV', key: 'CONNECT_URL' });
    expect(cdc(['connector']).code).toBe(2);
  });
});
