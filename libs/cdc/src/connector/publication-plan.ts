/**
 * The decision of `cdc connector register` (pure): given what the catalog says about the CDC role, the tables and
 * the publication, who creates the publication and which statements the tables' owner must run first.
 *
 * Debezium's `publication.autocreate.mode=filtered` creates a missing publication (`CREATE PUBLICATION … FOR TABLE`)
 * and, when an existing one publishes other tables, runs `ALTER PUBLICATION … SET TABLE`; an existing one with
 * exactly the captured tables is used as it is. PostgreSQL reserves both statements for the tables' owner (plus
 * CREATE on the database, or ownership of the publication), and the snapshot reads every table, so a role with
 * only REPLICATION (the stack's `ecom_cdc`) needs the publication made for it and SELECT on the tables.
 */
import { err, ok, type Result } from '@ecom/domain';
import { ConnectorSetupError } from './connector-setup-error.js';
import type { PublicationFacts, PublicationRequest } from './publication-admin.js';
import {
  createPublicationSql,
  quoteIdent,
  setPublicationTablesSql,
  snapshotGrantSql,
  type QualifiedTable,
} from './publication-sql.js';

/**
 * What happens to the publication: Debezium creates or updates it (the role may), it is `ready` as it is, or the
 * owner's statements `create` or `update` it.
 *
 * @example
 * const p: PublicationAction = 'create';
 */
export type PublicationAction = 'debezium' | 'ready' | 'create' | 'update';

/**
 * The outcome of {@link planPublication}.
 *
 * @example
 * const plan: PublicationPlan = { publication: 'ready', ownerSql: [] };
 */
export interface PublicationPlan {
  publication: PublicationAction;
  /** Statements the tables' owner runs before the connector starts, each ending in `;`. Empty: nothing to do. */
  ownerSql: readonly string[];
}

const key = (t: QualifiedTable) => `${t.schema}.${t.table}`;

/**
 * Decides the publication set-up. `snapshot`: the connector's snapshot mode reads the tables (`initial`, `always`,
 * `initial_only`, `when_needed`), so the role needs SELECT on them. Refuses with a {@link ConnectorSetupError}:
 * `CDC_ROLE_INVALID` (no such role, or no REPLICATION; `sql` is what a superuser runs), `CDC_TABLES_MISSING`,
 * `PUBLICATION_CONFLICT` (an existing `FOR ALL TABLES` publication, which filtered mode will not alter).
 *
 * @example
 * const tables = [{ schema: 'public', table: 'orders' }];
 * const facts: PublicationFacts = {
 *   database: 'ecom',
 *   role: { name: 'ecom_cdc', exists: true, superuser: false, replication: true, createInDatabase: true },
 *   tables: [{ ...tables[0]!, exists: true, schemaUsage: true, select: false, owned: false }],
 *   publication: null,
 * };
 * const plan = planPublication(facts, { role: 'ecom_cdc', publication: 'ecommerce_cdc_publication', tables, snapshot: true });
 * if (plan.ok) plan.value.ownerSql; // ['CREATE PUBLICATION "ecommerce_cdc_publication" FOR TABLE "public"."orders";', 'GRANT SELECT ON …']
 */
export function planPublication(
  facts: PublicationFacts,
  request: PublicationRequest & { snapshot: boolean },
): Result<PublicationPlan, ConnectorSetupError> {
  const { role, publication } = facts;
  const name = quoteIdent(role.name);
  if (!role.exists)
    return err(
      new ConnectorSetupError(
        'CDC_ROLE_INVALID',
        `role ${role.name} does not exist (the connector logs in as it; see CDC_DATABASE_URL)`,
        { sql: [`CREATE ROLE ${name} WITH LOGIN REPLICATION;`] },
      ),
    );
  if (!role.superuser && !role.replication)
    return err(
      new ConnectorSetupError(
        'CDC_ROLE_INVALID',
        `role ${role.name} lacks REPLICATION, which logical decoding needs; as a superuser, run the statement below`,
        { sql: [`ALTER ROLE ${name} WITH REPLICATION;`] },
      ),
    );
  const missing = facts.tables.filter((t) => !t.exists);
  if (missing.length > 0)
    return err(
      new ConnectorSetupError(
        'CDC_TABLES_MISSING',
        `tables ${missing.map(key).join(', ')} do not exist in database ${facts.database}: create the schema first ` +
          `(npm run simulator -- db init), or capture other tables (--tables)`,
      ),
    );
  if (publication?.allTables)
    return err(
      new ConnectorSetupError(
        'PUBLICATION_CONFLICT',
        `publication ${request.publication} exists FOR ALL TABLES, which Debezium's filtered mode refuses to alter: ` +
          `choose another name (--publication), or drop it if nothing else uses it`,
        { sql: [`DROP PUBLICATION ${quoteIdent(request.publication)};`] },
      ),
    );

  const ownsAll = role.superuser || facts.tables.every((t) => t.owned);
  const sql: string[] = [];
  let action: PublicationAction;
  if (publication === null) {
    action = role.superuser || (ownsAll && role.createInDatabase) ? 'debezium' : 'create';
    if (action === 'create') sql.push(`${createPublicationSql(request.publication, request.tables)};`);
  } else {
    const now = new Set(publication.tables.map(key));
    const same = now.size === request.tables.length && request.tables.every((t) => now.has(key(t)));
    if (same) action = 'ready';
    else if (role.superuser || (ownsAll && publication.owned)) action = 'debezium';
    else {
      action = 'update';
      sql.push(`${setPublicationTablesSql(request.publication, request.tables)};`);
    }
  }
  if (request.snapshot) sql.push(...snapshotGrantSql(role.name, facts.tables));
  return ok({ publication: action, ownerSql: sql });
}
