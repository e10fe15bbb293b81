/**
 * Typed errors of the HTTP schema-registry adapter.
 */

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
export class SchemaRegistryError extends Error {
  override readonly name = 'SchemaRegistryError';
  readonly code: SchemaRegistryErrorCode;
  /** HTTP status, when the registry answered. */
  readonly status: number | undefined;
  readonly retriable: boolean;

  constructor(
    code: SchemaRegistryErrorCode,
    message: string,
    options: { status?: number; retriable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retriable = options.retriable ?? false;
  }
}
