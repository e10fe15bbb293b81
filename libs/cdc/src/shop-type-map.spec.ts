import { column, shopTables } from '@ecom/domain';
import { changeOf } from '../test/decode-results.js';
import { encodeBase64 } from './base64.js';
import { createDecoder } from './decoder.js';
import { typeMapFromShopTables } from './shop-type-map.js';

describe('typeMapFromShopTables', () => {
  test('types exactly the shop columns schemaless JSON cannot decode alone: the money columns', () => {
    expect(typeMapFromShopTables()).toEqual({
      products: { price: 'numeric(14,2)' },
      orders: { total_price: 'numeric(14,2)' },
      order_items: { price: 'numeric(14,2)' },
      payments: { amount: 'numeric(14,2)' },
    });
  });

  test('every decimal and date hint of every shop table is in it', () => {
    const map = typeMapFromShopTables();
    for (const [name, table] of Object.entries(shopTables)) {
      for (const [col, hint] of Object.entries(table.columns)) {
        if (hint.kind === 'decimal' || hint.kind === 'date') expect(map[name]?.[col]).toBeDefined();
        else expect(map[name]?.[col]).toBeUndefined();
      }
    }
  });

  test('custom tables: decimals with their precision and scale, dates, nothing else', () => {
    expect(
      typeMapFromShopTables({
        widgets: {
          columns: {
            id: column.integer(),
            price: { kind: 'decimal', sqlType: 'numeric(10,3)', nullable: false, precision: 10, scale: 3 },
            ratio: { kind: 'decimal', sqlType: 'numeric', nullable: true },
            made_on: column.date(),
            made_at: column.timestamptz(),
          },
        },
        tags: { columns: { tag: column.text() } },
      }),
    ).toEqual({ widgets: { price: 'numeric(10,3)', ratio: 'numeric', made_on: 'date' } });
  });

  test('a schemaless shop record decodes to exact decimals with it', () => {
    const unscaled = 12990n; // 129.90 as Debezium's precise-mode bytes
    const bytes = Uint8Array.from([Number(unscaled >> 8n), Number(unscaled & 0xffn)]);
    const value = JSON.stringify({
      op: 'c',
      before: null,
      after: { order_id: 1, total_price: encodeBase64(bytes), status: 'paid' },
      source: { schema: 'public', table: 'orders' },
    });
    const decoder = createDecoder({ typeMap: typeMapFromShopTables() });
    const e = changeOf(decoder.decodeSync({ topic: 'ecommerce-cdc.public.orders', value }));
    expect(e.after?.['total_price']).toBe('129.90');
  });
});
