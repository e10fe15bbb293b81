/**
 * Golden fixtures: records captured from REAL Debezium 3.6.1 (pgoutput) on the local stack by
 * scripts/capture-golden.ts, for every shop table, in four forms. Every record must decode, the four forms must
 * agree on every change, and the edge cases of the workload must come out exact.
 */
import {
  decodeGolden,
  GOLDEN_FORMS,
  goldenTables,
  loadGolden,
  type GoldenForm,
} from '../test/golden-fixtures.js';
import { shopTables, toEpochMillis } from '@ecom/domain';
import { toCanonicalJson } from './canonical-json.js';
import { toDomainRecord } from './to-domain-record.js';
import { fillUnavailable } from './unavailable.js';
import { SHOP_CDC_TABLES } from './connector/shop-cdc-tables.js';
import { UNAVAILABLE } from './unavailable.js';
import type { ChangeEvent, DecodedEvent, DecodeResult } from './types.js';

const changes = (rs: DecodedEvent[]) => rs.filter((r): r is ChangeEvent => r.kind === 'change');
const opsOf = (rs: DecodedEvent[]) => rs.map((r) => (r.kind === 'change' ? r.opCode : r.kind)).join(' ');

/** The op sequence per table that the scripted workload produces (r = snapshot). */
const EXPECTED_OPS: Record<string, string> = {
  customers: 'r c u c d tombstone',
  categories: 'r c u c d tombstone',
  products: 'r c c c c u u u d tombstone',
  orders: 'c c c u d tombstone',
  order_items: 'c c c u d tombstone d tombstone',
  payments: 'c c u d tombstone',
  shipments: 'c c u d tombstone',
  carts: 'c c u d tombstone',
  wishlists: 'c c u d tombstone',
  customer_events: 'c c c c d tombstone c',
};

const decoded = new Map<string, DecodeResult[]>();
beforeAll(async () => {
  for (const form of GOLDEN_FORMS) {
    for (const table of goldenTables(form)) decoded.set(`${form}/${table}`, await decodeGolden(form, table));
  }
});
/** Each connector has its own slot, so snapshot reads carry different LSNs; streamed changes share the WAL's. */
const streamedLsn = (r: ChangeEvent) => (r.op === 'read' ? 'snapshot' : r.source.lsn);
const get = (form: GoldenForm, table: string): DecodedEvent[] =>
  decoded.get(`${form}/${table}`)!.map((r) => {
    if (!r.ok) throw new Error(`${form}/${table}: ${r.error.code} ${r.error.message}`);
    return r.value;
  });
const row = (form: GoldenForm, table: string, index: number) => changes(get(form, table))[index]!;

describe('golden fixtures (real Debezium 3.6.1)', () => {
  test.each(GOLDEN_FORMS)('%s: a file for each of the ten shop tables', (form) => {
    expect(goldenTables(form).filter((t) => t !== 'transaction')).toEqual([...SHOP_CDC_TABLES].sort());
  });

  describe.each(GOLDEN_FORMS)('%s', (form) => {
    test.each([...SHOP_CDC_TABLES])('%s: every record decodes, with the expected ops', (table) => {
      const errors = decoded.get(`${form}/${table}`)!.filter((r) => !r.ok);
      expect(errors).toEqual([]);
      const rs = get(form, table);
      expect(opsOf(rs)).toBe(EXPECTED_OPS[table]);
      for (const r of changes(rs)) {
        expect(r.table).toBe(table);
        expect(r.schema).toBe('public');
        expect(r.unwrapped).toBe(form === 'unwrapped');
        expect(typeof r.source.lsn).toBe('bigint');
        expect(r.key).not.toBeNull();
      }
    });
  });

  test.each([...SHOP_CDC_TABLES])(
    '%s: JSON with schema, schemaless JSON (+ type map) and Avro decode identically',
    (table) => {
      const view = (form: GoldenForm) =>
        toCanonicalJson(
          changes(get(form, table)).map((r) => ({
            op: r.op,
            key: r.key,
            before: r.before,
            after: r.after,
            lsn: streamedLsn(r),
          })),
        );
      const reference = view('json-schema');
      expect(view('avro')).toBe(reference);
      expect(view('json-schemaless')).toBe(reference);
    },
  );

  test.each([...SHOP_CDC_TABLES])('%s: the unwrapped rows are the envelope rows', (table) => {
    const view = (form: GoldenForm) =>
      toCanonicalJson(
        changes(get(form, table)).map((r) => ({
          op: r.op,
          key: r.key,
          row: r.after ?? r.before,
          lsn: streamedLsn(r),
        })),
      );
    expect(view('unwrapped')).toBe(view('json-schema'));
  });

  test('decimals are exact strings with the column scale', () => {
    for (const form of ['json-schema', 'json-schemaless', 'avro'] as const) {
      const prices = changes(get(form, 'products')).map((r) => (r.after ?? r.before)!['price']);
      expect(prices).toEqual([
        '1999.99',
        '0.00',
        '0.01',
        '999999999999.99',
        '100.50',
        '123456789012.34',
        '100.50',
        '100.50',
        '0.01',
      ]);
      const totals = changes(get(form, 'orders')).map((r) => (r.after ?? r.before)!['total_price']);
      expect(totals).toEqual(['0.00', '12345678901.23', '0.10', '2099.98', '0.10']);
    }
  });

  test('timestamps: timestamptz at the edges of the range, as UTC instants', () => {
    for (const form of GOLDEN_FORMS) {
      const dates = changes(get(form, 'orders')).map((r) => (r.after ?? r.before)!['order_date']);
      expect(dates.slice(0, 3)).toEqual([
        '2026-11-25T03:15:30.123456Z',
        '1900-01-01T00:00:00.000001Z',
        '2262-04-11T23:47:16.854775Z',
      ]);
      expect(row(form, 'customers', 1).after!['created_at']).toBe('1999-12-31T23:59:59.999999Z');
    }
  });

  test('bigint keys beyond 2^53 stay exact; uuids are strings', () => {
    for (const form of GOLDEN_FORMS) {
      const first = row(form, 'customer_events', 0);
      expect(first.key).toEqual({ event_id: 9007199254740993n });
      expect(first.after!['event_id']).toBe(9007199254740993n);
      expect(first.after!['session_id']).toBe('6f1c0a52-8a4e-4c1b-9f57-2d3c4b5a6e7f');
    }
  });

  test('unchanged TOAST under REPLICA IDENTITY DEFAULT becomes UNAVAILABLE; FULL ships the value', () => {
    for (const form of GOLDEN_FORMS) {
      const update = row(form, 'categories', 2);
      expect(update.op).toBe('update');
      expect(update.after!['description']).toBe(UNAVAILABLE);
      expect(update.hasUnavailable).toBe(true);
      const productUpdate = row(form, 'products', 7); // is_active=false, description untouched (FULL identity)
      expect(productUpdate.after!['is_active']).toBe(false);
      expect(String(productUpdate.after!['description']).length).toBe(10_000);
      expect(productUpdate.hasUnavailable).toBe(false);
    }
  });

  test('before: missing under DEFAULT (flagged, not an error), present under FULL', () => {
    for (const form of ['json-schema', 'json-schemaless', 'avro'] as const) {
      const customerUpdate = row(form, 'customers', 2);
      expect(customerUpdate.before).toBeNull();
      expect(customerUpdate.beforeMissing).toBe(true);
      const orderUpdate = row(form, 'orders', 3);
      expect(orderUpdate.before!['status']).toBe('pending');
      expect(orderUpdate.after!['status']).toBe('paid');
      expect(orderUpdate.beforeMissing).toBe(false);
    }
  });

  test('snapshot reads carry the snapshot marker; streamed changes do not', () => {
    const events = changes(get('json-schema', 'customers'));
    expect(events[0]!.op).toBe('read');
    expect(events[0]!.source.snapshot).not.toBe('false');
    expect(events.slice(1).every((e) => e.source.snapshot === 'false')).toBe(true);
    expect(typeof events[1]!.source.ts_ns).toBe('bigint');
  });

  test('transaction metadata: BEGIN/END markers pair up by txId and changes carry their transaction block', () => {
    const markers = get('json-schema', 'transaction');
    expect(markers.every((m) => m.kind === 'transaction')).toBe(true);
    // Debezium 3 ids are "<txId>:<lsn>", and the END marker's LSN is not the BEGIN marker's: pair by txId.
    const open = new Set<bigint>();
    for (const m of markers) {
      if (m.kind !== 'transaction') continue;
      expect(m.id.startsWith(`${m.txId}:`)).toBe(true);
      if (m.status === 'BEGIN') open.add(m.txId!);
      else expect(open.delete(m.txId!)).toBe(true);
    }
    expect(open.size).toBe(0);
    const streamed = changes(get('json-schema', 'orders'));
    expect(streamed.every((e) => e.transaction !== null && e.transaction.id.includes(':'))).toBe(true);
  });

  test.each([...SHOP_CDC_TABLES])(
    '%s: every decoded row validates against the @ecom/domain schema (all forms), with its event time',
    (table) => {
      const eventTimeColumn = shopTables[table].eventTimeColumn;
      for (const form of GOLDEN_FORMS) {
        const state = new Map<string, Record<string, unknown>>(); // last row per key
        for (const event of changes(get(form, table))) {
          if (!event.after) continue;
          const key = toCanonicalJson(event.key);
          // unchanged TOAST: fill it in from the previous row state first (the sentinel never validates)
          let after = event.after;
          if (event.hasUnavailable) {
            const filled = fillUnavailable(event.after, state.get(key));
            expect(filled.missing).toEqual([]);
            after = filled.row;
          }
          const record = toDomainRecord({ ...event, after });
          if (!record.ok) throw new Error(`${form} ${event.op}: ${record.error.message}`);
          expect(record.value.table).toBe(table);
          expect(record.value.eventTime).toBe(toEpochMillis(after[eventTimeColumn] as string));
          state.set(key, after);
        }
      }
    },
  );

  test('the fixtures record how they were captured', () => {
    const file = loadGolden('avro', 'orders');
    expect(file.connector['plugin.name']).toBe('pgoutput');
    expect(file.connector['decimal.handling.mode']).toBe('precise');
    expect(Object.keys(file.schemas ?? {}).length).toBeGreaterThan(0);
  });
});
