/**
 * The fraud tables of migration 7 of @ecom/domain (`fraud_alerts`, `fraud_rules`), declared for the API's listings
 * like the shop tables (they are not shop tables: CDC does not capture them, and the fraud job and `jobs rules`
 * write them). `jsonb` columns are documented as JSON objects and returned as node-postgres parses them.
 */
import { column, defineShopTable, idSchema, timestampSchema, type ColumnHint } from '@ecom/domain';
import { z } from 'zod';

const jsonb: ColumnHint = Object.freeze({ kind: 'text', sqlType: 'jsonb', nullable: false });
const jsonObject = (description: string) => z.record(z.string(), z.unknown()).meta({ description });

/**
 * `fraud_alerts`: one row per alert id (written once by the fraud job's sink).
 *
 * @example
 * ```ts
 * fraudAlertsTable.primaryKey; // 'id'
 * ```
 */
export const fraudAlertsTable = defineShopTable({
  name: 'fraud_alerts',
  schema: z.object({
    id: z
      .string()
      .meta({ description: 'Stable alert id: `<rule>/<customer>/o<order>` or `…/w<window start>`' }),
    rule_id: z.string(),
    customer_id: idSchema,
    severity: z.string().meta({ description: 'low, medium, high or critical' }),
    event_time: timestampSchema,
    summary: z.string(),
    evidence: jsonObject('Order ids, exact decimal amounts, the window'),
    created_at: timestampSchema,
  }),
  insertSchema: z.object({}),
  primaryKey: 'id',
  columns: {
    id: column.text(),
    rule_id: column.text(),
    customer_id: column.integer(),
    severity: column.text(),
    event_time: column.timestamptz(),
    summary: column.text(),
    evidence: jsonb,
    created_at: column.timestamptz(),
  },
  eventTimeColumn: 'event_time',
  updatedAtColumn: null,
  replicaIdentityFull: false,
});

/**
 * `fraud_rules`: the rules users edit with `npm run jobs -- rules …`, one @ecom/fraud definition per id.
 *
 * @example
 * ```ts
 * fraudRulesTable.columns.definition.sqlType; // 'jsonb'
 * ```
 */
export const fraudRulesTable = defineShopTable({
  name: 'fraud_rules',
  schema: z.object({
    id: z.string(),
    definition: jsonObject('The @ecom/fraud rule definition: id, kind, params, state, severity'),
    state: z.enum(['active', 'paused']),
    updated_at: timestampSchema,
  }),
  insertSchema: z.object({}),
  primaryKey: 'id',
  columns: { id: column.text(), definition: jsonb, state: column.text(), updated_at: column.timestamptz() },
  eventTimeColumn: 'updated_at',
  updatedAtColumn: 'updated_at',
  replicaIdentityFull: false,
});
