import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements } from './run-statements.js';

/**
 * Migration 7: the fraud-detection tables (apps/jobs' fraud job and `@ecom/fraud`'s rules), outside the shop tables
 * CDC captures.
 *
 * - `fraud_alerts`: one row per alert id (the stable id `@ecom/fraud` derives from rule, key and window or order),
 *   written with `INSERT … ON CONFLICT (id) DO NOTHING`, so a replayed alert never gives a second row. Indexed for
 *   the API's listing by customer, by rule and by time.
 * - `fraud_rules`: the rules as data, one zod-validated JSON definition per rule id, `state` active or paused;
 *   `updated_at` is trigger-maintained, so a job can poll for rules changed since it last looked.
 *
 * @remarks No foreign keys: an alert keeps its `customer_id` even if the customer goes, and alert writes never wait
 * on shop locks. Amounts inside `evidence` stay exact decimal strings.
 *
 * @example
 * ```ts
 * import { DataSource } from 'typeorm';
 * new DataSource({ type: 'postgres', migrations: [...ALL_MIGRATIONS] });
 * ```
 */
export class CreateFraudTables1767225600006 implements MigrationInterface {
  /** Migration name recorded in the migrations table. */
  readonly name = 'CreateFraudTables1767225600006';

  /** Creates `fraud_alerts` and `fraud_rules`. */
  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, [
      String.raw`CREATE TABLE fraud_alerts (
  id text NOT NULL,
  rule_id text NOT NULL,
  customer_id integer NOT NULL,
  severity text NOT NULL,
  event_time timestamptz NOT NULL,
  summary text NOT NULL,
  evidence jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT fraud_alerts_pkey PRIMARY KEY (id),
  CONSTRAINT fraud_alerts_id_check CHECK (id <> ''),
  CONSTRAINT fraud_alerts_rule_id_check CHECK (rule_id <> ''),
  CONSTRAINT fraud_alerts_severity_check CHECK (severity <> ''),
  CONSTRAINT fraud_alerts_evidence_check CHECK (jsonb_typeof(evidence) = 'object')
)`,
      'CREATE INDEX fraud_alerts_customer_time_idx ON fraud_alerts (customer_id, event_time)',
      'CREATE INDEX fraud_alerts_rule_time_idx ON fraud_alerts (rule_id, event_time)',
      'CREATE INDEX fraud_alerts_event_time_idx ON fraud_alerts (event_time)',
      String.raw`CREATE TABLE fraud_rules (
  id text NOT NULL,
  definition jsonb NOT NULL,
  state text NOT NULL DEFAULT 'active',
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT fraud_rules_pkey PRIMARY KEY (id),
  CONSTRAINT fraud_rules_id_check CHECK (id <> ''),
  CONSTRAINT fraud_rules_definition_check CHECK (jsonb_typeof(definition) = 'object'),
  CONSTRAINT fraud_rules_state_check CHECK (state IN ('active', 'paused'))
)`,
      'CREATE TRIGGER fraud_rules_set_updated_at BEFORE UPDATE ON fraud_rules FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION ecom_set_updated_at()',
      'CREATE INDEX fraud_rules_updated_at_idx ON fraud_rules (updated_at)',
    ]);
  }

  /** Drops both tables. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, ['DROP TABLE fraud_rules', 'DROP TABLE fraud_alerts']);
  }
}
