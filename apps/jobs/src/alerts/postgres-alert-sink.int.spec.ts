// PostgresAlertSink on a REAL PostgreSQL (a temporary database with every migration of @ecom/domain): one row per
// alert id however often it is written, the new ids reported, the columns typed.
import pg from 'pg';
import { createTempDatabase, describeWithPostgres, type TempDatabase } from '@ecom/domain/testing';
import type { AlertRecord } from './alert-record.js';
import { PostgresAlertSink } from './postgres-alert-sink.js';

const alert = (id: string, customerId = 12): AlertRecord => ({
  id,
  ruleId: 'velocity',
  customerId,
  severity: 'high',
  eventTime: '2026-01-01T07:00:30.123+07:00',
  summary: '6 orders in 1 minute',
  evidence: { orderIds: [1, 2, 3, 4, 5, 6], total: '12500000.00' },
});

describeWithPostgres({ describe, it }, 'PostgresAlertSink against PostgreSQL', () => {
  let temp: TempDatabase | undefined;
  let pool: pg.Pool;
  let sink: PostgresAlertSink;

  beforeAll(async () => {
    temp = await createTempDatabase({ prefix: 'ecom_jobs_alerts', migrate: true });
    pool = new pg.Pool({ connectionString: temp.url, max: 4 });
    sink = new PostgresAlertSink(pool);
  });

  afterAll(async () => {
    await pool?.end();
    await temp?.drop();
  });

  beforeEach(async () => {
    await pool.query('TRUNCATE fraud_alerts CASCADE');
  });

  it('writes each alert once and reports only the new ids', async () => {
    expect(await sink.write([alert('a'), alert('b')])).toEqual(['a', 'b']);
    expect(await sink.write([alert('b'), alert('c'), alert('a')])).toEqual(['c']);
    expect(await sink.write([])).toEqual([]);
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM fraud_alerts ORDER BY id');
    expect(rows.map((row) => row.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the first of equal ids in one batch', async () => {
    expect(await sink.write([alert('x', 1), alert('x', 2)])).toEqual(['x']);
    const { rows } = await pool.query('SELECT customer_id FROM fraud_alerts');
    expect(rows).toEqual([{ customer_id: 1 }]);
  });

  it('stores the event time as an exact instant and the evidence as jsonb with exact decimals', async () => {
    await sink.write([alert('t')]);
    const { rows } = await pool.query(
      `SELECT rule_id, customer_id, severity, summary, evidence,
              (extract(epoch FROM event_time) * 1000)::bigint::text AS event_ms
         FROM fraud_alerts WHERE id = 't'`,
    );
    expect(rows).toEqual([
      {
        rule_id: 'velocity',
        customer_id: 12,
        severity: 'high',
        summary: '6 orders in 1 minute',
        evidence: { orderIds: [1, 2, 3, 4, 5, 6], total: '12500000.00' },
        event_ms: String(Date.parse('2026-01-01T00:00:30.123Z')),
      },
    ]);
  });

  it('lets concurrent writers of the same alerts store each id once', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => alert(`c${i}`));
    const results = await Promise.all([sink.write(batch), sink.write([...batch].reverse())]);
    expect(results.flat().sort()).toEqual(batch.map((a) => a.id).sort());
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM fraud_alerts');
    expect(rows[0]?.n).toBe(50);
  });

  it('refuses a bad row with STORE_FAILED naming the table', async () => {
    await expect(sink.write([alert('')])).rejects.toMatchObject({
      code: 'STORE_FAILED',
      message: expect.stringContaining('insert fraud_alerts'),
    });
  });
});
