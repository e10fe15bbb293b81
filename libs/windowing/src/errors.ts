/**
 * Machine-readable reasons a {@link WindowingError} is thrown.
 *
 * @example
 * const code: WindowingErrorCode = 'INVALID_TIMESTAMP';
 */
export type WindowingErrorCode =
  | 'INVALID_TIMESTAMP'
  | 'INVALID_WATERMARK'
  | 'INVALID_SIZE'
  | 'INVALID_OFFSET'
  | 'INVALID_SLIDE'
  | 'INVALID_GAP'
  | 'INVALID_COUNT'
  | 'INVALID_LATENESS'
  | 'INVALID_TIMEOUT'
  | 'INVALID_KEY'
  | 'INVALID_STATE'
  | 'UNKNOWN_TRIGGER'
  | 'INVALID_TRIGGER'
  | 'INVALID_CONFIG'
  | 'INVALID_SNAPSHOT'
  | 'SNAPSHOT_MISMATCH'
  | 'LATE_MERGE'
  | 'INVALID_DECIMAL'
  | 'INVALID_SCORE';

/**
 * The one error type this library throws. `code` says what was wrong; `message` says which value.
 *
 * @example
 * try {
 *   tumbling({ size: 0 });
 * } catch (e) {
 *   if (e instanceof WindowingError && e.code === 'INVALID_SIZE') console.log(e.message);
 * }
 */
export class WindowingError extends Error {
  override readonly name = 'WindowingError';
  /** Why the input was rejected. */
  readonly code: WindowingErrorCode;
  /** Always `false` (bad configuration or input); with `code`, the shape `isEcomError` of `@ecom/domain` checks. */
  readonly retriable = false;

  constructor(code: WindowingErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
