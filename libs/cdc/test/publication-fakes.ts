/**
 * Catalog facts and an in-memory `PublicationAdmin` for the unit tests of `cdc connector register`'s publication
 * step (the pg adapter is exercised against the real stack by connector-newcomer.int.spec.ts).
 */
import { ConnectorSetupError } from '../src/connector/connector-setup-error.js';
import type {
  PublicationAdmin,
  PublicationAdminVia,
  PublicationFacts,
  PublicationRequest,
  TableFacts,
} from '../src/connector/publication-admin.js';
import type { QualifiedTable } from '../src/connector/publication-sql.js';

/** `public.<name>` for each name. */
export const publicTables = (...names: string[]): QualifiedTable[] =>
  names.map((table) => ({ schema: 'public', table }));

/**
 * The newcomer's catalog: role `ecom_cdc` with LOGIN REPLICATION and CREATE on the database (as the stack makes
 * it), the tables owned by someone else and not readable by it, no publication. `overrides` replace parts.
 */
export function replicationOnlyFacts(
  tables: readonly QualifiedTable[],
  overrides: {
    role?: Partial<PublicationFacts['role']>;
    table?: Partial<TableFacts>;
    publication?: PublicationFacts['publication'];
  } = {},
): PublicationFacts {
  return {
    database: 'ecom',
    role: {
      name: 'ecom_cdc',
      exists: true,
      superuser: false,
      replication: true,
      createInDatabase: true,
      ...overrides.role,
    },
    tables: tables.map((t) => ({
      ...t,
      exists: true,
      schemaUsage: true,
      select: false,
      owned: false,
      ...overrides.table,
    })),
    publication: overrides.publication ?? null,
  };
}

/** A `PublicationAdmin` that answers with fixed facts and records what it was asked to run. */
export class FakePublicationAdmin implements PublicationAdmin {
  readonly executed: string[][] = [];
  readonly requests: PublicationRequest[] = [];
  closed = 0;
  /** Make `inspect` fail as an unreachable server would. */
  unreachable = false;
  /** Make `execute` fail with this error. */
  executeError: unknown = undefined;

  constructor(
    readonly via: PublicationAdminVia,
    public facts: PublicationFacts,
  ) {}

  get canExecute(): boolean {
    return this.via === 'DATABASE_URL';
  }

  async inspect(request: PublicationRequest): Promise<PublicationFacts> {
    this.requests.push(request);
    if (this.unreachable)
      throw new ConnectorSetupError('POSTGRES_UNREACHABLE', `cannot connect to ${this.via}: ECONNREFUSED`);
    return this.facts;
  }

  async execute(sql: readonly string[]): Promise<void> {
    if (this.executeError !== undefined) throw this.executeError;
    this.executed.push([...sql]);
  }

  async close(): Promise<void> {
    this.closed++;
  }
}
