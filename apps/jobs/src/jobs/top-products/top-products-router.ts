/**
 * Phase one of the scaled-out top-products job, one per source partition of its four tables: each record becomes
 * its table change (checked as the single-process core checks it) and is routed by key to the partial stage that
 * owns it: an order and its items to the same one (`order/<id>`), products and categories by their own id. It
 * keeps no state but what it has not drained. An item moved to another order travels as a delete (to the old
 * order's stage) and an insert (to the new one's).
 */
import type { DomainRecord } from '@ecom/cdc';
import type { ShopTableName } from '@ecom/domain';
import type { JobResult, StreamJobCore } from '../../runtime/stream-job.js';
import { RoutingCore } from '../routing-core.js';
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

class TopProductsRouter extends RoutingCore implements TopProductsRouterJob {
  readonly tables: readonly ShopTableName[] = TOP_PRODUCTS_TABLES;

  constructor(readonly config: TopProductsConfig) {
    super(config.name, ROUTER_FORMAT);
  }

  protected route(record: DomainRecord): JobResult[] {
    const change = toTableChange(this.name, record);
    const origin = originOf(record);
    return routedChanges(change).map((c) => routedResult(this.name, { change: c, origin }));
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
