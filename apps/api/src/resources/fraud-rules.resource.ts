import { param } from '../list/param-schemas.js';
import { fraudRulesTable } from './fraud-tables.js';
import { wireSchema, type ResourceDef } from './resource.js';

/**
 * `/fraud/rules`: the fraud rules in `fraud_rules` (what `npm run jobs -- rules` writes and the job runs).
 *
 * @example
 * ```ts
 * // GET /fraud/rules?state=paused
 * ```
 */
export const fraudRulesResource: ResourceDef = {
  name: 'fraud_rules',
  noun: 'fraud rule',
  table: fraudRulesTable,
  paths: ['/fraud/rules'],
  rowSchema: wireSchema(fraudRulesTable, fraudRulesTable.schema, 'FraudRule'),
  filters: [
    {
      param: 'state',
      column: 'state',
      op: 'any',
      schema: param.oneOrMany(['active', 'paused'], 'Rule state.'),
    },
  ],
  sortable: ['id', 'updated_at'],
  defaultSort: 'id',
  description: 'Fraud rules as data (@ecom/fraud definitions), edited with `npm run jobs -- rules`.',
};
