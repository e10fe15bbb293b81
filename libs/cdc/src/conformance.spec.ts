/**
 * Conformance against the shared Debezium fixtures (never copied into the repo):
 * every field vector's `canonical` value and every envelope file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeWithSharedFixtures } from '@ecom/domain/testing';
import { decodeConnectField } from './decode-connect-field.js';
import { createDecoder } from './decoder.js';
import { toCanonicalJson } from './canonical-json.js';
import { parseLosslessJson } from './lossless-json.js';
import type { ConnectSchema } from './connect-schema.js';
import type { DecodeResult } from './types.js';
import { changeOf as change, errorOf, eventOf } from '../test/decode-results.js';

describeWithSharedFixtures(
  { describe, it },
  'Debezium conformance fixtures',
  'debezium/field-vectors.json',
  (vectorFile) => {
    const dir = dirname(vectorFile);
    interface Vector {
      id: string;
      schema: ConnectSchema;
      json?: unknown;
      json_raw?: string;
      canonical: unknown;
    }
    const fileText = readFileSync(join(dir, 'field-vectors.json'), 'utf8');
    // Lossless: some vectors carry int64 literals beyond 2^53.
    const vectors = (parseLosslessJson(fileText) as unknown as { vectors: Vector[] }).vectors;

    describe('field-vectors.json', () => {
      test('has vectors', () => expect(vectors.length).toBeGreaterThan(20));
      test.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
        const value = v.json_raw !== undefined ? parseLosslessJson(v.json_raw) : (v.json as never);
        const decoded = decodeConnectField(v.schema, value);
        expect(JSON.parse(toCanonicalJson(decoded))).toEqual(JSON.parse(toCanonicalJson(v.canonical)));
      });
    });

    const decode = (
      file: string,
      topic = 'fullfillment.inventory.products',
      key: string | null = null,
    ): DecodeResult =>
      createDecoder().decodeSync({
        topic,
        key: key === null ? null : Buffer.from(key),
        value: readFileSync(join(dir, file)),
      });

    /** What each envelope file must decode to. Every file in the folder must be listed here. */
    const expectations: Record<string, (r: DecodeResult) => void> = {
      'pg-1.2.1-r-snapshot-with-schema.json': (r) => {
        const e = change(r);
        expect(e).toMatchObject({
          op: 'read',
          opCode: 'r',
          format: 'json-schema',
          schema: 'inventory',
          table: 'products',
          before: null,
          beforeMissing: false,
        });
        expect(e.after).toEqual({
          id: 101,
          name: 'scooter',
          description: 'Small 2-wheel scooter',
          weight: 3.14,
        });
        expect(e.source).toMatchObject({
          snapshot: 'true',
          lsn: 34078720n,
          txId: 601n,
          xmin: null,
          ts_ms: 1596001099434,
          connector: 'postgresql',
          name: 'fullfillment',
        });
      },
      'pg-1.2.1-d-delete-with-schema.json': (r) => {
        const e = change(r);
        expect(e).toMatchObject({ op: 'delete', format: 'json-schema', after: null, beforeMissing: false });
        expect(e.before).toEqual({
          id: 111,
          name: 'scooter',
          description: 'Big 2-wheel scooter ',
          weight: 5.17,
        });
        expect(e.source.lsn).toBe(34133800n);
      },
      'pg-1.2.1-u-update-full-before-no-schema.json': (r) => {
        const e = change(r);
        expect(e).toMatchObject({ op: 'update', format: 'json', beforeMissing: false });
        expect(e.before).toMatchObject({ description: "16oz carpenter's hammer", weight: 1 });
        expect(e.after).toMatchObject({ description: '18oz carpenter hammer' });
        expect(e.source.txId).toBe(602n);
      },
      'pg-1.2.1-d-delete-before-null-no-schema.json': (r) => {
        const e = change(r);
        expect(e).toMatchObject({ op: 'delete', before: null, after: null, beforeMissing: true });
      },
      'pg-2.1.3-r-snapshot-payload.json': (r) => {
        const e = change(r);
        expect(e).toMatchObject({ op: 'read', table: 'customers', transaction: null });
        expect(e.after).toMatchObject({ id: 1001, email: 'sally.thomas@acme.com' });
        expect(e.source.lsn).toBe(33816576n);
      },
      'pg-2.1.4-c-create-payload.json': (r) => {
        const e = change(r);
        expect(e).toMatchObject({ op: 'create', table: 'customers' });
        expect(e.source.sequence).toBe('["34442256","34466480"]');
        expect(e.source.lsn).toBe(34466480n);
      },
      'pg-3.0-m-logical-message-no-schema.json': (r) => {
        const e = change(r);
        expect(e).toMatchObject({
          op: 'message',
          before: null,
          after: null,
          schema: 'inventory',
          table: 'products',
        });
        expect(e.source.ts_ns).toBe(1723115239782690000n);
        expect(e.source.ts_us).toBe(1723115239782690);
        expect(e.message?.prefix).toBe('test-prefix');
        expect(JSON.parse(new TextDecoder().decode(e.message?.content))).toEqual({
          id: 1,
          item: 'Debezium in Action',
          status: 'ENTERED',
          quantity: 2,
          totalPrice: 39.98,
        });
      },
      'pg-3.0-m-logical-message-key.json': (r) => {
        // A key file on its own is not a value: decoded as a value it must be a typed error, never a throw.
        expect(errorOf(r)).toMatchObject({ code: 'INVALID_ENVELOPE' });
      },
      'pg-txn-begin.json': (r) => {
        expect(eventOf(r)).toMatchObject({
          kind: 'transaction',
          status: 'BEGIN',
          id: '571:53195829',
          txId: 571n,
          lsn: 53195829n,
          ts_ms: 1486500577125,
          event_count: null,
        });
      },
      'pg-txn-end.json': (r) => {
        expect(eventOf(r)).toMatchObject({ kind: 'transaction', status: 'END' });
      },
    };

    describe('envelope fixtures', () => {
      const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'field-vectors.json');
      test('every envelope file has an expectation', () => {
        expect(files.filter((f) => !(f in expectations))).toEqual([]);
      });
      test.each(files)('%s', (file) => {
        expectations[file](decode(file));
        // Canonical JSON of every result is well-formed.
        expect(() => JSON.parse(toCanonicalJson(decode(file)))).not.toThrow();
      });
      test('logical message with its key', () => {
        const e = change(
          decode(
            'pg-3.0-m-logical-message-no-schema.json',
            'connector-name.message',
            readFileSync(join(dir, 'pg-3.0-m-logical-message-key.json'), 'utf8'),
          ),
        );
        expect(e.key).toEqual({ prefix: 'test-prefix' });
      });
    });
  },
  { fromDir: __dirname },
);
