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

const snapshotSchema = z.object({
  format: z.literal(TOP_PRODUCTS_SNAPSHOT_FORMAT),
  config: z.object({ name: z.string(), windowSize: int, n: int, correctionHorizon: int }),
  watermark: int,
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
});

/** The options a snapshot records (and restore compares), in the schema's key order. */
const optionsOf = ({ name, windowSize, n, correctionHorizon }: TopProductsConfig) => ({
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
    orders: [...join.orders].map(([id, o]) => [id, o.date, o.status]),
    items: [...join.items].map(([id, i]) => [id, i.orderId, i.productId, i.quantity, i.price, i.createdAt]),
    products: [...table.products].map(([id, p]) => [id, p.name, p.categoryId]),
    categories: [...table.categories],
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
  for (const [id, date, status] of s.orders) state.join.setOrder(id, { date, status });
  for (const [id, orderId, productId, quantity, price, createdAt] of s.items) {
    let revenue: string;
    try {
      revenue = multiplyMoney(price, quantity);
    } catch (e) {
      throw invalidSnapshot(config.name, `item ${id}: ${quantity} × ${price} is not money`, e);
    }
    state.join.setItem(id, { orderId, productId, quantity, price, revenue, createdAt });
  }
  for (const [id, name, categoryId] of s.products) state.table.setProduct(id, { name, categoryId });
  for (const [id, name] of s.categories) state.table.setCategory(id, name);
  for (const [start, rows] of s.emitted) state.emitted.windows.set(start, new Map(rows));
  for (const window of s.dirty) state.dirty.add(window);
  state.output.push(...(s.output as JobResult[]));
  state.late.push(...(s.late as LateChange[]));
  Object.assign(state.metrics, s.metrics);
  return state;
}
