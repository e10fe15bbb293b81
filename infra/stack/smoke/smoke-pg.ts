import pg from 'pg';
import { APP_DATABASE, CDC_ROLE, postgresClientConfig } from '../services/postgres.js';
import { check, type SmokeCheck } from './smoke-check.js';

/**
 * pg: a query, then create and drop a logical replication slot (pgoutput) as the REPLICATION role.
 *
 * @example
 * ```ts
 * await pgSmoke.run(cfg, 'r1');
 * ```
 */
export const pgSmoke: SmokeCheck = {
  name: 'pg',
  async run(cfg, runId) {
    const client = new pg.Client({ ...postgresClientConfig(cfg, APP_DATABASE), user: CDC_ROLE });
    await client.connect();
    try {
      const res = await client.query<{ one: number; wal: string }>("SELECT 1 AS one, current_setting('wal_level') AS wal");
      check(res.rows[0]?.one === 1 && res.rows[0].wal === 'logical', `unexpected ${JSON.stringify(res.rows)}`);
      const slot = `smoke_${runId}`;
      await client.query("SELECT pg_create_logical_replication_slot($1, 'pgoutput')", [slot]);
      const found = await client.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slot]);
      await client.query('SELECT pg_drop_replication_slot($1)', [slot]);
      check(found.rowCount === 1, `slot ${slot} not listed`);
      return `SELECT 1 + logical slot create/drop as ${CDC_ROLE}`;
    } finally {
      await client.end();
    }
  },
};
