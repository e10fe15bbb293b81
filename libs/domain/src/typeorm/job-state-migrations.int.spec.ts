// Integration test of migration 6 (the stream jobs' state tables) against a REAL PostgreSQL: exact column types,
// keys, CHECKs and the updated_at trigger. The runtime that uses these tables is tested in apps/jobs.
import pg from 'pg';
import { createTempDatabase, describeWithPostgres, type TempDatabase } from '../testing/index.js';
import {
  col,
  columns as columnsOf,
  primaryKey as primaryKeyOf,
  refusal as refusalOf,
} from '../../test/pg-catalog.js';

describeWithPostgres({ describe, it }, '@ecom/domain job-state tables against PostgreSQL', () => {
  let temp: TempDatabase | undefined;
  let db: pg.Client;

  beforeAll(async () => {
    temp = await createTempDatabase({ prefix: 'ecom_domain_jobs', migrate: true });
    db = new pg.Client({ connectionString: temp.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await temp?.drop();
  });

  const columns = (table: string) => columnsOf(db, table);
  const primaryKey = (table: string) => primaryKeyOf(db, table);
  const refusal = (sql: string) => refusalOf(db, sql);

  it('job_results: exact columns, keyed by (job, window_start, window_end, key)', async () => {
    expect(await columns('job_results')).toEqual([
      col('job', 'text', true),
      col('window_start', 'timestamp with time zone', true),
      col('window_end', 'timestamp with time zone', true),
      col('key', 'text', true),
      col('topic', 'text', true),
      col('value', 'jsonb', false),
      col('updated_at', 'timestamp with time zone', true),
    ]);
    expect(await primaryKey('job_results')).toEqual(['job', 'window_start', 'window_end', 'key']);
  });

  it('job_checkpoints: exact columns, keyed by (job, source, partition)', async () => {
    expect(await columns('job_checkpoints')).toEqual([
      col('job', 'text', true),
      col('source', 'text', true),
      col('partition', 'integer', true),
      col('next_offset', 'text', false),
      col('state', 'jsonb', false),
      col('epoch', 'bigint', true),
      col('owner', 'text', false),
      col('claimed_at', 'timestamp with time zone', true),
      col('updated_at', 'timestamp with time zone', true),
    ]);
    expect(await primaryKey('job_checkpoints')).toEqual(['job', 'source', 'partition']);
  });

  it('job_outbox: the relay queue, one row per result id, ordered by seq', async () => {
    expect(await columns('job_outbox')).toEqual([
      col('seq', 'bigint', true),
      col('job', 'text', true),
      col('window_start', 'timestamp with time zone', true),
      col('window_end', 'timestamp with time zone', true),
      col('key', 'text', true),
      col('topic', 'text', true),
      col('value', 'json', false),
      col('enqueued_at', 'timestamp with time zone', true),
    ]);
    expect(await primaryKey('job_outbox')).toEqual(['job', 'window_start', 'window_end', 'key']);
  });

  it('keeps decimals exact inside jsonb and window bounds exact to the millisecond', async () => {
    const { rows } = await db.query<{ value: unknown; start_ms: string }>(
      `INSERT INTO job_results (job, window_start, window_end, key, topic, value)
       VALUES ('revenue', 'epoch'::timestamptz + 1764000000123 * interval '1 millisecond', now(), 'all',
               'statistics_revenue', '{"total_revenue": "12345678901234.99", "total_orders": 3}')
       RETURNING value, (extract(epoch FROM window_start) * 1000)::bigint::text AS start_ms`,
    );
    expect(rows[0]).toEqual({
      value: { total_orders: 3, total_revenue: '12345678901234.99' },
      start_ms: '1764000000123',
    });
  });

  it.each([
    [
      "INSERT INTO job_results VALUES ('revenue', now(), now() - interval '1 minute', 'all', 't', NULL)",
      '23514 job_results_window_check',
    ],
    [
      "INSERT INTO job_results VALUES ('', now(), now() + interval '1 minute', 'all', 't', NULL)",
      '23514 job_results_job_check',
    ],
    [
      "INSERT INTO job_results VALUES ('revenue', now(), now() + interval '1 minute', 'all', 't', '[1]')",
      '23514 job_results_value_check',
    ],
    [
      "INSERT INTO job_checkpoints (job, source, partition, epoch) VALUES ('r', 'orders', -1, 1)",
      '23514 job_checkpoints_partition_check',
    ],
    [
      "INSERT INTO job_checkpoints (job, source, partition, epoch, next_offset) VALUES ('r', 'orders', 0, 1, '')",
      '23514 job_checkpoints_next_offset_check',
    ],
    ["INSERT INTO job_checkpoints (job, source, partition) VALUES ('r', 'orders', 0)", '23502'],
  ])('refuses %s', async (sql, expected) => {
    expect(await refusal(sql)).toBe(expected);
  });

  it('bumps updated_at on a change and leaves it on a no-op update', async () => {
    const past = new Date('2020-01-01T00:00:00Z');
    await db.query(
      "INSERT INTO job_checkpoints (job, source, partition, epoch, updated_at) VALUES ('t', 'orders', 0, 1, $1)",
      [past],
    );
    await db.query("UPDATE job_checkpoints SET epoch = epoch WHERE job = 't'");
    expect((await db.query("SELECT updated_at FROM job_checkpoints WHERE job = 't'")).rows[0]).toEqual({
      updated_at: past,
    });
    await db.query("UPDATE job_checkpoints SET next_offset = '42' WHERE job = 't'");
    const { rows } = await db.query<{ updated_at: Date }>(
      "SELECT updated_at FROM job_checkpoints WHERE job = 't'",
    );
    expect(rows[0]?.updated_at.getTime()).toBeGreaterThan(past.getTime());
  });

  it('hands out increasing claim epochs from job_checkpoint_epoch_seq', async () => {
    const { rows } = await db.query<{ a: string; b: string }>(
      "SELECT nextval('job_checkpoint_epoch_seq') AS a, nextval('job_checkpoint_epoch_seq') AS b",
    );
    const [{ a, b } = { a: '0', b: '0' }] = rows;
    expect(BigInt(b)).toBeGreaterThan(BigInt(a));
  });
});
