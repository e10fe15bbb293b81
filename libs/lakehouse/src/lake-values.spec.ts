import { column } from '@ecom/domain';
import fc from 'fast-check';
import {
  decimalText,
  lakeColumnType,
  lakeSchema,
  toLakeBatch,
  toLakeValue,
  trinoType,
  unscaledDecimal,
  type LakeColumn,
} from './index.js';

const money: LakeColumn = {
  name: 'price',
  type: { kind: 'decimal', precision: 14, scale: 2 },
  nullable: false,
};
const at: LakeColumn = { name: 'at', type: { kind: 'timestamp_us' }, nullable: true };

describe('lake types from the column hints', () => {
  it('maps every hint kind', () => {
    expect(lakeColumnType(column.integer(true))).toEqual({ kind: 'int32' });
    expect(lakeColumnType(column.bigint())).toEqual({ kind: 'int64' });
    expect(lakeColumnType(column.money())).toEqual({ kind: 'decimal', precision: 14, scale: 2 });
    expect(lakeColumnType(column.timestamptz())).toEqual({ kind: 'timestamp_us' });
    expect(lakeColumnType(column.date())).toEqual({ kind: 'date' });
    expect(lakeColumnType(column.boolean())).toEqual({ kind: 'boolean' });
    expect(lakeColumnType(column.text())).toEqual({ kind: 'string' });
    expect(lakeColumnType(column.varchar(20))).toEqual({ kind: 'string', maxLength: 20 });
    expect(lakeColumnType(column.uuid())).toEqual({ kind: 'string', maxLength: 36 });
  });

  it('refuses an unconstrained NUMERIC', () => {
    expect(() => lakeColumnType({ kind: 'decimal', sqlType: 'numeric', nullable: false })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_COLUMN' }),
    );
  });

  it('keeps nullability and table order', () => {
    expect(
      lakeSchema('shipments').map((c) => `${c.name}:${trinoType(c.type)}${c.nullable ? '?' : ''}`),
    ).toEqual([
      'shipment_id:INTEGER',
      'order_id:INTEGER',
      'customer_id:INTEGER',
      'shipment_date:TIMESTAMP(6)?',
      'address:VARCHAR(255)',
      'city:VARCHAR(100)',
      'state:VARCHAR(100)?',
      'country:VARCHAR(64)',
      'zip_code:VARCHAR(10)?',
      'status:VARCHAR(20)',
      'tracking_number:VARCHAR(64)?',
      'created_at:TIMESTAMP(6)',
      'updated_at:TIMESTAMP(6)',
    ]);
  });

  it('refuses a table that is not a shop table', () => {
    expect(() => lakeSchema('order')).toThrow(expect.objectContaining({ code: 'UNKNOWN_TABLE' }));
  });
});

describe('exact decimals', () => {
  it.each([
    ['9999999999.99', 999999999999n],
    ['0.01', 1n],
    ['0', 0n],
    ['129.9', 12990n],
    ['007.50', 750n],
    ['-0.05', -5n],
    ['999999999999.99', 99999999999999n],
  ])('%s → %p', (text, unscaled) => {
    expect(unscaledDecimal(text, { precision: 14, scale: 2 })).toBe(unscaled);
  });

  it.each([['1.005'], ['1e3'], [' 1'], ['1,5'], ['1000000000000.00'], [''], ['.5']])('refuses %j', (text) => {
    expect(() => toLakeValue(money, text)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
  });

  it('refuses numbers: floats are not exact', () => {
    expect(() => toLakeValue(money, 0.29)).toThrow(/exact decimal string/);
  });

  it('round-trips any NUMERIC(14,2) through unscaled and back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n) + 1n, max: 10n ** 14n - 1n }), (u) => {
        expect(unscaledDecimal(decimalText(u, 2), { precision: 14, scale: 2 })).toBe(u);
      }),
    );
  });
});

describe('other values', () => {
  it('turns timestamps into epoch microseconds, keeping the microseconds of ISO strings', () => {
    expect(toLakeValue(at, '2026-11-25T07:30:00.123456Z')).toBe(1795591800123456n);
    expect(toLakeValue(at, '2026-11-25T14:30:00.123456+07:00')).toBe(1795591800123456n);
    expect(toLakeValue(at, new Date(1))).toBe(1000n);
    expect(toLakeValue(at, 5n)).toBe(5n);
    expect(toLakeValue(at, null)).toBeNull();
  });

  it('refuses ambiguous timestamps', () => {
    expect(() => toLakeValue(at, '2026-11-25 07:30:00')).toThrow(
      expect.objectContaining({ code: 'INVALID_VALUE' }),
    );
    expect(() => toLakeValue(at, 1795591800123)).toThrow(/not a timestamp/);
  });

  it('keeps text as text, leading zeros included', () => {
    expect(toLakeValue({ name: 'phone', type: { kind: 'string' }, nullable: true }, '0912345678')).toBe(
      '0912345678',
    );
    expect(() =>
      toLakeValue({ name: 'phone', type: { kind: 'string' }, nullable: true }, 912345678),
    ).toThrow();
  });

  it('keeps nullable integers integers and refuses floats', () => {
    const id: LakeColumn = { name: 'shipment_id', type: { kind: 'int32' }, nullable: true };
    expect(toLakeValue(id, null)).toBeNull();
    expect(toLakeValue(id, 7)).toBe(7);
    expect(() => toLakeValue(id, 7.5)).toThrow(/32-bit integer/);
    expect(() => toLakeValue(id, 2 ** 31)).toThrow(/32-bit integer/);
  });

  it('refuses impossible dates', () => {
    const day: LakeColumn = { name: 'day', type: { kind: 'date' }, nullable: false };
    expect(toLakeValue(day, '1970-01-02')).toBe(1);
    expect(() => toLakeValue(day, '2026-02-30')).toThrow(/not a date/);
  });

  it('names the row and column of a bad value, and refuses null in NOT NULL columns', () => {
    const rows = [{ ...validOrder }, { ...validOrder, total_price: null }];
    expect(() => toLakeBatch('orders', rows)).toThrow(
      'row 1: column total_price: null is null in a NOT NULL column',
    );
  });
});

const validOrder = {
  order_id: 1,
  customer_id: 1,
  order_date: '2026-11-25T07:30:00Z',
  total_price: '1.00',
  status: 'paid',
  created_at: new Date(0),
  updated_at: new Date(0),
};
