/**
 * The typed error of the PostgreSQL side of `cdc connector register` (publication, grants, role, tables).
 */
import { EcomError } from '@ecom/domain';

/**
 * Why `register` refused before registering, or could not check:
 *
 * - `INSUFFICIENT_PRIVILEGE`: the CDC role may not create (or update) the publication, or not read the tables for
 *   the snapshot, and no owner connection (`DATABASE_URL`) was given, or the owner's statements failed. `sql` has
 *   the statements to run as the tables' owner.
 * - `CDC_ROLE_INVALID`: the role does not exist or lacks REPLICATION; `sql` has what a superuser runs.
 * - `CDC_TABLES_MISSING`: a captured table does not exist (the schema was not created yet).
 * - `PUBLICATION_CONFLICT`: the publication exists `FOR ALL TABLES`, which Debezium's filtered mode refuses to alter.
 * - `POSTGRES_UNREACHABLE`: the check could not connect (retriable).
 *
 * @example
 * const code: ConnectorSetupErrorCode = 'INSUFFICIENT_PRIVILEGE';
 */
export type ConnectorSetupErrorCode =
  | 'INSUFFICIENT_PRIVILEGE'
  | 'CDC_ROLE_INVALID'
  | 'CDC_TABLES_MISSING'
  | 'PUBLICATION_CONFLICT'
  | 'POSTGRES_UNREACHABLE';

/**
 * Thrown by the publication check of `register`; `sql` holds the statements that fix it (may be empty).
 *
 * @example
 * const e = new ConnectorSetupError('CDC_TABLES_MISSING', 'tables public.orders do not exist');
 * e.sql; // []
 */
export class ConnectorSetupError extends EcomError<ConnectorSetupErrorCode> {
  override readonly name = 'ConnectorSetupError';
  readonly sql: readonly string[];

  constructor(
    code: ConnectorSetupErrorCode,
    message: string,
    options: { sql?: readonly string[]; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause, retriable: code === 'POSTGRES_UNREACHABLE' });
    this.sql = options.sql ?? [];
  }
}
