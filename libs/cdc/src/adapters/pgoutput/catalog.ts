/**
 * Catalog queries of the source (on an ordinary, non-replication connection): publications, slots, table columns.
 */
import type { PgClient } from './pg-client.js';
import { PgoutputSourceError } from './errors.js';
import type { ReplicaIdentity } from './pgoutput-messages.js';
import type { ColumnDescription } from './table-model.js';

/**
 * Raw text for every type: the source converts PostgreSQL's text output itself, exactly like pgoutput's.
 *
 * @example
 * await client.query({ text: 'SELECT now()', types: TEXT_TYPES }) // rows hold the server's text
 */
export const TEXT_TYPES = { getTypeParser: () => (v: string) => v } as unknown;

/**
 * Session settings that fix the text output of both connections (the walsender formats pgoutput values with them).
 *
 * @example
 * newPgClient(pg, { ...config, options: SESSION_OPTIONS })
 */
export const SESSION_OPTIONS =
  '-c DateStyle=ISO,YMD -c IntervalStyle=iso_8601 -c TimeZone=UTC -c extra_float_digits=3 -c bytea_output=hex';

// Identifier quoting is part of the core's CDC SQL text (one place); re-exported for the source's modules.
export { quoteIdent } from '../../connector/publication-sql.js';

/**
 * A table as the catalog describes it.
 *
 * @example
 * const t: TableDescription = { schema: 'public', table: 'orders', replicaIdentity: 'd', columns: [] };
 */
export interface TableDescription {
  schema: string;
  table: string;
  replicaIdentity: ReplicaIdentity;
  columns: ColumnDescription[];
}

const COLUMNS_SQL = `
  SELECT n.nspname AS schema, c.relname AS table, c.relreplident AS ident, a.attname AS name,
         format_type(a.atttypid, a.atttypmod) AS type_name, a.attnotnull AS not_null,
         coalesce(a.attnum = ANY (i.indkey), false) AS pk, t.typtype AS typtype
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
   WHERE c.oid = $1::oid
   ORDER BY a.attnum`;

/**
 * Describes a table by oid (the relation id of pgoutput). Enum columns get the type name `'enum'` (written as strings).
 *
 * @example
 * await describeTable(client, 16384)
 */
export async function describeTable(client: PgClient, oid: number): Promise<TableDescription> {
  const r = await client.query<Record<string, string | boolean>>({
    text: COLUMNS_SQL,
    values: [oid],
    types: TEXT_TYPES,
  });
  const first = r.rows[0];
  if (!first)
    throw new PgoutputSourceError('UNKNOWN_RELATION', `relation ${oid} does not exist (was it dropped?)`);
  return {
    schema: String(first['schema']),
    table: String(first['table']),
    replicaIdentity: String(first['ident']) as ReplicaIdentity,
    columns: r.rows.map((row) => ({
      name: String(row['name']),
      typeName: row['typtype'] === 'e' ? 'enum' : String(row['type_name']),
      notNull: row['not_null'] === 't' || row['not_null'] === true,
      primaryKey: row['pk'] === 't' || row['pk'] === true,
    })),
  };
}

/**
 * The tables of a publication with their oids, ordered by schema and name.
 *
 * @example
 * await publicationTables(client, 'ecom_pub') // [{ oid: 16384, schema: 'public', table: 'orders' }]
 */
export async function publicationTables(
  client: PgClient,
  publication: string,
): Promise<
  { oid: number; schema: string; table: string; replicaIdentity: ReplicaIdentity; hasPrimaryKey: boolean }[]
> {
  const r = await client.query<{ oid: string; schema: string; table: string; ident: string; has_pk: string }>(
    {
      text: `SELECT c.oid, p.schemaname AS schema, p.tablename AS table, c.relreplident AS ident,
                  EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) AS has_pk
             FROM pg_publication_tables p
             JOIN pg_namespace n ON n.nspname = p.schemaname
             JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = p.tablename
            WHERE p.pubname = $1
            ORDER BY p.schemaname, p.tablename`,
      values: [publication],
      types: TEXT_TYPES,
    },
  );
  return r.rows.map((x) => ({
    oid: Number(x.oid),
    schema: x.schema,
    table: x.table,
    replicaIdentity: x.ident as ReplicaIdentity,
    hasPrimaryKey: x.has_pk === 't',
  }));
}

/**
 * The state of a replication slot, or null when it does not exist.
 *
 * @example
 * await slotState(client, 'ecom_slot') // { plugin: 'pgoutput', active: false, confirmedFlushLsn: '0/16B3748', … }
 */
export async function slotState(
  client: PgClient,
  slot: string,
): Promise<{
  plugin: string | null;
  slotType: string;
  database: string | null;
  active: boolean;
  activePid: string | null;
  confirmedFlushLsn: string | null;
  walStatus: string | null;
} | null> {
  const r = await client.query<Record<string, string | null>>({
    text: `SELECT plugin, slot_type, database, active, active_pid, confirmed_flush_lsn, wal_status
             FROM pg_replication_slots WHERE slot_name = $1`,
    values: [slot],
    types: TEXT_TYPES,
  });
  const s = r.rows[0];
  if (!s) return null;
  return {
    plugin: s['plugin'] ?? null,
    slotType: s['slot_type'] ?? '',
    database: s['database'] ?? null,
    active: s['active'] === 't',
    activePid: s['active_pid'] ?? null,
    confirmedFlushLsn: s['confirmed_flush_lsn'] ?? null,
    walStatus: s['wal_status'] ?? null,
  };
}
