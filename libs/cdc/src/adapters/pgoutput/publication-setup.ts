/**
 * What a role without table ownership (the stack's `ecom_cdc`: LOGIN REPLICATION) cannot do itself, and the SQL an
 * owner or superuser runs for it: create the publication (PostgreSQL reserves that for the tables' owner, and FOR ALL
 * TABLES for superusers), hand the publication over (the snapshot-complete mark is its comment, which only its owner
 * may write) and grant SELECT on the tables (the initial snapshot reads them).
 */
import { quoteIdent, TEXT_TYPES } from './catalog.js';
import type { PgClient } from './pg-client.js';

/**
 * A table as `schema` and `table` names.
 *
 * @example
 * const t: QualifiedTable = { schema: 'public', table: 'orders' };
 */
export interface QualifiedTable {
  schema: string;
  table: string;
}

/**
 * `"schema"."table"`.
 *
 * @example
 * qualifiedName({ schema: 'public', table: 'orders' }) // '"public"."orders"'
 */
export function qualifiedName(t: QualifiedTable): string {
  return `${quoteIdent(t.schema)}.${quoteIdent(t.table)}`;
}

/**
 * `CREATE PUBLICATION` over the tables, or `FOR ALL TABLES` when there are none.
 *
 * @example
 * createPublicationSql('ecom_cdc', [{ schema: 'public', table: 'orders' }]) // 'CREATE PUBLICATION "ecom_cdc" FOR TABLE "public"."orders"'
 */
export function createPublicationSql(publication: string, tables: readonly QualifiedTable[]): string {
  const target = tables.length === 0 ? 'FOR ALL TABLES' : 'FOR TABLE ' + tables.map(qualifiedName).join(', ');
  return `CREATE PUBLICATION ${quoteIdent(publication)} ${target}`;
}

/**
 * The role of a connection.
 *
 * @example
 * await currentRole(client) // 'ecom_cdc'
 */
export async function currentRole(client: PgClient): Promise<string> {
  const r = await client.query<{ r: string }>({ text: 'SELECT current_user AS r', types: TEXT_TYPES });
  return r.rows[0]?.r ?? '';
}

/**
 * The statements (each ending in `;`, with the reason as a `--` comment) that give the connection's role what the
 * initial snapshot needs: ownership of the publication (unless it is about to be created, `publicationExists:
 * false`: then the caller adds the owner change after its `CREATE PUBLICATION`), USAGE on the schemas and SELECT on
 * the tables. Empty when nothing is missing.
 *
 * @example
 * await snapshotPrivilegeSql(client, 'ecom_cdc', tables, true) // ['GRANT SELECT ON "public"."orders" TO "ecom_cdc"; -- …']
 */
export async function snapshotPrivilegeSql(
  client: PgClient,
  publication: string,
  tables: readonly QualifiedTable[],
  publicationExists: boolean,
): Promise<string[]> {
  const role = quoteIdent(await currentRole(client));
  const out: string[] = [];
  const owns = await client.query<{ owns: string }>({
    text: `SELECT pg_has_role(current_user, pubowner, 'USAGE') AS owns FROM pg_publication WHERE pubname = $1`,
    values: [publication],
    types: TEXT_TYPES,
  });
  if (!publicationExists || owns.rows[0]?.owns === 'f') {
    out.push(
      `ALTER PUBLICATION ${quoteIdent(publication)} OWNER TO ${role}; -- the source marks a completed snapshot in the publication's comment`,
    );
  }
  // One row per table: USAGE on its schema, SELECT on it ('t'/'f'; null when the table does not exist).
  const r = await client.query<{ s: string; t: string; schema_ok: string; table_ok: string | null }>({
    text: `SELECT x.s, x.t, has_schema_privilege(n.oid, 'USAGE') AS schema_ok,
                  has_table_privilege(to_regclass(quote_ident(x.s) || '.' || quote_ident(x.t)), 'SELECT') AS table_ok
             FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(s, t, i)
             JOIN pg_namespace n ON n.nspname = x.s
            ORDER BY x.i`,
    values: [tables.map((t) => t.schema), tables.map((t) => t.table)],
    types: TEXT_TYPES,
  });
  const schemas = new Set<string>();
  for (const row of r.rows) {
    if (row.schema_ok === 'f' && !schemas.has(row.s)) {
      schemas.add(row.s);
      out.push(`GRANT USAGE ON SCHEMA ${quoteIdent(row.s)} TO ${role}; -- the snapshot reads its tables`);
    }
  }
  for (const row of r.rows) {
    if (row.table_ok === 'f') {
      out.push(
        `GRANT SELECT ON ${qualifiedName({ schema: row.s, table: row.t })} TO ${role}; -- the snapshot reads it`,
      );
    }
  }
  return out;
}
