import { DomainError, isDomainError, type Order } from '@ecom/domain';
import { changeOf } from '../test/decode-results.js';
import { createDecoder } from './decoder.js';
import { DecodeError } from './errors.js';
import { toDomainRecord, type DomainTable } from './to-domain-record.js';
import type { ChangeEvent } from './types.js';

const decoder = createDecoder();
/** A real decoded event: schemaless Debezium JSON through the decoder. */
const decode = (table: string, envelope: Record<string, unknown>, schema = 'public'): ChangeEvent =>
  changeOf(
    decoder.decodeSync({
      topic: `ecommerce-cdc.${schema}.${table}`,
      partition: 2,
      offset: '17',
      value: JSON.stringify({
        before: null,
        after: null,
        source: { schema, table, ts_ms: 1_738_400_000_000 },
        ts_ms: 1_738_400_000_100,
        ...envelope,
      }),
    }),
  );

const order = {
  order_id: 1,
  customer_id: 7,
  order_date: '2025-01-31T17:00:00.123456+07:00',
  total_price: '129.90',
  status: 'paid',
  created_at: '2025-01-31T10:00:01Z',
  updated_at: '2025-01-31T10:00:02Z',
};
const payment = {
  payment_id: 3,
  order_id: 1,
  customer_id: 7,
  payment_date: '2025-02-01T08:00:00Z',
  amount: '129.90',
  payment_method: 'credit_card',
  transaction_id: 'tx-1',
  status: 'completed',
  created_at: '2025-02-01T08:00:00Z',
  updated_at: '2025-02-01T08:00:00Z',
};

describe('toDomainRecord with the shop tables (default)', () => {
  test('validates after, types the row by table and carries the event time in epoch ms', () => {
    const r = toDomainRecord(decode('orders', { op: 'c', after: order }));
    if (!r.ok) throw r.error;
    expect(r.value).toMatchObject({ table: 'orders', op: 'create', before: null, beforeError: null });
    expect(r.value.eventTime).toBe(Date.UTC(2025, 0, 31, 10, 0, 0, 123));
    expect(r.value.event.offset).toBe('17');
    if (r.value.table !== 'orders') throw new Error('expected an order');
    const after: Order | null = r.value.after;
    expect(after?.total_price).toBe('129.90');
    expect(after?.order_date).toEqual(new Date('2025-01-31T10:00:00.123Z'));
  });

  test('each table has its own event-time column', () => {
    const r = toDomainRecord(decode('payments', { op: 'c', after: payment }));
    if (!r.ok) throw r.error;
    expect(r.value.table).toBe('payments');
    expect(r.value.eventTime).toBe(Date.UTC(2025, 1, 1, 8));
    if (r.value.table === 'payments') expect(r.value.after?.payment_method).toBe('credit_card');
  });

  test('a delete takes its event time from before', () => {
    const r = toDomainRecord(decode('orders', { op: 'd', before: order }));
    if (!r.ok) throw r.error;
    expect(r.value).toMatchObject({ op: 'delete', after: null, beforeError: null });
    expect(r.value.eventTime).toBe(Date.UTC(2025, 0, 31, 10, 0, 0, 123));
  });

  test('a partial before (REPLICA IDENTITY DEFAULT) is tolerated: beforeError, commit time as event time', () => {
    const before = { customer_id: 7, first_name: '', email: '' };
    const r = toDomainRecord(decode('customers', { op: 'd', before }));
    if (!r.ok) throw r.error;
    expect(r.value.before).toBeNull();
    expect(isDomainError(r.value.beforeError, 'invalid_record')).toBe(true);
    expect(r.value.beforeError?.raw).toEqual(before);
    expect(r.value.eventTime).toBe(1_738_400_000_000);
  });

  test('an after that does not validate is a DOMAIN_VALIDATION DecodeError with the DomainError as cause', () => {
    const bad = { ...order, total_price: 15, status: 'confirmed' };
    const r = toDomainRecord(decode('orders', { op: 'u', after: bad }));
    if (r.ok) throw new Error('expected an error');
    expect(r.error).toBeInstanceOf(DecodeError);
    expect(r.error).toMatchObject({
      code: 'DOMAIN_VALIDATION',
      path: ['after'],
      part: 'value',
      retriable: false,
      topic: 'ecommerce-cdc.public.orders',
      partition: 2,
      offset: '17',
    });
    expect(r.error.message).toMatch(/total_price/);
    const cause = r.error.cause as DomainError;
    expect(isDomainError(cause, 'invalid_record')).toBe(true);
    expect(cause.raw).toEqual(bad);
    expect(cause.issues.map((i) => i.path.join('.')).sort()).toEqual(['status', 'total_price']);
  });

  test('a table that is not a shop table is a DOMAIN_VALIDATION error', () => {
    const r = toDomainRecord(decode('audit_log', { op: 'c', after: { id: 1 } }));
    expect(r.ok || r.error.code).toBe('DOMAIN_VALIDATION');
    expect(r.ok || r.error.message).toMatch(/no domain table for public\.audit_log/);
  });

  test('a truncate has no row: the commit time is its event time', () => {
    const r = toDomainRecord(decode('orders', { op: 't' }));
    if (!r.ok) throw r.error;
    expect(r.value).toMatchObject({
      op: 'truncate',
      before: null,
      after: null,
      eventTime: 1_738_400_000_000,
    });
  });
});

describe('toDomainRecord with a custom table map', () => {
  interface Widget {
    id: number;
    made_at: string | number;
  }
  const widgets: DomainTable<Widget> = {
    schema: {
      safeParse: (x) => {
        const r = x as Record<string, unknown>;
        return typeof r['id'] === 'number'
          ? { success: true, data: r as unknown as Widget }
          : { success: false, error: { issues: [{ path: ['id'], message: 'Expected a number' }] } };
      },
    },
    eventTimeColumn: 'made_at',
  };
  const tables = { 'inventory.widgets': widgets };

  test('looks tables up as schema.table and types rows by the map', () => {
    const r = toDomainRecord(
      decode('widgets', { op: 'c', after: { id: 1, made_at: 5 } }, 'inventory'),
      tables,
    );
    if (!r.ok) throw r.error;
    expect(r.value.table).toBe('inventory.widgets');
    const id: number | undefined = r.value.after?.id;
    expect(id).toBe(1);
    expect(r.value.eventTime).toBe(5);
  });

  test('invalid rows and bad event times are DOMAIN_VALIDATION errors', () => {
    const bad = toDomainRecord(decode('widgets', { op: 'c', after: { id: 'x' } }, 'inventory'), tables);
    expect(bad.ok || [bad.error.code, bad.error.message]).toEqual([
      'DOMAIN_VALIDATION',
      '"after" does not match the inventory.widgets table: Invalid inventory.widgets record: id: Expected a number',
    ]);
    const when = toDomainRecord(
      decode('widgets', { op: 'c', after: { id: 1, made_at: '2025-01-31 10:00' } }, 'inventory'),
      tables,
    );
    if (when.ok) throw new Error('expected an error');
    expect(when.error.path).toEqual(['after', 'made_at']);
    expect(isDomainError(when.error.cause, 'invalid_time')).toBe(true);
    const missing = toDomainRecord(decode('widgets', { op: 'c', after: { id: 1 } }, 'inventory'), tables);
    expect(missing.ok || missing.error.path).toEqual(['after', 'made_at']);
  });

  test('a shop table name missing from the map is refused', () => {
    const r = toDomainRecord(decode('orders', { op: 'c', after: order }), tables);
    expect(r.ok || r.error.code).toBe('DOMAIN_VALIDATION');
  });
});
