/**
 * What a role without table ownership (the stack's `ecom_cdc`: LOGIN REPLICATION) cannot do itself, and the SQL an
 * owner or superuser runs for it: create the publication (PostgreSQL reserves that for the tables' owner, and FOR ALL
 * TABLES for superusers), hand the publication over (the snapshot-complete mark is its comment, which only its owner
 * may write) and grant SELECT on the tables (the initial snapshot reads them). The catalog probe behind it,
 * `publicationFacts`, also serves `cdc connector register`; the SQL text is built in the core
 * (`connector/publication-sql.ts`), one place for both CDC paths.
 */
import type { PublicationFacts, PublicationRequest } from '../../connector/publication-admin.js';
import { quoteIdent, snapshotGrantSql, type QualifiedTable } from '../../connector/publication-sql.js';
import { TEXT_TYPES } from './catalog.js';
import type { PgClient } from './pg-client.js';

export type { QualifiedTable };

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
  const role = await currentRole(client);
  const facts = await publicationFacts(client, { role, publication, tables });
  const owner =
    !publicationExists || facts.publication?.owned === false
      ? [
          `ALTER PUBLICATION ${quoteIdent(publication)} OWNER TO ${quoteIdent(role)}; -- the source marks a completed snapshot in the publication's comment`,
        ]
      : [];
  return [...owner, ...snapshotGrantSql(role, facts.tables)];
}

const yes = (v: unknown) => v === 't' || v === true;

/**
 * What the catalog says about `request.role` (any role, not only the connection's): its attributes, its rights on
 * the tables (ownership, SELECT, USAGE on their schemas) and the publication (who owns it, what it publishes). The
 * probe of `snapshotPrivilegeSql` and of `cdc connector register` (through `createPublicationAdmin`).
 *
 * @example
 * const facts = await publicationFacts(client, { role: 'ecom_cdc', publication: 'ecom_cdc', tables });
 * facts.tables.filter((t) => !t.select); // what the role cannot read
 */
export async function publicationFacts(
  client: PgClient,
  request: PublicationRequest,
): Promise<PublicationFacts> {
  const { role, publication, tables } = request;
  const r = await client.query<
    Record<'db' | 'oid' | 'superuser' | 'replication' | 'create_ok', string | null>
  >({
    text: `SELECT current_database() AS db, r.oid, r.rolsuper AS superuser, r.rolreplication AS replication,
                  CASE WHEN r.oid IS NULL THEN NULL ELSE has_database_privilege(r.oid, current_database(), 'CREATE') END AS create_ok
             FROM (SELECT 1) AS one LEFT JOIN pg_roles r ON r.rolname = $1`,
    values: [role],
    types: TEXT_TYPES,
  });
  // One row always (the LEFT JOIN keeps it for an unknown role).
  const found = r.rows[0] ?? { db: null, oid: null, superuser: null, replication: null, create_ok: null };
  // One row per table, in request order: exists, USAGE on its schema (null: no schema), SELECT, owned by the role.
  const t = await client.query<
    Record<'s' | 't' | 'found' | 'schema_ok' | 'table_ok' | 'owned', string | null>
  >({
    text: `SELECT x.s, x.t, c.oid IS NOT NULL AS found,
                  CASE WHEN n.oid IS NULL OR $3::oid IS NULL THEN NULL ELSE has_schema_privilege($3::oid, n.oid, 'USAGE') END AS schema_ok,
                  CASE WHEN c.oid IS NULL OR $3::oid IS NULL THEN false ELSE has_table_privilege($3::oid, c.oid, 'SELECT') END AS table_ok,
                  CASE WHEN c.oid IS NULL OR $3::oid IS NULL THEN false ELSE pg_has_role($3::oid, c.relowner, 'USAGE') END AS owned
             FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(s, t, i)
             LEFT JOIN pg_namespace n ON n.nspname = x.s
             LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = x.t
            ORDER BY x.i`,
    values: [tables.map((q) => q.schema), tables.map((q) => q.table), found.oid],
    types: TEXT_TYPES,
  });
  const p = await client.query<Record<'all_tables' | 'owned', string | null>>({
    text: `SELECT p.puballtables AS all_tables,
                  CASE WHEN $2::oid IS NULL THEN false ELSE pg_has_role($2::oid, p.pubowner, 'USAGE') END AS owned
             FROM pg_publication p WHERE p.pubname = $1`,
    values: [publication, found.oid],
    types: TEXT_TYPES,
  });
  const pub = p.rows[0];
  const published = await (pub
    ? client.query<{ schema: string; table: string }>({
        text: `SELECT schemaname AS schema, tablename AS table FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1, 2`,
        values: [publication],
        types: TEXT_TYPES,
      })
    : { rows: [] });
  return {
    database: found.db ?? '',
    role: {
      name: role,
      exists: found.oid !== null,
      superuser: yes(found.superuser),
      replication: yes(found.replication),
      createInDatabase: yes(found.create_ok),
    },
    tables: t.rows.map((row) => ({
      schema: row.s ?? '',
      table: row.t ?? '',
      exists: yes(row.found),
      schemaUsage: row.schema_ok === null ? null : yes(row.schema_ok),
      select: yes(row.table_ok),
      owned: yes(row.owned),
    })),
    publication: pub
      ? {
          allTables: yes(pub.all_tables),
          owned: yes(pub.owned),
          tables: published.rows.map((x) => ({ schema: x.schema, table: x.table })),
        }
      : null,
  };
}
