import { param } from '../list/param-schemas.js';
import { fraudAlertsTable } from './fraud-tables.js';
import { idFilter, timeRange, wireSchema, type ResourceDef } from './resource.js';

/**
 * `/fraud/alerts`: the fraud job's alerts (`fraud_alerts`), newest first, by customer, rule and event time.
 *
 * @example
 * ```ts
 * // GET /fraud/alerts?customer_id=7&rule_id=velocity-1m&from=2026-11-01&to=2026-11-02
 * ```
 */
export const fraudAlertsResource: ResourceDef = {
  name: 'fraud_alerts',
  noun: 'fraud alert',
  table: fraudAlertsTable,
  paths: ['/fraud/alerts'],
  rowSchema: wireSchema(fraudAlertsTable, fraudAlertsTable.schema, 'FraudAlert'),
  filters: [
    idFilter('customer_id'),
    { param: 'rule_id', column: 'rule_id', op: '=', schema: param.text('Only alerts of this rule.', 64) },
    ...timeRange('event_time'),
  ],
  sortable: ['event_time', 'id', 'created_at'],
  defaultSort: '-event_time',
  description:
    'Fraud alerts of the fraud job (`jobs run fraud`), one per alert id; `from`/`to` bound the event time.',
};
