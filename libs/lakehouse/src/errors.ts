/** Every failure code raised by @ecom/lakehouse. */
export type LakehouseErrorCode =
  | 'INVALID_TABLE_NAME'
  | 'INVALID_EVENT_TIME'
  | 'INVALID_BATCH_ID'
  | 'INVALID_PREFIX'
  | 'UNKNOWN_TABLE'
  | 'UNKNOWN_MART'
  | 'INVALID_VALUE'
  | 'UNSUPPORTED_COLUMN'
  | 'UNSUPPORTED_CODEC'
  | 'INVALID_OPTION'
  | 'INVALID_SNAPSHOT_ID'
  | 'INVALID_MANIFEST'
  | 'NO_SNAPSHOT'
  | 'SNAPSHOT_INCOMPLETE'
  | 'POSTGRES_FAILED'
  | 'STORE_FAILED'
  | 'TRINO_FAILED'
  | 'INVALID_CONFIG'
  | 'USAGE';

/**
 * The one error class of @ecom/lakehouse: a stable `code`, a human message and, where relevant, the cause.
 *
 * @example
 * try {
 *   hivePartition({ table: 'Orders!', eventTimeMs: 0 });
 * } catch (err) {
 *   if (err instanceof LakehouseError && err.code === 'INVALID_TABLE_NAME') console.error(err.message);
 * }
 */
export class LakehouseError extends Error {
  override readonly name = 'LakehouseError';
  constructor(
    readonly code: LakehouseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
