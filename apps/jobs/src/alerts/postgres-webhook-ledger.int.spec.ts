// PostgresWebhookLedger on a REAL PostgreSQL (a temporary database with every migration of @ecom/domain): alerts
// accepted once per sink, pending ones rebuilt exactly from fraud_alerts (oldest first), outcomes settled.
import pg from 'pg';
import { createTempDatabase, describeWithPostgres, type TempDatabase } from '@ecom/domain/testing';
import type { AlertRecord } from './alert-record.js';
import { PostgresAlertSink } from './postgres-alert-sink.js';
import { PostgresWebhookLedger } from './postgres-webhook-ledger.js';

const alert = (id: string): AlertRecord => ({
  id,
  ruleId: 'velocity-1m',
  customerId: 12,
  severity: 'high',
  eventTime: '2026-01-01T00:00:30.123Z',
  summary: '6 orders in 1 minute',
  evidence: { orderIds: [1, 2, 3, 4, 5, 6], total: '12500000.00' },
});

describeWithPostgres({ describe, it }, 'PostgresWebhookLedger against PostgreSQL', () => {
  let temp: TempDatabase | undefined;
  let pool: pg.Pool;

  beforeAll(async () => {
    temp = await createTempDatabase({ prefix: 'ecom_jobs_ledger', migrate: true });
    pool = new pg.Pool({ connectionString: temp.url, max: 4 });
  });

  afterAll(async () => {
    await pool?.end();
    await temp?.drop();
  });

  it('accepts each alert once per sink, rebuilds the pending ones, and settles outcomes', async () => {
    const alerts = [alert('v/12/o1'), alert('v/12/o2'), alert('v/12/o3')];
    await new PostgresAlertSink(pool).write(alerts);
    const ledger = new PostgresWebhookLedger(pool);
    expect([...(await ledger.accept('webhook:a', alerts.slice(0, 2)))].sort()).toEqual([
      'v/12/o1',
      'v/12/o2',
    ]);
    expect([...(await ledger.accept('webhook:a', alerts))]).toEqual(['v/12/o3']);
    expect([...(await ledger.accept('webhook:b', alerts.slice(0, 1)))]).toEqual(['v/12/o1']);
    await ledger.settle('webhook:a', { alertId: 'v/12/o2', state: 'delivered', attempts: 1, error: null });
    await ledger.settle('webhook:a', {
      alertId: 'v/12/o3',
      state: 'dead_lettered',
      attempts: 4,
      error: 'HTTP 500',
    });
    expect(await ledger.pending('webhook:a')).toEqual([alerts[0]]);
    expect(await ledger.pending('webhook:b')).toEqual([alerts[0]]);
    const { rows } = await pool.query(
      `SELECT alert_id, state, attempts, last_error FROM alert_deliveries WHERE sink = 'webhook:a' ORDER BY alert_id`,
    );
    expect(rows).toEqual([
      { alert_id: 'v/12/o1', state: 'pending', attempts: 0, last_error: null },
      { alert_id: 'v/12/o2', state: 'delivered', attempts: 1, last_error: null },
      { alert_id: 'v/12/o3', state: 'dead_lettered', attempts: 4, last_error: 'HTTP 500' },
    ]);
  });

  it('refuses an alert that is not in fraud_alerts with a typed store error', async () => {
    await expect(
      new PostgresWebhookLedger(pool).accept('webhook:a', [alert('missing')]),
    ).rejects.toMatchObject({
      name: 'JobRuntimeError',
    });
  });
});
