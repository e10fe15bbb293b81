/**
 * The SQL text of CDC set-up, in one place for both CDC paths (the Debezium connector CLI and the built-in pgoutput
 * source): quoting, the publication statements and the grants a snapshot needs. Pure: it only builds strings.
 */

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
 * What a role may do with one table, as far as a snapshot cares (see {@link snapshotGrantSql}).
 *
 * @example
 * const access: TableAccess = { schema: 'public', table: 'orders', exists: true, schemaUsage: true, select: false };
 */
export interface TableAccess extends QualifiedTable {
  /** The table exists. */
  exists: boolean;
  /** USAGE on its schema; `null` when the schema does not exist. */
  schemaUsage: boolean | null;
  /** SELECT on the table (false when it does not exist). */
  select: boolean;
}

/**
 * Quotes an identifier.
 *
 * @example
 * quoteIdent('my"table') // '"my""table"'
 */
export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
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
 * `ALTER PUBLICATION … SET TABLE …`: the publication then covers exactly these tables.
 *
 * @example
 * setPublicationTablesSql('ecom_cdc', [{ schema: 'public', table: 'orders' }]) // 'ALTER PUBLICATION "ecom_cdc" SET TABLE "public"."orders"'
 */
export function setPublicationTablesSql(publication: string, tables: readonly QualifiedTable[]): string {
  return `ALTER PUBLICATION ${quoteIdent(publication)} SET TABLE ${tables.map(qualifiedName).join(', ')}`;
}

/**
 * The grants (each ending in `;`, with the reason as a `--` comment) that let `role` read the tables for an
 * initial snapshot: USAGE on each schema it lacks (once per schema), then SELECT on each existing table it cannot
 * read. Tables or schemas that do not exist are skipped. Empty when nothing is missing.
 *
 * @example
 * snapshotGrantSql('ecom_cdc', [{ schema: 'public', table: 'orders', exists: true, schemaUsage: true, select: false }])
 * // ['GRANT SELECT ON "public"."orders" TO "ecom_cdc"; -- the snapshot reads it']
 */
export function snapshotGrantSql(role: string, tables: readonly TableAccess[]): string[] {
  const to = quoteIdent(role);
  const schemas = [...new Set(tables.filter((t) => t.schemaUsage === false).map((t) => t.schema))];
  return [
    ...schemas.map(
      (s) => `GRANT USAGE ON SCHEMA ${quoteIdent(s)} TO ${to}; -- the snapshot reads its tables`,
    ),
    ...tables
      .filter((t) => t.exists && !t.select)
      .map((t) => `GRANT SELECT ON ${qualifiedName(t)} TO ${to}; -- the snapshot reads it`),
  ];
}
