// Catalog queries the migration int specs share: a table's columns, its primary key, and the SQLSTATE with which
// PostgreSQL refuses a statement. Test-only (not part of the build).
import type pg from 'pg';

/** One column as `format_type` names it. */
export interface Column {
  name: string;
  type: string;
  not_null: boolean;
}

/** A {@link Column}, shorter to write in expectations. */
export const col = (name: string, type: string, not_null: boolean): Column => ({ name, type, not_null });

/** The columns of `table`, in order. */
export async function columns(db: pg.ClientBase, table: string): Promise<Column[]> {
  const { rows } = await db.query<Column>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type, attnotnull AS not_null
     FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [table],
  );
  return rows;
}

/** The primary-key columns of `table`, in key order. */
export async function primaryKey(db: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.n`,
    [table],
  );
  return rows.map((row) => row.name);
}

/** Runs `sql`, expecting PostgreSQL to refuse it: `'<SQLSTATE> <constraint>'`. */
export async function refusal(db: pg.ClientBase, sql: string): Promise<string> {
  try {
    await db.query(sql);
  } catch (error) {
    const { code, constraint } = error as { code: string; constraint?: string };
    return `${code} ${constraint ?? ''}`.trim();
  }
  throw new Error(`expected PostgreSQL to refuse: ${sql}`);
}
