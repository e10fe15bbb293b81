/**
 * Bad input: typed errors that name the record's table and op, and leave the job's state as it was.
 */
import { toDomainRecord, type DomainRecord } from '@ecom/cdc';
import { isDomainError, isEcomError } from '@ecom/domain';
import { JobError } from '../job-error.js';
import { createRevenueJob } from './revenue-job.js';
import { changeEvent, orderRecord, orders, type OrderVersion } from '../../testing/order-records.js';

const T0 = Date.UTC(2026, 10, 25, 10);
const v: OrderVersion = { id: 1, customer: 7, at: T0, total: '100.00' };

function payment(): DomainRecord {
  const row = {
    payment_id: 3,
    order_id: 1,
    customer_id: 7,
    payment_date: '2026-11-25T10:00:00Z',
    amount: '100.00',
    payment_method: 'credit_card',
    transaction_id: 'tx-1',
    status: 'completed',
    created_at: '2026-11-25T10:00:00Z',
    updated_at: '2026-11-25T10:00:00Z',
  };
  const r = toDomainRecord(changeEvent('payments', 'create', null, row));
  if (!r.ok) throw r.error;
  return r.value;
}

/** Runs `onRecord` on a job holding one order, and checks that the throw changed nothing. */
function refuse(record: DomainRecord): JobError {
  const job = createRevenueJob();
  job.onRecord(orders.create(v));
  const before = job.snapshot();
  let thrown: unknown;
  try {
    job.onRecord(record);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(JobError);
  expect(job.snapshot()).toEqual(before);
  return thrown as JobError;
}

describe('revenue job: bad input', () => {
  it('a record of another table: WRONG_TABLE, with table and op in the message', () => {
    const e = refuse(payment());
    expect(e).toMatchObject({ code: 'WRONG_TABLE', retriable: false, job: 'revenue', name: 'JobError' });
    expect(e.message).toMatch(/^revenue: cannot use payments\/create: /);
    expect(isEcomError(e, 'WRONG_TABLE')).toBe(true);
  });

  it('a create without after: MISSING_ROW', () => {
    const e = refuse({ ...orders.create(v), after: null } as DomainRecord);
    expect(e).toMatchObject({ code: 'MISSING_ROW' });
    expect(e.message).toContain('orders/create');
  });

  it('a bad amount: INVALID_RECORD, the DomainError as cause, the record as raw', () => {
    const good = orders.update(v, v);
    const bad = { ...good, after: { ...good.after, total_price: '1e3' } } as DomainRecord;
    const e = refuse(bad);
    expect(e).toMatchObject({ code: 'INVALID_RECORD', raw: bad });
    expect(e.message).toContain('orders/update');
    expect(e.message).toContain('total_price');
    expect(isDomainError(e.cause, 'invalid_money')).toBe(true);
  });

  it('a bad status, customer or event time: INVALID_RECORD', () => {
    const good = orders.create(v);
    const after = good.after as Record<string, unknown>;
    for (const record of [
      { ...good, after: { ...after, status: 'confirmed' } },
      { ...good, after: { ...after, customer_id: '7' } },
      { ...good, after: { ...after, order_id: 0 } },
      { ...good, eventTime: 1.5 },
      { ...good, eventTime: 8.64e15 },
    ]) {
      expect(refuse(record as unknown as DomainRecord)).toMatchObject({ code: 'INVALID_RECORD' });
    }
  });

  it('a delete with neither before nor a key: MISSING_ROW', () => {
    const del = orders.delete(v);
    const e = refuse({ ...del, before: null, event: { ...del.event, key: null } } as DomainRecord);
    expect(e).toMatchObject({ code: 'MISSING_ROW' });
    expect(e.message).toContain('orders/delete');
  });

  it('a truncate: UNSUPPORTED_OP', () => {
    const truncate = orderRecord('truncate', null, null);
    expect(refuse(truncate)).toMatchObject({
      code: 'UNSUPPORTED_OP',
      message: expect.stringContaining('orders/truncate'),
    });
  });
});

describe('revenue job: snapshots', () => {
  it('is JSON-safe and restores into a new job with the same outputs', () => {
    const job = createRevenueJob();
    job.onRecord(orders.create(v));
    job.onWatermark(T0 + 59_999);
    const json = JSON.stringify(job.snapshot());
    const copy = createRevenueJob();
    copy.restore(JSON.parse(json));
    expect(copy.drain()).toEqual(job.drain()); // the undrained result travels with the snapshot
    const cancel = orders.cancel(v);
    job.onRecord(cancel);
    copy.onRecord(cancel);
    expect(copy.drain()).toEqual(job.drain());
    expect(copy.snapshot()).toEqual(job.snapshot());
  });

  it('refuses a foreign snapshot (INVALID_SNAPSHOT) or one of other options (SNAPSHOT_MISMATCH), unchanged', () => {
    const job = createRevenueJob();
    job.onRecord(orders.create(v));
    const before = job.snapshot();
    const good = JSON.parse(JSON.stringify(before));
    const broken = [
      null,
      { format: 'ecom-windowing/1' },
      { ...good, watermark: 'soon' },
      { ...good, windows: [{ start: T0 + 1, orders: [] }] },
      { ...good, windows: [{ start: T0, orders: [[1, '1e3', 7]], emitted: null }] },
      {
        ...good,
        windows: [...good.windows, { start: T0 + 60_000, orders: [[1, '1.00', 7]], emitted: null }],
      },
    ];
    for (const s of broken)
      expect(() => job.restore(s)).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT' }));
    const other = createRevenueJob({ windowSize: 300_000 });
    expect(() => other.restore(before)).toThrow(expect.objectContaining({ code: 'SNAPSHOT_MISMATCH' }));
    expect(job.snapshot()).toEqual(before);
  });
});
