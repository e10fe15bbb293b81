import { validRows } from '../test/rows.js';
import { column } from './column-hint.js';
import { idSchema, timestampSchema } from './primitives.js';
import { defineShopTable } from './shop-table.js';
import {
  DYNAMIC_TABLE_NAMES,
  SHOP_TABLE_NAMES,
  getColumnHints,
  getShopTable,
  isShopTableName,
  parseShopRecord,
  safeParseShopRecord,
  shopTables,
} from './shop-tables.js';
import { isDomainError } from './errors.js';
import { z } from 'zod';

describe('shopTables registry', () => {
  it('holds the 10 tables keyed by their own names', () => {
    expect(SHOP_TABLE_NAMES).toEqual([
      'customers',
      'categories',
      'products',
      'orders',
      'order_items',
      'payments',
      'shipments',
      'carts',
      'wishlists',
      'customer_events',
    ]);
    for (const name of SHOP_TABLE_NAMES) expect(shopTables[name].name).toBe(name);
  });

  it('column hints cover exactly the schema keys, and the primary key is the first column', () => {
    for (const name of SHOP_TABLE_NAMES) {
      const table = shopTables[name];
      expect(Object.keys(table.columns)).toEqual(Object.keys(table.schema.shape));
      expect(Object.keys(table.columns)[0]).toBe(table.primaryKey);
      expect(table.columns[table.primaryKey as never]).toMatchObject({ nullable: false });
    }
  });

  it('every money column is NUMERIC(14,2) and every mutable table has a NOT NULL updated_at', () => {
    for (const name of SHOP_TABLE_NAMES) {
      const table = shopTables[name];
      for (const hint of Object.values(table.columns)) {
        if (hint.kind === 'decimal')
          expect(hint).toMatchObject({ sqlType: 'numeric(14,2)', precision: 14, scale: 2 });
      }
      if (table.updatedAtColumn !== null) {
        expect(table.columns[table.updatedAtColumn as never]).toMatchObject({
          kind: 'timestamptz',
          nullable: false,
        });
      }
      expect(table.columns[table.eventTimeColumn as never]).toMatchObject({
        kind: 'timestamptz',
        nullable: false,
      });
    }
    expect(SHOP_TABLE_NAMES.filter((name) => shopTables[name].updatedAtColumn === null)).toEqual([
      'customer_events',
    ]);
  });

  it('dynamic tables are every non-master table', () => {
    expect([...DYNAMIC_TABLE_NAMES].sort()).toEqual(
      SHOP_TABLE_NAMES.filter((name) => !['customers', 'categories', 'products'].includes(name)).sort(),
    );
  });

  it('looks tables up by name and refuses unknown names with a typed error', () => {
    expect(getShopTable('payments').primaryKey).toBe('payment_id');
    expect(getColumnHints('orders')['total_price']).toMatchObject({ kind: 'decimal', scale: 2 });
    expect(isShopTableName('orders')).toBe(true);
    for (const bad of ['order', 'payment', 'toString', '__proto__', '', 42, null]) {
      expect(isShopTableName(bad)).toBe(false);
    }
    try {
      getShopTable('payment');
      throw new Error('expected a throw');
    } catch (error) {
      expect(isDomainError(error, 'unknown_table')).toBe(true);
      expect((error as Error).message).toContain('Unknown shop table "payment"');
    }
  });
});

describe('parseShopRecord', () => {
  it('returns typed records', () => {
    const order = parseShopRecord('orders', { ...validRows.orders, order_date: '2025-03-01T09:30:00+07:00' });
    expect(order.order_date).toEqual(new Date('2025-03-01T02:30:00Z'));
    expect(order.total_price).toBe('37980000.00');
  });

  it('collects every bad column into an invalid_record error', () => {
    const result = safeParseShopRecord('orders', {
      ...validRows.orders,
      total_price: 15,
      status: 'confirmed',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_record');
    expect(result.error.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'status',
      'total_price',
    ]);
    expect(result.error.message).toMatch(/^Invalid orders record: /);
    expect(result.error.details).toEqual({ table: 'orders' });
    expect(result.error.raw).toEqual({ ...validRows.orders, total_price: 15, status: 'confirmed' });
  });

  it('returns the typed row as value', () => {
    const result = safeParseShopRecord('orders', validRows.orders);
    expect(result.ok && result.value.total_price).toBe('37980000.00');
  });

  it('handles non-object input and unknown tables without throwing in the safe variant', () => {
    const notObject = safeParseShopRecord('carts', 'hello');
    expect(notObject.ok).toBe(false);
    if (!notObject.ok) expect(notObject.error.message).toContain('(row)');
    const unknown = safeParseShopRecord('nope', {});
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('unknown_table');
    if (!unknown.ok) expect(unknown.error.raw).toEqual({});
  });

  it('throws in the strict variant', () => {
    expect(() => parseShopRecord('carts', {})).toThrow(/Invalid carts record/);
    expect(() => parseShopRecord('nope', {})).toThrow(/Unknown shop table/);
  });
});

describe('defineShopTable', () => {
  const schema = z.object({ widget_id: idSchema, created_at: timestampSchema });
  const base = {
    name: 'widgets',
    schema,
    insertSchema: schema.partial(),
    primaryKey: 'widget_id' as const,
    columns: { widget_id: column.integer(), created_at: column.timestamptz() },
    eventTimeColumn: 'created_at' as const,
    updatedAtColumn: null,
    replicaIdentityFull: false,
  };

  it('freezes a consistent definition', () => {
    expect(Object.isFrozen(defineShopTable(base))).toBe(true);
  });

  it('rejects hints that do not match the schema', () => {
    expect(() => defineShopTable({ ...base, columns: { widget_id: column.integer() } as never })).toThrow(
      /do not match/,
    );
    expect(() => defineShopTable({ ...base, primaryKey: 'id' as never })).toThrow(/id is not a column/);
  });
});
