/**
 * The snapshot of a top-products job: plain JSON (`JSON.stringify` it), rows as tuples, the indexes left out (they
 * are rebuilt), checked with zod on restore.
 */
import { multiplyMoney, moneySchema, orderStatusSchema, quantitySchema } from '@ecom/domain';
import { z } from 'zod';
import type { JobResult, JsonValue } from '../../runtime/stream-job.js';
import { invalidSnapshot, snapshotMismatch } from '../job-error.js';
import type { LateChange } from './late-change.js';
import type { TopProductsConfig } from './options.js';
import type { OrderItemJoin } from './order-item-join.js';
import type { ProductTable } from './product-table.js';
import { emptyState, type TopProductsState } from './top-products-state.js';

/**
 * The snapshot format id.
 *
 * @example
 * const format: string = TOP_PRODUCTS_SNAPSHOT_FORMAT; // 'ecom-jobs/top-products/1'
 */
export const TOP_PRODUCTS_SNAPSHOT_FORMAT = 'ecom-jobs/top-products/1';

const int = z.int();
const operation = z.enum(['create', 'update', 'delete', 'read', 'truncate', 'message']);

/**
 * The zod shapes of the parts every top-products snapshot (single-process core and scaled-out stages) shares.
 *
 * @example
 * const orders = SNAPSHOT_PARTS.orders.parse([[1, 0, 'paid']]); // [[order_id, order_date ms, status]]
 */
export const SNAPSHOT_PARTS = {
  config: z.object({ name: z.string(), windowSize: int, n: int, correctionHorizon: int }),
  /** `[order_id, order_date ms, status]` */
  orders: z.array(z.tuple([int, int, orderStatusSchema])),
  /** `[order_item_id, order_id, product_id, quantity, price, created_at ms]` */
  items: z.array(z.tuple([int, int, int, quantitySchema, moneySchema, int])),
  /** `[product_id, name, category_id]` */
  products: z.array(z.tuple([int, z.string(), int])),
  /** `[category_id, name]` */
  categories: z.array(z.tuple([int, z.string()])),
  /** `[window start, [[result key, row JSON text], …]]` */
  emitted: z.array(z.tuple([int, z.array(z.tuple([z.string(), z.string()]))])),
  dirty: z.array(int),
  output: z.array(
    z.object({
      topic: z.string(),
      id: z.object({ job: z.string(), windowStart: int, windowEnd: int, key: z.string() }),
      value: z.record(z.string(), z.json()).nullable(),
    }),
  ),
  late: z.array(
    z.object({
      reason: z.enum(['closed_window', 'orphaned_item']),
      table: z.enum(['orders', 'order_items']),
      op: operation.nullable(),
      id: int,
      windowStart: int,
      watermark: int,
      topic: z.string().nullable(),
      partition: int.nullable(),
      offset: z.string().nullable(),
    }),
  ),
  metrics: z.object({
    records: int,
    lateChanges: int,
    orphanedItems: int,
    ignoredChanges: int,
    firings: int,
    results: int,
    retractions: int,
  }),
};

const snapshotSchema = z.object({
  format: z.literal(TOP_PRODUCTS_SNAPSHOT_FORMAT),
  watermark: int,
  ...SNAPSHOT_PARTS,
});

/**
 * The options a snapshot records (and restore compares), in the schema's key order.
 *
 * @example
 * optionsOf(topProductsConfig({})); // { name: 'top-products', windowSize: 60000, n: 10, correctionHorizon: 86400000 }
 */
export const optionsOf = ({ name, windowSize, n, correctionHorizon }: TopProductsConfig) => ({
  name,
  windowSize,
  n,
  correctionHorizon,
});

/**
 * A JSON-safe copy of the state.
 *
 * @example
 * const config = topProductsConfig({});
 * const json = JSON.stringify(encodeState(config, emptyState(config))); // {"format":"ecom-jobs/top-products/1",…}
 */
export function encodeState(config: TopProductsConfig, state: TopProductsState): JsonValue {
  const { join, table, emitted } = state;
  const snapshot: z.input<typeof snapshotSchema> = {
    format: TOP_PRODUCTS_SNAPSHOT_FORMAT,
    config: optionsOf(config),
    watermark: state.watermark,
    ...encodeJoin(join),
    ...encodeTable(table),
    emitted: [...emitted.windows].map(([start, rows]) => [start, [...rows]]),
    dirty: [...state.dirty],
    output: state.output.map((r) => structuredClone(r) as z.input<typeof snapshotSchema>['output'][number]),
    late: state.late.map((l) => ({ ...l })),
    metrics: { ...state.metrics },
  };
  return snapshot as JsonValue;
}

/**
 * A fresh state from a snapshot of a job built with the same options.
 *
 * @throws JobError `INVALID_SNAPSHOT` for another format or a bad entry, `SNAPSHOT_MISMATCH` for other options.
 *
 * @example
 * const config = topProductsConfig({});
 * const text = JSON.stringify(encodeState(config, emptyState(config)));
 * const state = decodeState(config, JSON.parse(text) as JsonValue); // the job swaps it in whole
 */
export function decodeState(config: TopProductsConfig, json: JsonValue): TopProductsState {
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) throw invalidSnapshot(config.name, z.prettifyError(parsed.error), parsed.error);
  const s = parsed.data;
  const mine = optionsOf(config);
  if (JSON.stringify(s.config) !== JSON.stringify(mine)) throw snapshotMismatch(config.name, s.config, mine);
  const state = emptyState(config);
  state.watermark = s.watermark;
  decodeJoin(config.name, state.join, s);
  decodeTable(state.table, s);
  for (const [start, rows] of s.emitted) state.emitted.windows.set(start, new Map(rows));
  for (const window of s.dirty) state.dirty.add(window);
  state.output.push(...(s.output as JobResult[]));
  state.late.push(...(s.late as LateChange[]));
  Object.assign(state.metrics, s.metrics);
  return state;
}

type Parts = { [K in keyof typeof SNAPSHOT_PARTS]: z.output<(typeof SNAPSHOT_PARTS)[K]> };

/**
 * The orders and items of a join as snapshot rows.
 *
 * @example
 * import { OrderItemJoin } from './order-item-join.js';
 * encodeJoin(new OrderItemJoin(60_000)); // { orders: [], items: [] }
 */
export function encodeJoin(join: OrderItemJoin): Pick<Parts, 'orders' | 'items'> {
  return {
    orders: [...join.orders].map(([id, o]) => [id, o.date, o.status]),
    items: [...join.items].map(([id, i]) => [id, i.orderId, i.productId, i.quantity, i.price, i.createdAt]),
  };
}

/**
 * Loads snapshot rows into an empty join (line revenues recomputed).
 *
 * @throws JobError `INVALID_SNAPSHOT` for an item whose revenue is not money.
 *
 * @example
 * import { OrderItemJoin } from './order-item-join.js';
 * decodeJoin('top-products', new OrderItemJoin(60_000), { orders: [[1, 0, 'paid']], items: [] });
 */
export function decodeJoin(job: string, join: OrderItemJoin, s: Pick<Parts, 'orders' | 'items'>): void {
  for (const [id, date, status] of s.orders) join.setOrder(id, { date, status });
  for (const [id, orderId, productId, quantity, price, createdAt] of s.items) {
    let revenue: string;
    try {
      revenue = multiplyMoney(price, quantity);
    } catch (e) {
      throw invalidSnapshot(job, `item ${id}: ${quantity} × ${price} is not money`, e);
    }
    join.setItem(id, { orderId, productId, quantity, price, revenue, createdAt });
  }
}

/**
 * The products and categories of a table as snapshot rows.
 *
 * @example
 * import { ProductTable } from './product-table.js';
 * encodeTable(new ProductTable()); // { products: [], categories: [] }
 */
export function encodeTable(table: ProductTable): Pick<Parts, 'products' | 'categories'> {
  return {
    products: [...table.products].map(([id, p]) => [id, p.name, p.categoryId]),
    categories: [...table.categories],
  };
}

/**
 * Loads snapshot rows into an empty table.
 *
 * @example
 * import { ProductTable } from './product-table.js';
 * decodeTable(new ProductTable(), { products: [[7, 'Phone X', 3]], categories: [[3, 'Phones']] });
 */
export function decodeTable(table: ProductTable, s: Pick<Parts, 'products' | 'categories'>): void {
  for (const [id, name, categoryId] of s.products) table.setProduct(id, { name, categoryId });
  for (const [id, name] of s.categories) table.setCategory(id, name);
}

/**
 * Checks that a scaled-out stage's snapshot was written by a stage with the same options and inputs.
 *
 * @throws JobError `SNAPSHOT_MISMATCH` otherwise.
 *
 * @example
 * const config = topProductsConfig({});
 * const inputs = { inputs: ['orders:0'], untimed: [] };
 * checkStageSnapshot(config, inputs, { config: optionsOf(config), ...inputs }); // fine
 */
export function checkStageSnapshot(
  config: TopProductsConfig,
  inputs: { readonly inputs: readonly string[]; readonly untimed: readonly string[] },
  s: { readonly config: unknown; readonly inputs: readonly string[]; readonly untimed: readonly string[] },
): void {
  const mine = { ...optionsOf(config), inputs: inputs.inputs, untimed: inputs.untimed };
  const theirs = { ...(s.config as object), inputs: s.inputs, untimed: s.untimed };
  if (JSON.stringify(theirs) !== JSON.stringify(mine)) throw snapshotMismatch(config.name, theirs, mine);
}
