import type { ShopTableName } from '@ecom/domain';
import { lakeSchema, type LakeColumn } from './lake-schema.js';
import { toLakeValue, type LakeValue } from './lake-values.js';

/**
 * Rows turned into columns of lake values (see {@link LakeValue}), ready for any Parquet writer: the conversion
 * (exact decimals, µs timestamps, checks) happens once here, so every writer gets the same input.
 */
export interface LakeBatch {
  readonly columns: readonly LakeColumn[];
  /** One array per column, in `columns` order, each `rowCount` long. */
  readonly values: readonly LakeValue[][];
  readonly rowCount: number;
}

/**
 * Converts rows of a shop table (or of any column list) to a {@link LakeBatch}. Columns missing from a row are
 * null; extra properties are ignored.
 *
 * @throws {@link LakehouseError} `UNKNOWN_TABLE`, or `INVALID_VALUE` naming the column and the row.
 *
 * @example
 * const batch = toLakeBatch('order_items', [
 *   { order_item_id: 1, order_id: 7, product_id: 3, quantity: 2, price: '199000.00',
 *     created_at: new Date(0), updated_at: new Date(0) },
 * ]);
 * batch.values[4]; // [19900000n]
 */
export function toLakeBatch(
  table: ShopTableName | readonly LakeColumn[],
  rows: readonly Readonly<Record<string, unknown>>[],
): LakeBatch {
  const columns = typeof table === 'string' ? lakeSchema(table) : table;
  const values = columns.map((column) => {
    const out = new Array<LakeValue>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      try {
        out[i] = toLakeValue(column, rows[i]![column.name]);
      } catch (err) {
        if (err instanceof Error) err.message = `row ${i}: ${err.message}`;
        throw err;
      }
    }
    return out;
  });
  return { columns, values, rowCount: rows.length };
}
