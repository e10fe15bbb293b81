import type pg from 'pg';
import type { CategoryRow, ProductRow } from '../catalogue/generate-catalogue.js';
import type { CustomerDraft } from '../catalogue/generate-customers.js';
import { bulkInsert, shopColumns, type BulkColumn } from '../db/bulk-insert.js';
import { syncIdentity } from '../db/clear-tables.js';
import type { Progress } from '../cli/progress.js';

/** A customer ready to write: the draft plus its bcrypt hash. */
export type CustomerRow = CustomerDraft & { password: string };

/** Rows each table changed: inserted, or updated because the seed or arguments changed (0 on an identical rerun). */
export interface MasterDataCounts {
  categories: number;
  products: number;
  customers: number;
}

function upsert(table: string, key: string, columns: readonly BulkColumn[]): string {
  const data = columns.map((c) => c.name).filter((name) => name !== key);
  return (
    `ON CONFLICT (${key}) DO UPDATE SET ${data.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} ` +
    `WHERE (${data.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${data.map((c) => `EXCLUDED.${c}`).join(', ')})`
  );
}

const CATEGORY_COLUMNS: BulkColumn[] = shopColumns('categories', ['category_id', 'name', 'description']);
const PRODUCT_COLUMNS: BulkColumn[] = shopColumns('products', [
  'product_id',
  'sku',
  'name',
  'description',
  'price',
  'stock',
  'category_id',
  'is_active',
]);
const CUSTOMER_COLUMNS: BulkColumn[] = shopColumns('customers', [
  'customer_id',
  'first_name',
  'last_name',
  'email',
  'password',
  'address',
  'phone_number',
]);

/**
 * Writes master data idempotently in one transaction: rows have explicit ids and are upserted
 * (`ON CONFLICT (id) DO UPDATE ... WHERE IS DISTINCT FROM`), so a rerun with the same seed and arguments changes
 * nothing (no new rows, no updates, no CDC events); identity sequences are moved past the ids afterwards.
 * Rows with larger ids from an earlier, bigger run are kept (use `--clear` for an exact catalogue).
 *
 * @example
 * const { categories, products, customers } = buildMasterData({ categories: 15, products: 200, customers: 100, seed: '42', clear: false, bcryptCost: 4 }, progress);
 * await writeMasterData(client, { categories, products, customers }, progress); // { categories: 15, ... } first, zeros on a rerun
 */
export async function writeMasterData(
  client: pg.ClientBase,
  data: { categories: CategoryRow[]; products: ProductRow[]; customers: CustomerRow[] },
  progress: Progress,
): Promise<MasterDataCounts> {
  const write = async (
    table: string,
    key: string,
    columns: BulkColumn[],
    rows: unknown[][],
  ): Promise<number> => {
    progress.start(`write ${table}`, rows.length);
    const changed = await bulkInsert(client, table, columns, rows, {
      onConflict: upsert(table, key, columns),
      onProgress: (n) => progress.update(n),
    });
    progress.stop();
    await syncIdentity(client, table, key);
    return changed;
  };
  const categories = await write(
    'categories',
    'category_id',
    CATEGORY_COLUMNS,
    data.categories.map((c) => [c.category_id, c.name, c.description]),
  );
  const products = await write(
    'products',
    'product_id',
    PRODUCT_COLUMNS,
    data.products.map((p) => [
      p.product_id,
      p.sku,
      p.name,
      p.description,
      p.price,
      p.stock,
      p.category_id,
      p.is_active,
    ]),
  );
  const customers = await write(
    'customers',
    'customer_id',
    CUSTOMER_COLUMNS,
    data.customers.map((c) => [
      c.customer_id,
      c.first_name,
      c.last_name,
      c.email,
      c.password,
      c.address,
      c.phone_number,
    ]),
  );
  return { categories, products, customers };
}
