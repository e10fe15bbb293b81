/**
 * The PostgreSQL PORT of `cdc connector register`: what it asks the catalog about the CDC role, the captured tables
 * and the publication, and how it runs the statements the tables' owner must run. The pg-based adapter is
 * `createPublicationAdmin` in the adapters entry point (wired in the CLI's `main.ts`).
 */
import type { QualifiedTable, TableAccess } from './publication-sql.js';

/**
 * What `register` asks about: the role the connector logs in as, its publication and its tables.
 *
 * @example
 * const request: PublicationRequest = { role: 'ecom_cdc', publication: 'ecommerce_cdc_publication', tables: [{ schema: 'public', table: 'orders' }] };
 */
export interface PublicationRequest {
  role: string;
  publication: string;
  tables: readonly QualifiedTable[];
}

/**
 * One captured table as the catalog sees it for the role.
 *
 * @example
 * const t: TableFacts = { schema: 'public', table: 'orders', exists: true, schemaUsage: true, select: false, owned: false };
 */
export interface TableFacts extends TableAccess {
  /** The role owns the table (or is a member of its owner role). */
  owned: boolean;
}

/**
 * The catalog's answers for a {@link PublicationRequest}.
 *
 * @example
 * const facts: PublicationFacts = {
 *   database: 'ecom',
 *   role: { name: 'ecom_cdc', exists: true, superuser: false, replication: true, createInDatabase: true },
 *   tables: [{ schema: 'public', table: 'orders', exists: true, schemaUsage: true, select: false, owned: false }],
 *   publication: null,
 * };
 */
export interface PublicationFacts {
  /** `current_database()`. */
  database: string;
  role: {
    name: string;
    exists: boolean;
    superuser: boolean;
    /** REPLICATION attribute (superusers have it implicitly). */
    replication: boolean;
    /** CREATE on the database (needed to create a publication). */
    createInDatabase: boolean;
  };
  /** The requested tables, in request order. */
  tables: readonly TableFacts[];
  /** The publication, or null when it does not exist. */
  publication: {
    /** `FOR ALL TABLES`. */
    allTables: boolean;
    /** The role owns it (or is a member of its owner role). */
    owned: boolean;
    /** The tables it publishes now. */
    tables: readonly QualifiedTable[];
  } | null;
}

/**
 * Which environment variable a {@link PublicationAdmin} connects with: `DATABASE_URL` (the tables' owner, who may
 * run the fix) or `CDC_DATABASE_URL` (the CDC role itself, which can only look).
 *
 * @example
 * const via: PublicationAdminVia = 'DATABASE_URL';
 */
export type PublicationAdminVia = 'DATABASE_URL' | 'CDC_DATABASE_URL';

/**
 * The port: reads the facts and, through the owner's connection, runs statements in one transaction.
 *
 * @example
 * import pg from 'pg';
 * import { createPublicationAdmin } from '@ecom/cdc/adapters';
 * const admin: PublicationAdmin = createPublicationAdmin({ driver: pg, url: 'postgres://postgres@127.0.0.1:55432/ecom', via: 'DATABASE_URL' });
 * const facts = await admin.inspect({ role: 'ecom_cdc', publication: 'ecommerce_cdc_publication', tables: [{ schema: 'public', table: 'orders' }] });
 * await admin.close();
 */
export interface PublicationAdmin {
  readonly via: PublicationAdminVia;
  /** True for the owner's connection (`DATABASE_URL`): `register` may then run the statements itself. */
  readonly canExecute: boolean;
  /** Reads the facts. A connection failure throws `ConnectorSetupError` `POSTGRES_UNREACHABLE`. */
  inspect(request: PublicationRequest): Promise<PublicationFacts>;
  /** Runs the statements in one transaction (all or none). */
  execute(sql: readonly string[]): Promise<void>;
  /** Ends the connection (safe to call when none was opened). */
  close(): Promise<void>;
}
