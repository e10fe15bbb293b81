/**
 * Typed errors of the HTTP schema-registry adapter.
 */
import { EcomError } from '@ecom/domain';

/**
 * Why a registry call failed.
 *
 * - `REGISTRY_UNREACHABLE`: the HTTP request itself failed (connection refused, DNS, timeout). Retriable.
 * - `REGISTRY_HTTP_ERROR`: the registry answered with a status other than 200/404 (5xx is retriable).
 * - `REGISTRY_BAD_RESPONSE`: a 200 whose body is not `{ "schema": "<json text>" }` with valid schema JSON.
 * - `INVALID_SCHEMA_ID`: the id is not a non-negative int32.
 *
 * @example
 * if (e instanceof SchemaRegistryError && e.code === 'REGISTRY_UNREACHABLE') retryLater();
 */
export type SchemaRegistryErrorCode =
  'REGISTRY_UNREACHABLE' | 'REGISTRY_HTTP_ERROR' | 'REGISTRY_BAD_RESPONSE' | 'INVALID_SCHEMA_ID';

/**
 * The error thrown by {@link HttpSchemaRegistry}. The decoder turns a thrown registry error into a retriable
 * `SCHEMA_REGISTRY_UNAVAILABLE` decode error; an unknown id is not an error here (the adapter answers `undefined`).
 *
 * @example
 * try { await registry.fetchSchemaText(7) } catch (e) { if (e instanceof SchemaRegistryError) console.log(e.code, e.status) }
 */
export class SchemaRegistryError extends EcomError<SchemaRegistryErrorCode> {
  override readonly name = 'SchemaRegistryError';
  /** HTTP status, when the registry answered. */
  readonly status: number | undefined;

  constructor(
    code: SchemaRegistryErrorCode,
    message: string,
    options: { status?: number; retriable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause, retriable: options.retriable });
    this.status = options.status;
  }
}
