/**
 * The webhooks' delivery ledger in PostgreSQL: the `alert_deliveries` table (migration 8 of @ecom/domain), one row
 * per (sink, alert), `pending` until `delivered` or `dead_lettered`; the message is rebuilt from `fraud_alerts`.
 */
import { storeError, type PgQueryable } from '../runtime/postgres/pg-transaction.js';
import type { AlertRecord } from './alert-record.js';
import type { DeliveryOutcome, WebhookLedger } from './webhook-ledger.js';

const ACCEPT = `INSERT INTO alert_deliveries (sink, alert_id)
SELECT $1, id FROM unnest($2::text[]) AS a(id)
ON CONFLICT (sink, alert_id) DO NOTHING
RETURNING alert_id`;

const PENDING = `SELECT a.id, a.rule_id, a.customer_id, a.severity, a.event_time, a.summary, a.evidence
  FROM alert_deliveries d JOIN fraud_alerts a ON a.id = d.alert_id
 WHERE d.sink = $1 AND d.state = 'pending'
 ORDER BY d.created_at, d.alert_id`;

const SETTLE = `UPDATE alert_deliveries SET state = $3, attempts = $4, last_error = $5
 WHERE sink = $1 AND alert_id = $2`;

interface AlertRow {
  id: string;
  rule_id: string;
  customer_id: number;
  severity: string;
  event_time: Date;
  summary: string;
  evidence: AlertRecord['evidence'];
}

/**
 * {@link WebhookLedger} on `alert_deliveries`. `accept` runs after the alerts are in `fraud_alerts` (the foreign key
 * needs them there): the fraud job's relay writes both before it deletes the outbox rows.
 *
 * @example
 * import pg from 'pg';
 * const ledger = new PostgresWebhookLedger(new pg.Pool({ connectionString: process.env['DATABASE_URL'] }));
 * const unsent = await ledger.pending('webhook:https://hooks.example.com/fraud');
 */
export class PostgresWebhookLedger implements WebhookLedger {
  readonly #db: PgQueryable;

  constructor(db: PgQueryable) {
    this.#db = db;
  }

  async accept(sink: string, alerts: readonly AlertRecord[]): Promise<ReadonlySet<string>> {
    // Ids in one order for every writer, so concurrent writers of overlapping batches wait, never deadlock.
    const ids = [...new Set(alerts.map((a) => a.id))].sort();
    if (ids.length === 0) return new Set();
    try {
      const { rows } = await this.#db.query<{ alert_id: string }>(ACCEPT, [sink, ids]);
      return new Set(rows.map((r) => r.alert_id));
    } catch (error) {
      throw storeError(error, 'insert alert_deliveries');
    }
  }

  async pending(sink: string): Promise<AlertRecord[]> {
    try {
      const { rows } = await this.#db.query<AlertRow>(PENDING, [sink]);
      return rows.map((r) => ({
        id: r.id,
        ruleId: r.rule_id,
        customerId: r.customer_id,
        severity: r.severity,
        eventTime: r.event_time.toISOString(),
        summary: r.summary,
        evidence: r.evidence,
      }));
    } catch (error) {
      throw storeError(error, 'select pending alert_deliveries');
    }
  }

  async settle(sink: string, outcome: DeliveryOutcome): Promise<void> {
    try {
      await this.#db.query(SETTLE, [sink, outcome.alertId, outcome.state, outcome.attempts, outcome.error]);
    } catch (error) {
      throw storeError(error, 'update alert_deliveries');
    }
  }
}
