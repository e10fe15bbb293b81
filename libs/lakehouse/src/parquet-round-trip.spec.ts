import { SHOP_TABLE_NAMES } from '@ecom/domain';
import { readParquet } from '../test/read-parquet.js';
import { SHOP_ROWS } from '../test/shop-rows.js';
import { lakeSchema, toLakeBatch, type LakeColumn, type ParquetFileWriter } from './index.js';
import { parquetWasmFileWriter, parquetjsFileWriter } from './writers/index.js';
import { hyparquetFileWriter } from './writers/hyparquet-writer.js';
import type { SchemaElement } from 'hyparquet';

const WRITERS: ParquetFileWriter[] = [hyparquetFileWriter, parquetjsFileWriter, parquetWasmFileWriter];

/** The Parquet annotation each lake type must carry, whatever the writer's physical choice. */
function expectLogicalType(element: SchemaElement, column: LakeColumn): void {
  expect(element.name).toBe(column.name);
  expect(element.repetition_type).toBe(column.nullable ? 'OPTIONAL' : 'REQUIRED');
  const t = column.type;
  switch (t.kind) {
    case 'int32':
    case 'int64':
      expect(element.type).toBe(t.kind === 'int32' ? 'INT32' : 'INT64');
      expect(element.converted_type).toBeUndefined();
      break;
    case 'decimal':
      expect(element.converted_type).toBe('DECIMAL');
      expect([element.precision, element.scale]).toEqual([t.precision, t.scale]);
      expect(['INT32', 'INT64', 'FIXED_LEN_BYTE_ARRAY']).toContain(element.type);
      break;
    case 'timestamp_us':
      expect(element.type).toBe('INT64');
      // TIMESTAMP_MICROS as a converted type means adjusted to UTC; a logical type, where written, must agree.
      expect(element.converted_type).toBe('TIMESTAMP_MICROS');
      if (element.logical_type) {
        expect(element.logical_type).toEqual({ type: 'TIMESTAMP', unit: 'MICROS', isAdjustedToUTC: true });
      }
      break;
    case 'date':
      expect([element.type, element.converted_type]).toEqual(['INT32', 'DATE']);
      break;
    case 'boolean':
      expect(element.type).toBe('BOOLEAN');
      break;
    case 'string':
      expect([element.type, element.converted_type]).toEqual(['BYTE_ARRAY', 'UTF8']);
      break;
  }
}

describe.each(WRITERS.map((w) => [w.name, w] as const))(
  '%s round trip through hyparquet',
  (_name, writer) => {
    it.each(SHOP_TABLE_NAMES.map((t) => [t]))(
      'writes every column of %s with exact values and types',
      async (table) => {
        const { rows, expected } = SHOP_ROWS[table];
        const bytes = await writer.write(toLakeBatch(table, rows));
        const back = await readParquet(bytes);
        const columns = lakeSchema(table);
        expect(back.schema).toHaveLength(columns.length);
        columns.forEach((column, i) => expectLogicalType(back.schema[i]!, column));
        expect(back.rows).toEqual(expected);
        for (const chunk of back.columns) {
          expect(chunk.codec).toBe('SNAPPY');
          expect(chunk.statistics?.null_count).toBeDefined();
        }
      },
    );

    it('writes min/max statistics that bound the values', async () => {
      const bytes = await writer.write(toLakeBatch('products', SHOP_ROWS.products.rows));
      const back = await readParquet(bytes);
      const byName = new Map(back.columns.map((c) => [c.path_in_schema.join('.'), c.statistics]));
      expect(byName.get('product_id')).toMatchObject({ min_value: 1, max_value: 3 });
      expect(byName.get('stock')).toMatchObject({ min_value: 0, max_value: 2_147_483_647 });
      // hyparquet converts DECIMAL statistics to numbers: these two are exact in a double.
      expect(byName.get('price')).toMatchObject({ min_value: 0.01, max_value: 999999999999.99 });
    });

    it('splits rows into row groups of the requested size', async () => {
      const rows = Array.from({ length: 2_500 }, (_, i) => ({
        ...SHOP_ROWS.orders.rows[0],
        order_id: i + 1,
      }));
      const back = await readParquet(
        await writer.write(toLakeBatch('orders', rows), { rowGroupRows: 1_000 }),
      );
      expect(back.rowGroups).toBe(3);
      expect(back.rows.map((r) => r['order_id'])).toEqual(rows.map((r) => r.order_id));
    });

    it('writes an empty file with the schema', async () => {
      const back = await readParquet(await writer.write(toLakeBatch('orders', [])));
      expect(back.rows).toEqual([]);
      expect(back.schema.map((e) => e.name)).toEqual(lakeSchema('orders').map((c) => c.name));
    });
  },
);

describe('columns the shop does not use yet', () => {
  const columns: LakeColumn[] = [
    { name: 'day', type: { kind: 'date' }, nullable: true },
    { name: 'delta', type: { kind: 'decimal', precision: 9, scale: 3 }, nullable: true },
    { name: 'wide', type: { kind: 'decimal', precision: 38, scale: 10 }, nullable: true },
    { name: 'whole', type: { kind: 'decimal', precision: 18, scale: 0 }, nullable: false },
    { name: 'big', type: { kind: 'int64' }, nullable: true },
    { name: 'doc', type: { kind: 'string' }, nullable: true },
  ];
  const rows = [
    {
      day: '2026-02-28',
      delta: '-123456.789',
      wide: '-9999999999999999999999999999.9999999999',
      whole: '999999999999999999',
      big: -(2n ** 63n),
      doc: { a: [1, '01'] },
    },
    { day: null, delta: null, wide: '0.0000000001', whole: '-1', big: '9223372036854775807', doc: null },
  ];
  const expected = [
    {
      day: '2026-02-28',
      delta: '-123456.789',
      wide: '-9999999999999999999999999999.9999999999',
      whole: '999999999999999999',
      big: '-9223372036854775808',
      doc: '{"a":[1,"01"]}',
    },
    { day: null, delta: null, wide: '0.0000000001', whole: '-1', big: '9223372036854775807', doc: null },
  ];

  it.each(WRITERS.map((w) => [w.name, w] as const))(
    '%s writes dates, negative and 38-digit decimals, int64 edges, JSON as text',
    async (_n, writer) => {
      const back = await readParquet(await writer.write(toLakeBatch(columns, rows)));
      expect(back.rows).toEqual(expected);
      columns.forEach((column, i) => expectLogicalType(back.schema[i]!, column));
    },
  );

  const before1970 = [{ name: 'at', type: { kind: 'timestamp_us' }, nullable: false }] as const;
  const oldRows = [{ at: '1969-07-20T20:17:40.000001Z' }];

  it.each([hyparquetFileWriter, parquetWasmFileWriter].map((w) => [w.name, w] as const))(
    '%s writes instants before 1970',
    async (_n, writer) => {
      const back = await readParquet(await writer.write(toLakeBatch(before1970, oldRows)));
      expect(back.rows).toEqual(oldRows);
    },
  );

  it('@dsnp/parquetjs refuses instants before 1970 (a known limit of the library)', async () => {
    await expect(parquetjsFileWriter.write(toLakeBatch(before1970, oldRows))).rejects.toThrow(
      /out of bounds/,
    );
  });
});

describe('codecs', () => {
  it('parquet-wasm writes ZSTD', async () => {
    const bytes = await parquetWasmFileWriter.write(toLakeBatch('orders', SHOP_ROWS.orders.rows), {
      codec: 'ZSTD',
    });
    const { parquetMetadata } = await import('hyparquet');
    const md = parquetMetadata(bytes.slice().buffer);
    expect(md.row_groups[0]!.columns.map((c) => c.meta_data!.codec)).toEqual(Array(7).fill('ZSTD'));
  });

  it.each([hyparquetFileWriter, parquetjsFileWriter].map((w) => [w.name, w] as const))(
    '%s refuses ZSTD with a typed error',
    async (_n, writer) => {
      await expect(writer.write(toLakeBatch('orders', []), { codec: 'ZSTD' })).rejects.toMatchObject({
        code: 'UNSUPPORTED_CODEC',
      });
    },
  );

  it('refuses a row group size that is not a positive integer', async () => {
    await expect(
      hyparquetFileWriter.write(toLakeBatch('orders', []), { rowGroupRows: 0 }),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });
});
