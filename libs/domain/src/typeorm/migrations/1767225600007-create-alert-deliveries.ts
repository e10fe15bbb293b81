import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements } from './run-statements.js';

/**
 * Migration 8: `alert_deliveries`, the delivery ledger of the fraud job's webhooks, so that an alert accepted for a
 * webhook survives a crash until it is delivered or dead-lettered.
 *
 * One row per (sink, alert): written `pending` in the same relay pass that stores the alert in `fraud_alerts` (so
 * before the outbox row goes), then `delivered` or `dead_lettered` with the attempts and the last error. A sink
 * starting up re-queues its `pending` rows (joined with `fraud_alerts` for the message). `sink` is the webhook
 * sink's name (`webhook:<url without credentials>`).
 *
 * @example
 * ```ts
 * import { DataSource } from 'typeorm';
 * new DataSource({ type: 'postgres', migrations: [...ALL_MIGRATIONS] });
 * ```
 */
export class CreateAlertDeliveries1767225600007 implements MigrationInterface {
  /** Migration name recorded in the migrations table. */
  readonly name = 'CreateAlertDeliveries1767225600007';

  /** Creates `alert_deliveries`. */
  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, [
      String.raw`CREATE TABLE alert_deliveries (
  sink text NOT NULL,
  alert_id text NOT NULL,
  state text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT alert_deliveries_pkey PRIMARY KEY (sink, alert_id),
  CONSTRAINT alert_deliveries_alert_fkey FOREIGN KEY (alert_id) REFERENCES fraud_alerts (id) ON DELETE CASCADE,
  CONSTRAINT alert_deliveries_sink_check CHECK (sink <> ''),
  CONSTRAINT alert_deliveries_state_check CHECK (state IN ('pending', 'delivered', 'dead_lettered')),
  CONSTRAINT alert_deliveries_attempts_check CHECK (attempts >= 0)
)`,
      'CREATE INDEX alert_deliveries_alert_id_idx ON alert_deliveries (alert_id)',
      `CREATE INDEX alert_deliveries_pending_idx ON alert_deliveries (sink, created_at) WHERE state = 'pending'`,
      'CREATE TRIGGER alert_deliveries_set_updated_at BEFORE UPDATE ON alert_deliveries FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION ecom_set_updated_at()',
    ]);
  }

  /** Drops the table. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, ['DROP TABLE alert_deliveries']);
  }
}
