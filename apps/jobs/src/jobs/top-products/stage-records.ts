/**
 * The records between the stages of the scaled-out top-products job, as `JobResult`s (the shape repartition topics
 * carry): a table change routed by key from a source partition to a partial stage (`order/<id>` for orders and
 * their items, `product/<id>`, `category/<id>`), and one product's totals in one window of one partial stage (an
 * upsert; `null` when the product has no counted item there any more). Every field is checked when read back.
 */
import { moneySchema, orderStatusSchema, quantitySchema } from '@ecom/domain';
import { z } from 'zod';
import type { JobResult, JsonValue } from '../../runtime/stream-job.js';
import { JobError } from '../job-error.js';
import type { ChangeOrigin } from './join-changes.js';
import type { TableChange } from './record-changes.js';
import type { Totals } from './window-rows.js';

/**
 * The topics (inside the job's repartition topics) of a routed change and of a product's window totals.
 *
 * @example
 * const kind: string = STAGE_TOPICS.change; // 'top-products.change'
 */
export const STAGE_TOPICS = { change: 'top-products.change', totals: 'top-products.totals' } as const;

const int = z.int();
const order = z.object({ date: int, status: orderStatusSchema });
const item = z.object({
  orderId: int,
  productId: int,
  quantity: quantitySchema,
  price: moneySchema,
  revenue: moneySchema,
  createdAt: int,
});
const changeSchema = z.discriminatedUnion('table', [
  z.object({ table: z.literal('orders'), id: int, before: order.optional(), after: order.optional() }),
  z.object({ table: z.literal('order_items'), id: int, before: item.optional(), after: item.optional() }),
  z.object({
    table: z.literal('products'),
    id: int,
    after: z.object({ name: z.string(), categoryId: int }).optional(),
  }),
  z.object({ table: z.literal('categories'), id: int, after: z.string().optional() }),
]);
const originSchema = z.object({
  op: z.enum(['create', 'update', 'delete', 'read', 'truncate', 'message']).nullable(),
  topic: z.string().nullable(),
  partition: int.nullable(),
  offset: z.string().nullable(),
});
const routedSchema = z.object({ change: changeSchema, origin: originSchema });
const totalsSchema = z.object({ quantity: int.nonnegative(), revenue: moneySchema });

/**
 * A table change on its way to the partial stage that owns its key.
 *
 * @example
 * const routed: RoutedChange = {
 *   change: { table: 'orders', id: 1, after: { date: 0, status: 'paid' } },
 *   origin: { op: 'create', topic: 'ecommerce-cdc.public.orders', partition: 0, offset: '3' },
 * };
 */
export interface RoutedChange {
  readonly change: TableChange;
  readonly origin: ChangeOrigin;
}

/**
 * The routing key of a change: its order for orders and items (`before` or `after`'s, as given), else its row.
 *
 * @example
 * routingKey({ table: 'order_items', id: 10, after: { orderId: 1, productId: 7, quantity: 1, price: '5.00', revenue: '5.00', createdAt: 0 } }); // 'order/1'
 */
export function routingKey(change: TableChange): string {
  switch (change.table) {
    case 'orders':
      return `order/${change.id}`;
    case 'order_items':
      return `order/${(change.after ?? change.before)?.orderId ?? `item-${change.id}`}`;
    case 'products':
      return `product/${change.id}`;
    case 'categories':
      return `category/${change.id}`;
  }
}

/**
 * A routed change as a `JobResult` keyed by its {@link routingKey} (window fields 0: a change has none).
 *
 * @example
 * const r = routedResult('top-products', { change: { table: 'categories', id: 3, after: 'Phones' }, origin: { op: 'read', topic: null, partition: null, offset: null } });
 * r.id.key; // 'category/3'
 */
export function routedResult(job: string, routed: RoutedChange): JobResult {
  return {
    topic: STAGE_TOPICS.change,
    id: { job, windowStart: 0, windowEnd: 0, key: routingKey(routed.change) },
    value: { change: routed.change as unknown as JsonValue, origin: { ...routed.origin } },
  };
}

/**
 * One product's totals in one window of a partial stage, as a `JobResult` (key: the product id).
 *
 * @example
 * totalsResult('top-products', 0, 60_000, 7, { quantity: 2, revenue: '10.00' }).id.key; // '7'
 */
export function totalsResult(
  job: string,
  windowStart: number,
  windowEnd: number,
  productId: number,
  totals: Totals | null,
): JobResult {
  return {
    topic: STAGE_TOPICS.totals,
    id: { job, windowStart, windowEnd, key: String(productId) },
    value: totals && { quantity: totals.quantity, revenue: totals.revenue },
  };
}

/**
 * What a stage record holds once read back.
 *
 * @example
 * declare const record: StageRecord;
 * if (record.kind === 'totals') console.log(record.window, record.productId, record.totals);
 */
export type StageRecord =
  | ({ readonly kind: 'change' } & RoutedChange)
  | {
      readonly kind: 'totals';
      readonly window: number;
      readonly productId: number;
      readonly totals: Totals | null;
    };

function refuse(job: string, why: string, raw: unknown, cause?: unknown): never {
  throw new JobError(job, 'INVALID_RECORD', `cannot use a stage record: ${why}`, { raw, cause });
}

/**
 * Reads a stage record back, checking every field against the job's name and window size.
 *
 * @throws JobError `INVALID_RECORD` for anything else.
 *
 * @example
 * const r = readStageRecord('top-products', 60_000, totalsResult('top-products', 0, 60_000, 7, null));
 * r.kind; // 'totals'
 */
export function readStageRecord(job: string, windowSize: number, result: JobResult): StageRecord {
  const { id, value } = result;
  if (id.job !== job) refuse(job, `it belongs to job ${JSON.stringify(id.job)}`, result);
  if (result.topic === STAGE_TOPICS.change) {
    const parsed = routedSchema.safeParse(value);
    if (!parsed.success) refuse(job, z.prettifyError(parsed.error), result, parsed.error);
    const { change, origin } = parsed.data;
    return { kind: 'change', change: change as TableChange, origin };
  }
  if (result.topic !== STAGE_TOPICS.totals)
    refuse(job, `unknown topic ${JSON.stringify(result.topic)}`, result);
  const productId = Number(id.key);
  if (!/^\d+$/.test(id.key) || !Number.isSafeInteger(productId))
    refuse(job, `key ${id.key} is not a product id`, result);
  if (id.windowStart % windowSize !== 0 || id.windowEnd !== id.windowStart + windowSize)
    refuse(job, `window [${id.windowStart}, ${id.windowEnd}) is not on the ${windowSize} ms grid`, result);
  if (value === null) return { kind: 'totals', window: id.windowStart, productId, totals: null };
  const parsed = totalsSchema.safeParse(value);
  if (!parsed.success) refuse(job, z.prettifyError(parsed.error), result, parsed.error);
  return { kind: 'totals', window: id.windowStart, productId, totals: parsed.data };
}
