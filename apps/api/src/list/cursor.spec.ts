import { column } from '@ecom/domain';
import { decodeCursor, encodeCursor } from './cursor.js';

const int = column.integer();

describe('cursor', () => {
  it('round-trips', () => {
    const cursor = { sort: '-order_date', value: '2025-03-01T09:00:00.123456Z', key: 42 };
    expect(decodeCursor(encodeCursor(cursor), '-order_date', column.timestamptz(), int)).toEqual({
      ok: true,
      cursor,
    });
  });

  it('refuses garbage, another sort and out-of-range values', () => {
    expect(decodeCursor('%%%', 'order_id', int, int)).toEqual({ ok: false, message: 'Malformed cursor' });
    const other = encodeCursor({ sort: 'order_id', value: 1, key: 1 });
    expect(decodeCursor(other, '-order_id', int, int)).toMatchObject({ ok: false, message: /sort=order_id/ });
    const huge = encodeCursor({ sort: 'order_id', value: 2 ** 31, key: 1 });
    expect(decodeCursor(huge, 'order_id', int, int).ok).toBe(false);
    const money = encodeCursor({ sort: 'price', value: '1e3', key: 1 });
    expect(decodeCursor(money, 'price', column.money(), int).ok).toBe(false);
    const year0 = encodeCursor({ sort: 'created_at', value: '0000-01-01T00:00:00Z', key: 1 });
    expect(decodeCursor(year0, 'created_at', column.timestamptz(), int).ok).toBe(false);
    const bigint = encodeCursor({ sort: 'event_id', value: '9223372036854775808', key: '1' });
    expect(decodeCursor(bigint, 'event_id', column.bigint(), column.bigint()).ok).toBe(false);
  });
});
