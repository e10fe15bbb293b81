/**
 * The PostgreSQL step of `cdc connector register`, before the connector is registered: inspect, decide
 * ({@link planPublication}), then run the owner's statements through `DATABASE_URL`, or refuse with them.
 */
import { ConnectorSetupError } from './connector-setup-error.js';
import type { PublicationAdmin, PublicationAdminVia, PublicationRequest } from './publication-admin.js';
import { planPublication, type PublicationAction } from './publication-plan.js';

/**
 * What the step did (part of `register`'s output).
 *
 * @example
 * const done: PublicationSetup = { checkedVia: 'DATABASE_URL', role: 'ecom_cdc', publication: 'create', ran: ['CREATE PUBLICATION …;'] };
 */
export interface PublicationSetup {
  checkedVia: PublicationAdminVia;
  role: string;
  publication: PublicationAction;
  /** The statements run as the owner (empty when none were needed). */
  ran: readonly string[];
}

/** SQLSTATE 42501 (`insufficient_privilege`) of a pg error. */
const isPrivilegeError = (e: unknown) => (e as { code?: unknown } | null)?.code === '42501';

/**
 * Makes the publication and the snapshot grants ready for the role, or throws {@link ConnectorSetupError}:
 * `INSUFFICIENT_PRIVILEGE` with the statements when they are needed and `admin` cannot run them (the CDC role's own
 * connection) or the owner's connection was refused them, and the codes of {@link planPublication}.
 *
 * @example
 * import pg from 'pg';
 * import { createPublicationAdmin } from '@ecom/cdc/adapters';
 * const admin = createPublicationAdmin({ driver: pg, url: 'postgres://postgres@127.0.0.1:55432/ecom', via: 'DATABASE_URL' });
 * const tables = [{ schema: 'public', table: 'orders' }];
 * const done = await preparePublication(admin, { role: 'ecom_cdc', publication: 'ecommerce_cdc_publication', tables, snapshot: true });
 * done.ran; // what DATABASE_URL ran, e.g. ['CREATE PUBLICATION …;', 'GRANT SELECT ON …;']
 * await admin.close();
 */
export async function preparePublication(
  admin: PublicationAdmin,
  request: PublicationRequest & { snapshot: boolean },
): Promise<PublicationSetup> {
  const facts = await admin.inspect(request);
  const plan = planPublication(facts, request);
  if (!plan.ok) throw plan.error;
  const { ownerSql, publication } = plan.value;
  const done = { checkedVia: admin.via, role: request.role, publication };
  if (ownerSql.length === 0) return { ...done, ran: [] };
  const why =
    `role ${request.role} may not ` +
    (publication === 'create' || publication === 'update'
      ? `${publication} publication ${request.publication} (PostgreSQL reserves that for the tables' owner)` +
        (ownerSql.length > 1 ? ' nor read every captured table for the snapshot' : '')
      : 'read every captured table for the snapshot');
  if (!admin.canExecute)
    throw new ConnectorSetupError(
      'INSUFFICIENT_PRIVILEGE',
      `${why}. Run the statements in sql as the tables' owner (e.g. psql "$DATABASE_URL"), or set DATABASE_URL ` +
        `to the owner's connection and register again: register then runs them itself.`,
      { sql: ownerSql },
    );
  try {
    await admin.execute(ownerSql);
  } catch (e) {
    if (!isPrivilegeError(e)) throw e;
    throw new ConnectorSetupError(
      'INSUFFICIENT_PRIVILEGE',
      `${why}, and DATABASE_URL was refused the statements too (${(e as Error).message}): run them as the tables' ` +
        `owner or a superuser.`,
      { sql: ownerSql, cause: e },
    );
  }
  return { ...done, ran: ownerSql };
}
