/**
 * Phase one of the scaled-out top-products job, one per source partition of its four tables: each record becomes
 * its table change (checked as the single-process core checks it) and is routed by key to the partial stage that
 * owns it: an order and its items to the same one (`order/<id>`), products and categories by their own id. It
 * keeps no state but what it has not drained. An item moved to another order travels as a delete (to the old
 * order's stage) and an insert (to the new one's).
 */
import type { DomainRecord } from '@ecom/cdc';
import type { ShopTableName } from '@ecom/domain';
import type { JobResult, JsonValue, StreamJobCore } from '../../runtime/stream-job.js';
import { invalidSnapshot, invalidWatermark } from '../job-error.js';
import { originOf } from './join-changes.js';
import { topProductsConfig, type TopProductsConfig, type TopProductsOptions } from './options.js';
import { TOP_PRODUCTS_TABLES, toTableChange, type TableChange } from './record-changes.js';
import { routedResult } from './stage-records.js';

const ROUTER_FORMAT = 'ecom-jobs/top-products-router/1';

/** The changes a record makes, split when an item moves between orders. */
function routedChanges(change: TableChange): TableChange[] {
  if (change.table !== 'order_items' || !change.before || !change.after) return [change];
  if (change.before.orderId === change.after.orderId) return [change];
  return [
    { table: 'order_items', id: change.id, before: change.before },
    { table: 'order_items', id: change.id, after: change.after },
  ];
}

/**
 * The routing stage's core: a `StreamJobCore` whose `drain()` returns routed changes (topic `top-products.change`).
 *
 * @example
 * const router: TopProductsRouterJob = createTopProductsRouterJob();
 * router.drain(); // [] until a record arrives
 */
export interface TopProductsRouterJob extends StreamJobCore {
  readonly config: TopProductsConfig;
}

class TopProductsRouter implements TopProductsRouterJob {
  readonly name: string;
  readonly tables: readonly ShopTableName[] = TOP_PRODUCTS_TABLES;
  private pending: JobResult[] = [];

  constructor(readonly config: TopProductsConfig) {
    this.name = config.name;
  }

  onRecord(record: DomainRecord): void {
    const change = toTableChange(this.name, record);
    const origin = originOf(record);
    for (const c of routedChanges(change)) this.pending.push(routedResult(this.name, { change: c, origin }));
  }

  onWatermark(watermark: number): void {
    if (!Number.isSafeInteger(watermark)) throw invalidWatermark(this.name, watermark);
  }

  drain(): JobResult[] {
    return this.pending.splice(0);
  }

  drainTooLate(): readonly object[] {
    return [];
  }

  snapshot(): JsonValue {
    return { format: ROUTER_FORMAT, pending: structuredClone(this.pending) as unknown as JsonValue };
  }

  restore(snapshot: JsonValue): void {
    const s = snapshot as { format?: unknown; pending?: unknown } | null;
    if (typeof s !== 'object' || s === null || s.format !== ROUTER_FORMAT || !Array.isArray(s.pending))
      throw invalidSnapshot(this.name, 'not a top-products router snapshot');
    this.pending = s.pending as JobResult[];
  }
}

/**
 * Creates phase one of the scaled-out top-products job for one source partition (options as
 * `createTopProductsJob`; the name must match the later stages').
 *
 * @throws JobError `INVALID_OPTION` for bad options; `onRecord` throws what `createTopProductsJob` throws for a bad
 * record.
 *
 * @example
 * import type { DomainRecord } from '@ecom/cdc';
 * declare const records: DomainRecord[];
 * const router = createTopProductsRouterJob({ windowSize: 300_000 });
 * for (const record of records) router.onRecord(record);
 * for (const routed of router.drain()) console.log(routed.id.key); // 'order/42', 'product/7', …
 */
export function createTopProductsRouterJob(options: TopProductsOptions = {}): TopProductsRouterJob {
  return new TopProductsRouter(topProductsConfig(options));
}
