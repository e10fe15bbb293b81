/**
 * Options of the {@link EcomError} constructor.
 *
 * @example
 * ```ts
 * const options: EcomErrorOptions = { retriable: true, cause: new Error('ECONNRESET') };
 * ```
 */
export interface EcomErrorOptions {
  /** Whether the same input may succeed later (a registry that was down); default `false`. */
  readonly retriable?: boolean;
  /** The offending input, kept as received so it can be dead-lettered or logged. */
  readonly raw?: unknown;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * What every `@ecom` error has, whatever its class: `code`, `retriable`, and optionally `raw` and `cause`.
 * {@link isEcomError} checks this shape, so libraries without dependencies (such as `@ecom/windowing`) match it
 * without extending {@link EcomError}.
 *
 * @example
 * ```ts
 * const describe = (e: EcomErrorLike) => `${e.code}${e.retriable ? ' (retriable)' : ''}: ${e.message}`;
 * ```
 */
export interface EcomErrorLike<C extends string = string> extends Error {
  /** Machine-readable reason: switch on it, never on `message`. */
  readonly code: C;
  /** Whether retrying the same input may succeed. */
  readonly retriable: boolean;
  /** The offending input, when the error keeps it. */
  readonly raw?: unknown;
}

/**
 * The base class of the errors of `@ecom/domain` and `@ecom/cdc` (`DomainError`, `CdcError`, `DecodeError`).
 *
 * @example
 * ```ts
 * class LakeError extends EcomError<'WRITE_FAILED'> {
 *   override readonly name = 'LakeError';
 * }
 * const error = new LakeError('WRITE_FAILED', 'S3 said 503', { retriable: true });
 * isEcomError(error, 'WRITE_FAILED'); // true
 * ```
 */
export class EcomError<C extends string = string> extends Error implements EcomErrorLike<C> {
  override readonly name: string = 'EcomError';
  readonly code: C;
  readonly retriable: boolean;
  readonly raw?: unknown;

  constructor(code: C, message: string, options: EcomErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = options.retriable ?? false;
    if (options.raw !== undefined) this.raw = options.raw;
  }
}

/**
 * Whether `value` is an `@ecom` error: an `Error` with a string `code` and a boolean `retriable`, optionally with
 * the given `code`. Structural, so it also matches errors of libraries that do not extend {@link EcomError}
 * (`WindowingError`).
 *
 * @example
 * ```ts
 * try {
 *   parseShopRecord('orders', row);
 * } catch (error) {
 *   if (isEcomError(error) && !error.retriable) deadLetter(error.code, error.raw);
 * }
 * ```
 */
export function isEcomError<C extends string = string>(value: unknown, code?: C): value is EcomErrorLike<C> {
  if (!(value instanceof Error)) return false;
  const v = value as Error & { code?: unknown; retriable?: unknown };
  return (
    typeof v.code === 'string' && typeof v.retriable === 'boolean' && (code === undefined || v.code === code)
  );
}
