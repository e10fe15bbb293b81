/**
 * Phase one of the fraud job, one per source partition of orders, order_items, payments and customers: each record
 * the detector reads becomes a routed record (its columns, dates as epoch ms) for the merging task, which runs the
 * detector over every customer. It keeps no state but what it has not drained.
 */
import type { DomainRecord } from '@ecom/cdc';
import type { ShopTableName } from '@ecom/domain';
import type { JobResult, JsonValue, StreamJobCore } from '../../runtime/stream-job.js';
import { RoutingCore } from '../routing-core.js';
import { FRAUD_JOB, FRAUD_RECORDS_TOPIC } from './fraud-options.js';
import { FRAUD_TABLES, fraudRow } from './fraud-rows.js';

const ROUTER_FORMAT = 'ecom-jobs/fraud-router/1';

class FraudRouter extends RoutingCore {
  readonly tables: readonly ShopTableName[] = FRAUD_TABLES;

  constructor() {
    super(FRAUD_JOB, ROUTER_FORMAT);
  }

  protected route(record: DomainRecord): JobResult[] {
    const row = fraudRow(record);
    if (row === null) return [];
    const { event } = record;
    const key = `${row.table}/${event.partition ?? ''}/${String(event.offset ?? '')}`;
    const id = { job: FRAUD_JOB, windowStart: row.eventTime, windowEnd: row.eventTime + 1, key };
    return [
      { topic: FRAUD_RECORDS_TOPIC, id, value: row as unknown as { readonly [field: string]: JsonValue } },
    ];
  }
}

/**
 * Creates phase one of the fraud job for one source partition.
 *
 * @example
 * const router = createFraudRouterJob();
 * router.tables; // ['orders', 'order_items', 'payments', 'customers']
 */
export function createFraudRouterJob(): StreamJobCore {
  return new FraudRouter();
}
