import { z } from 'zod';
import { BCRYPT_HASH, SESSION_ID, validRows } from '../../test/rows.js';
import { shopTables, type ShopTableName } from '../shop-tables.js';
import { CUSTOMER_EVENT_TYPES } from '../statuses.js';
import { CUSTOMER_EVENT_SUBJECT, customerEventInsertSchema } from './customer-event.js';
import { customerInsertSchema, customerPublicSchema, customerSchema } from './customer.js';
import { orderInsertSchema } from './order.js';
import { productInsertSchema, productSchema } from './product.js';

const names = Object.keys(shopTables) as ShopTableName[];

function withColumn(table: ShopTableName, key: string, value: unknown): Record<string, unknown> {
  return { ...validRows[table], [key]: value };
}

function rejects(schema: z.ZodType, row: unknown, path: string): void {
  const result = schema.safeParse(row);
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
}

describe('row schemas', () => {
  it.each(names)('%s accepts a valid row', (name) => {
    expect(() => shopTables[name].schema.parse(validRows[name])).not.toThrow();
  });

  it.each(names)('%s accepts ISO strings for timestamps and returns Dates', (name) => {
    const table = shopTables[name];
    const row: Record<string, unknown> = { ...validRows[name] };
    for (const [key, hint] of Object.entries(table.columns)) {
      if (hint.kind === 'timestamptz' && row[key] instanceof Date) row[key] = '2025-03-01T09:30:00+07:00';
    }
    const parsed = table.schema.parse(row) as Record<string, unknown>;
    expect(parsed[table.eventTimeColumn]).toEqual(new Date('2025-03-01T02:30:00Z'));
  });

  it.each(names)('%s rejects a missing column, naming it', (name) => {
    for (const key of Object.keys(shopTables[name].columns)) {
      const row: Record<string, unknown> = { ...validRows[name] };
      delete row[key];
      rejects(shopTables[name].schema, row, key);
    }
  });

  it.each(names)('%s rejects null in NOT NULL columns and accepts it in nullable ones', (name) => {
    for (const [key, hint] of Object.entries(shopTables[name].columns)) {
      const result = shopTables[name].schema.safeParse(withColumn(name, key, null));
      expect([key, result.success]).toEqual([key, hint.nullable]);
    }
  });

  it.each(names)('%s rejects floats in money columns', (name) => {
    for (const [key, hint] of Object.entries(shopTables[name].columns)) {
      if (hint.kind === 'decimal') rejects(shopTables[name].schema, withColumn(name, key, 18990000), key);
    }
  });

  it.each(names)('%s rejects strings longer than the varchar limit', (name) => {
    for (const [key, hint] of Object.entries(shopTables[name].columns)) {
      if (hint.maxLength !== undefined)
        rejects(shopTables[name].schema, withColumn(name, key, 'A'.repeat(hint.maxLength + 1)), key);
    }
  });

  it.each([
    ['orders', 'status', 'confirmed'],
    ['orders', 'status', 'completed'],
    ['payments', 'status', 'SUCESS'],
    ['payments', 'payment_method', 'cash'],
    ['shipments', 'status', 'shipped'],
    ['customer_events', 'event_type', 'click'],
    ['order_items', 'quantity', 0],
    ['carts', 'quantity', -1],
    ['products', 'stock', -1],
    ['products', 'price', '-1.00'],
    ['products', 'sku', 'ẨM 123'],
    ['products', 'sku', 'die-1'],
    ['customers', 'email', 'Nguyễn.An@gmail.com'],
    ['customers', 'email', 'Lan@Gmail.com'],
    ['customers', 'email', 'not-an-email'],
    ['customers', 'password', 'password123'],
    ['customer_events', 'session_id', 'session-1'],
    ['customer_events', 'event_id', '0'],
    ['orders', 'customer_id', 0],
    ['orders', 'order_date', '2025-03-01 09:30'],
  ] as const)('%s.%s rejects %p', (table, key, value) => {
    rejects(shopTables[table].schema, withColumn(table, key, value), key);
  });

  it('customer_events returns bigint ids as strings', () => {
    expect(
      shopTables.customer_events.schema.parse(withColumn('customer_events', 'event_id', 12n)).event_id,
    ).toBe('12');
  });
});

describe('insert schemas', () => {
  it('make identity, defaulted and nullable columns optional', () => {
    expect(
      customerInsertSchema.parse({
        first_name: 'Lan',
        last_name: 'Trần',
        email: 'lan.tran7@gmail.com',
        password: BCRYPT_HASH,
      }),
    ).toEqual({
      first_name: 'Lan',
      last_name: 'Trần',
      email: 'lan.tran7@gmail.com',
      password: BCRYPT_HASH,
    });
    expect(
      productInsertSchema.safeParse({ sku: 'DIE-1', name: 'Sony Laptop', price: '1.00', category_id: 1 })
        .success,
    ).toBe(true);
    expect(orderInsertSchema.safeParse({ customer_id: 1, total_price: '0.00' }).success).toBe(true);
  });

  it('still require the columns without defaults', () => {
    rejects(orderInsertSchema, { customer_id: 1 }, 'total_price');
    rejects(productInsertSchema, { sku: 'DIE-1', name: 'x', price: '1.00' }, 'category_id');
    rejects(customerEventInsertSchema, { event_type: 'view_product', customer_id: 1 }, 'session_id');
  });

  it.each(names)('%s accepts a full valid row', (name) => {
    expect(shopTables[name].insertSchema.safeParse(validRows[name]).success).toBe(true);
  });
});

describe('customers', () => {
  it('public schema drops the password hash', () => {
    const shown = customerPublicSchema.parse(validRows.customers);
    expect(shown).not.toHaveProperty('password');
    expect(Object.keys(customerPublicSchema.shape)).not.toContain('password');
  });

  it('strips unknown keys instead of failing', () => {
    expect(customerSchema.parse({ ...validRows.customers, extra: 1 })).not.toHaveProperty('extra');
  });
});

describe('products', () => {
  it('price keeps the exact string', () => {
    expect(productSchema.parse(withColumn('products', 'price', '100000000.00')).price).toBe('100000000.00');
  });
});

describe('customer events', () => {
  it('every event type names a subject column', () => {
    expect(Object.keys(CUSTOMER_EVENT_SUBJECT).sort()).toEqual([...CUSTOMER_EVENT_TYPES].sort());
    for (const subject of Object.values(CUSTOMER_EVENT_SUBJECT)) {
      expect(shopTables.customer_events.columns[subject].nullable).toBe(true);
    }
  });

  it('accepts a minimal insert', () => {
    expect(
      customerEventInsertSchema.parse({
        event_type: 'browse_category',
        customer_id: 7,
        category_id: 3,
        session_id: SESSION_ID,
      }),
    ).toEqual({ event_type: 'browse_category', customer_id: 7, category_id: 3, session_id: SESSION_ID });
  });
});
