import type { ShopTableName } from '@ecom/domain';
import { toLakeBatch } from './lake-batch.js';
import type { ParquetFileWriter, ParquetWriteOptions } from './parquet-writer.js';
import { hyparquetFileWriter } from './writers/hyparquet-writer.js';

/**
 * The writer the lake uses unless told otherwise: the one place the choice is made (see the README's writer
 * comparison). `@ecom/lakehouse/writers` has the other candidates behind the same port.
 */
export const defaultParquetWriter: ParquetFileWriter = hyparquetFileWriter;

/**
 * Writes rows of a shop table as one Parquet file, with the exact types its @ecom/domain column hints give
 * (DECIMAL from decimal strings, TIMESTAMP(MICROS, UTC), INT32/INT64 that stay integers when null, UTF-8 text).
 *
 * @throws {@link LakehouseError} `UNKNOWN_TABLE`, `INVALID_VALUE` (naming row and column) or `UNSUPPORTED_CODEC`.
 *
 * @example
 * const bytes = await writeShopParquet({
 *   table: 'payments',
 *   rows: [{ payment_id: 1, order_id: 1, customer_id: 1, payment_date: new Date(), payment_method: 'cod',
 *     amount: '9999999999.99', status: 'pending', transaction_id: null, created_at: new Date(), updated_at: new Date() }],
 * });
 * bytes.byteLength > 0; // true, ready for `ObjectStore.put`
 */
export async function writeShopParquet(
  input: {
    table: ShopTableName;
    rows: readonly Readonly<Record<string, unknown>>[];
    writer?: ParquetFileWriter;
  } & ParquetWriteOptions,
): Promise<Uint8Array> {
  const { table, rows, writer = defaultParquetWriter, ...options } = input;
  return writer.write(toLakeBatch(table, rows), options);
}
