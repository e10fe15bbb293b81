/**
 * A temporary, migrated shop database on the stack's PostgreSQL holding the round-trip rows of every table
 * (shop-rows.ts), for the export specs; and the `lake` CLI run in-process on the real services (main.ts's wiring).
 */
import { SHOP_TABLE_NAMES, type ShopTableName } from '@ecom/domain';
import { createTempDatabase, type TempDatabase } from '@ecom/domain/testing';
import pg from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK } from '../../cdc/test/stack-services.js';
import { SHOP_ROWS } from './shop-rows.js';

/** Inserts rows as given (ids included; FK and trigger checks off, as the fixtures are per table). */
export async function insertRows(
  client: pg.Client,
  table: ShopTableName,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  for (const row of rows) {
    const cols = Object.keys(row);
    const params = cols.map((_c, i) => `$${i + 1}`).join(', ');
    await client.query(
      `INSERT INTO public.${table} (${cols.map((c) => `"${c}"`).join(', ')}) OVERRIDING SYSTEM VALUE VALUES (${params})`,
      cols.map((c) => row[c]),
    );
  }
}

/**
 * A migrated temp database with SHOP_ROWS in every table. The fixtures probe the edges of each column's type (a
 * 22-character "hash", a second customer's orders without the customer), so the CHECK constraints are dropped
 * and FK triggers are off: the column types, what the lake maps, are the migrated ones.
 */
export async function shopRowsDatabase(prefix: string): Promise<TempDatabase> {
  const db = await createTempDatabase({ prefix, adminUrl: STACK.postgresUrl, migrate: true });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    const checks = await client.query<{ t: string; c: string }>(
      `SELECT conrelid::regclass::text AS t, conname AS c FROM pg_constraint
        WHERE contype = 'c' AND connamespace = 'public'::regnamespace`,
    );
    for (const { t, c } of checks.rows) await client.query(`ALTER TABLE ${t} DROP CONSTRAINT "${c}"`);
    for (const table of SHOP_TABLE_NAMES) await insertRows(client, table, SHOP_ROWS[table].rows);
  } finally {
    await client.end();
  }
  return db;
}
