import fc from 'fast-check';
import { LakehouseError, dataFileKey, hivePartition } from './index.js';

describe('hivePartition', () => {
  it('partitions by UTC event time, by hour by default', () => {
    expect(hivePartition({ table: 'orders', eventTimeMs: Date.UTC(2026, 10, 25, 7, 30) })).toEqual({
      table: 'orders',
      dt: '2026-11-25',
      hour: '07',
      path: 'orders/dt=2026-11-25/hour=07/',
    });
  });

  it('supports day granularity', () => {
    expect(hivePartition({ table: 'order_items', eventTimeMs: 0, granularity: 'day' }).path).toBe(
      'order_items/dt=1970-01-01/',
    );
  });

  it('puts the last millisecond of an hour in that hour and the next one in the next', () => {
    const h = Date.UTC(2026, 0, 1, 1);
    expect(hivePartition({ table: 't', eventTimeMs: h - 1 }).hour).toBe('00');
    expect(hivePartition({ table: 't', eventTimeMs: h }).hour).toBe('01');
  });

  it('handles times before the epoch', () => {
    expect(hivePartition({ table: 't', eventTimeMs: -1 }).path).toBe('t/dt=1969-12-31/hour=23/');
  });

  it.each(['Orders', 'orders;drop', '', '1orders', 'a/b'])(
    'rejects table name %j with a typed error',
    (table) => {
      expect(() => hivePartition({ table, eventTimeMs: 0 })).toThrow(
        expect.objectContaining({ code: 'INVALID_TABLE_NAME' }),
      );
    },
  );

  it.each([Number.NaN, 1.5, Number.POSITIVE_INFINITY, 2 ** 53, 9e15])(
    'rejects event time %p',
    (eventTimeMs) => {
      const err = (() => {
        try {
          hivePartition({ table: 'orders', eventTimeMs });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(LakehouseError);
      expect((err as LakehouseError).code).toBe('INVALID_EVENT_TIME');
    },
  );

  it('agrees with Date for any valid instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000, max: 253402300799999 }), (ms) => {
        const p = hivePartition({ table: 'x', eventTimeMs: ms });
        const d = new Date(ms);
        expect(p.dt).toBe(d.toISOString().slice(0, 10));
        expect(Number(p.hour)).toBe(d.getUTCHours());
      }),
    );
  });
});

describe('dataFileKey', () => {
  const partition = hivePartition({ table: 'orders', eventTimeMs: Date.UTC(2026, 10, 25, 7) });

  it('is deterministic for a batch id, so a re-export overwrites instead of duplicating', () => {
    const a = dataFileKey({ prefix: 'lake/', partition, batchId: 'p0-o1200' });
    expect(a).toBe('lake/orders/dt=2026-11-25/hour=07/part-p0-o1200.parquet');
    expect(dataFileKey({ prefix: '/lake', partition, batchId: 'p0-o1200' })).toBe(a);
  });

  it('works without a prefix', () => {
    expect(dataFileKey({ partition, batchId: 'b1' })).toBe('orders/dt=2026-11-25/hour=07/part-b1.parquet');
  });

  it.each(['', '../x', 'a/b', 'x y'])('rejects batch id %j', (batchId) => {
    expect(() => dataFileKey({ partition, batchId })).toThrow(
      expect.objectContaining({ code: 'INVALID_BATCH_ID' }),
    );
  });

  it('rejects path traversal in the prefix', () => {
    expect(() => dataFileKey({ prefix: 'lake/../etc', partition, batchId: 'b' })).toThrow(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
  });
});
