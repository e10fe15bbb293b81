import { shopTables, type ColumnHint, type ShopTableName } from '@ecom/domain';
import type pg from 'pg';

/** A column of a bulk insert: its name and the PostgreSQL type its values are sent as (an array of it). */
export interface BulkColumn {
  readonly name: string;
  readonly type: string;
}

/**
 * The bulk-insert columns of a shop table, typed from the column hints of `@ecom/domain`, so the SQL types come
 * from the one definition of the schema.
 *
 * @example
 * shopColumns('categories', ['category_id', 'name']);
 * // → [{ name: 'category_id', type: 'integer' }, { name: 'name', type: 'character varying(100)' }]
 */
export function shopColumns<T extends ShopTableName>(
  table: T,
  names: readonly (keyof (typeof shopTables)[T]['columns'] & string)[],
): BulkColumn[] {
  const hints = shopTables[table].columns as Readonly<Record<string, ColumnHint>>;
  return names.map((name) => ({ name, type: hints[name].sqlType }));
}

/** Options of {@link bulkInsert}. */
export interface BulkInsertOptions {
  /** Rows per statement (default 5,000). */
  readonly batchSize?: number;
  /** SQL appended after the SELECT, e.g. `ON CONFLICT (product_id) DO NOTHING`. */
  readonly onConflict?: string;
  /** Called after each batch with the number of rows written so far. */
  readonly onProgress?: (written: number) => void;
}

/**
 * Inserts many rows with one multi-row statement per batch: `INSERT ... SELECT * FROM unnest($1::int[], ...)`, one
 * array parameter per column, so a batch of any size is a single round trip with a fixed number of parameters.
 * `rows` are column-ordered value arrays. Returns the number of rows the statements inserted or updated.
 *
 * @example
 * await bulkInsert(client, 'categories', [{ name: 'category_id', type: 'int' }, { name: 'name', type: 'text' }], [[1, 'Sách']]);
 */
export async function bulkInsert(
  client: pg.ClientBase,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  options: BulkInsertOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 5_000;
  const names = columns.map((c) => c.name).join(', ');
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${params}) ${options.onConflict ?? ''}`;
  let written = 0;
  let changed = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const arrays = columns.map((_, i) => batch.map((row) => row[i] ?? null));
    const result = await client.query(sql, arrays);
    changed += result.rowCount ?? 0;
    written += batch.length;
    options.onProgress?.(written);
  }
  return changed;
}
