/**
 * The Postgres alert table (`fraud_alerts`, migration 7 of `@ecom/domain`): one row per alert id, written once.
 */
import { storeError, type PgQueryable } from '../runtime/postgres/pg-transaction.js';
import type { AlertRecord } from './alert-record.js';

const INSERT = `INSERT INTO fraud_alerts (id, rule_id, customer_id, severity, event_time, summary, evidence)
SELECT id, rule_id, customer_id, severity, event_time, summary, evidence::jsonb
  FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
    AS a(id, rule_id, customer_id, severity, event_time, summary, evidence)
ON CONFLICT (id) DO NOTHING
RETURNING id`;

/**
 * Inserts alerts into `fraud_alerts` with `ON CONFLICT (id) DO NOTHING`: an alert written again (a replay, a retry
 * after a lost answer) leaves the row as it was, and `write` says which ids were new. One statement per batch, so a
 * batch is atomic on a pool as well as inside a caller's transaction. Throws `STORE_UNAVAILABLE` (retriable) or
 * `STORE_FAILED`.
 *
 * @example
 * import pg from 'pg';
 * const sink = new PostgresAlertSink(new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' }));
 * declare const alert: AlertRecord;
 * await sink.write([alert]); // [alert.id] the first time, [] afterwards
 */
export class PostgresAlertSink {
  readonly name = 'postgres:fraud_alerts';
  readonly #db: PgQueryable;

  constructor(db: PgQueryable) {
    this.#db = db;
  }

  /** Inserts the alerts not yet stored; resolves to their ids, in batch order (the first of equal ids wins). Rows are inserted in id order, so concurrent
   * writers of overlapping batches never deadlock. */
  async write(alerts: readonly AlertRecord[]): Promise<string[]> {
    const seen = new Set<string>();
    const batch = alerts.filter((alert) => !seen.has(alert.id) && Boolean(seen.add(alert.id)));
    if (batch.length === 0) return [];
    // Ids in one order for every writer, so concurrent writers of overlapping batches wait, never deadlock.
    const sorted = [...batch].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let rows: { id: string }[];
    try {
      ({ rows } = await this.#db.query<{ id: string }>(INSERT, [
        sorted.map((a) => a.id),
        sorted.map((a) => a.ruleId),
        sorted.map((a) => a.customerId),
        sorted.map((a) => a.severity),
        sorted.map((a) => a.eventTime),
        sorted.map((a) => a.summary),
        sorted.map((a) => JSON.stringify(a.evidence)),
      ]));
    } catch (error) {
      throw storeError(error, 'insert fraud_alerts');
    }
    const fresh = new Set(rows.map((row) => row.id));
    return batch.map((a) => a.id).filter((id) => fresh.has(id));
  }
}
