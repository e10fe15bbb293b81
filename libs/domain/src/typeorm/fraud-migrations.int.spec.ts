// Integration test of migrations 7 and 8 (the fraud tables, the webhooks' delivery ledger) against a REAL PostgreSQL: exact column types, keys, CHECKs,
// the idempotent alert insert and the rules' updated_at trigger. apps/jobs tests the alert writer on top.
import pg from 'pg';
import { createTempDatabase, describeWithPostgres, type TempDatabase } from '../testing/index.js';
import { col, columns, primaryKey, refusal } from '../../test/pg-catalog.js';

const ALERT = `INSERT INTO fraud_alerts (id, rule_id, customer_id, severity, event_time, summary, evidence)`;

describeWithPostgres({ describe, it }, '@ecom/domain fraud tables against PostgreSQL', () => {
  let temp: TempDatabase | undefined;
  let db: pg.Client;

  beforeAll(async () => {
    temp = await createTempDatabase({ prefix: 'ecom_domain_fraud', migrate: true });
    db = new pg.Client({ connectionString: temp.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await temp?.drop();
  });

  it('fraud_alerts: exact columns, keyed by the alert id', async () => {
    expect(await columns(db, 'fraud_alerts')).toEqual([
      col('id', 'text', true),
      col('rule_id', 'text', true),
      col('customer_id', 'integer', true),
      col('severity', 'text', true),
      col('event_time', 'timestamp with time zone', true),
      col('summary', 'text', true),
      col('evidence', 'jsonb', true),
      col('created_at', 'timestamp with time zone', true),
    ]);
    expect(await primaryKey(db, 'fraud_alerts')).toEqual(['id']);
  });

  it('fraud_rules: exact columns, keyed by the rule id', async () => {
    expect(await columns(db, 'fraud_rules')).toEqual([
      col('id', 'text', true),
      col('definition', 'jsonb', true),
      col('state', 'text', true),
      col('updated_at', 'timestamp with time zone', true),
    ]);
    expect(await primaryKey(db, 'fraud_rules')).toEqual(['id']);
  });

  it('keeps one row per alert id and exact decimals in the evidence', async () => {
    const insert = `${ALERT} VALUES ('a1', 'high-value', 7, 'high', '2026-01-01T00:00:00Z', 'big',
      '{"total": "12500000.00"}') ON CONFLICT (id) DO NOTHING RETURNING id`;
    expect((await db.query(insert)).rows).toEqual([{ id: 'a1' }]);
    expect((await db.query(insert)).rows).toEqual([]);
    const { rows } = await db.query("SELECT evidence FROM fraud_alerts WHERE id = 'a1'");
    expect(rows).toEqual([{ evidence: { total: '12500000.00' } }]);
  });

  it.each([
    [`${ALERT} VALUES ('', 'r', 1, 'high', now(), 's', '{}')`, '23514 fraud_alerts_id_check'],
    [`${ALERT} VALUES ('x', '', 1, 'high', now(), 's', '{}')`, '23514 fraud_alerts_rule_id_check'],
    [`${ALERT} VALUES ('x', 'r', 1, '', now(), 's', '{}')`, '23514 fraud_alerts_severity_check'],
    [`${ALERT} VALUES ('x', 'r', 1, 'high', now(), 's', '[]')`, '23514 fraud_alerts_evidence_check'],
    [
      "INSERT INTO fraud_rules (id, definition, state) VALUES ('r', '{}', 'off')",
      '23514 fraud_rules_state_check',
    ],
    ["INSERT INTO fraud_rules (id, definition) VALUES ('r', '1')", '23514 fraud_rules_definition_check'],
    ["INSERT INTO fraud_rules (id, definition) VALUES ('', '{}')", '23514 fraud_rules_id_check'],
    [
      "INSERT INTO alert_deliveries (sink, alert_id) VALUES ('w', 'no-such-alert')",
      '23503 alert_deliveries_alert_fkey',
    ],
  ])('refuses %s', async (sql, expected) => {
    expect(await refusal(db, sql)).toBe(expected);
  });

  it('alert_deliveries: exact columns, keyed by (sink, alert), pending by default, gone with its alert', async () => {
    expect(await columns(db, 'alert_deliveries')).toEqual([
      col('sink', 'text', true),
      col('alert_id', 'text', true),
      col('state', 'text', true),
      col('attempts', 'integer', true),
      col('last_error', 'text', false),
      col('created_at', 'timestamp with time zone', true),
      col('updated_at', 'timestamp with time zone', true),
    ]);
    expect(await primaryKey(db, 'alert_deliveries')).toEqual(['sink', 'alert_id']);
    await db.query(`${ALERT} VALUES ('d1', 'r', 1, 'high', now(), 's', '{}')`);
    await db.query("INSERT INTO alert_deliveries (sink, alert_id) VALUES ('w', 'd1')");
    expect(
      (await db.query("SELECT state, attempts FROM alert_deliveries WHERE alert_id = 'd1'")).rows,
    ).toEqual([{ state: 'pending', attempts: 0 }]);
    expect(await refusal(db, "UPDATE alert_deliveries SET state = 'sent' WHERE alert_id = 'd1'")).toBe(
      '23514 alert_deliveries_state_check',
    );
    await db.query("DELETE FROM fraud_alerts WHERE id = 'd1'");
    expect((await db.query("SELECT 1 FROM alert_deliveries WHERE alert_id = 'd1'")).rows).toEqual([]);
  });

  it('defaults a rule to active and bumps updated_at on a change only', async () => {
    const past = new Date('2020-01-01T00:00:00Z');
    await db.query("INSERT INTO fraud_rules (id, definition, updated_at) VALUES ('v', '{\"n\": 5}', $1)", [
      past,
    ]);
    await db.query("UPDATE fraud_rules SET state = state WHERE id = 'v'");
    expect((await db.query("SELECT state, updated_at FROM fraud_rules WHERE id = 'v'")).rows).toEqual([
      { state: 'active', updated_at: past },
    ]);
    await db.query("UPDATE fraud_rules SET state = 'paused' WHERE id = 'v'");
    const { rows } = await db.query<{ updated_at: Date }>(
      "SELECT updated_at FROM fraud_rules WHERE id = 'v'",
    );
    expect(rows[0]?.updated_at.getTime()).toBeGreaterThan(past.getTime());
  });
});
