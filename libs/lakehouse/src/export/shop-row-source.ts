import type { ShopTableName } from '@ecom/domain';

/**
 * The port the export reads shop tables through: one consistent database snapshot for every table of a run,
 * each table batch by batch, in a stable order (event time first for partitioned tables). The adapter (`pgShopReader` in `@ecom/lakehouse/adapters`)
 * uses a REPEATABLE READ transaction and server-side cursors.
 *
 * @example
 * const source: ShopRowSource = {
 *   async *readTable() { yield [{ category_id: 1, name: 'Sách', description: null, created_at: new Date(), updated_at: new Date() }]; },
 *   async close() {},
 * };
 */
export interface ShopRowSource {
  /** One table's rows, in a stable order, `batchRows` at a time. */
  readTable(table: ShopTableName, batchRows: number): AsyncIterable<Record<string, unknown>[]>;
  /** Ends the read (the transaction). */
  close(): Promise<void>;
}
