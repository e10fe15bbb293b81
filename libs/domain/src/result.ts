/**
 * The success half of a {@link Result}.
 *
 * @example
 * ```ts
 * const done: Ok<number> = ok(42);
 * done.value; // 42
 * ```
 */
export type Ok<T> = { readonly ok: true; readonly value: T };

/**
 * The failure half of a {@link Result}.
 *
 * @example
 * ```ts
 * const failed: Err<string> = err('no such table');
 * failed.error; // 'no such table'
 * ```
 */
export type Err<E> = { readonly ok: false; readonly error: E };

/**
 * The one result shape of the `@ecom` libraries for operations that report failures as values instead of
 * throwing (validation, decoding): check `ok`, then read `value` or `error`.
 *
 * @example
 * ```ts
 * const result: Result<ShopRow<'orders'>, DomainError> = safeParseShopRecord('orders', row);
 * if (result.ok) result.value.total_price;
 * else result.error.code; // 'invalid_record'
 * ```
 */
export type Result<T, E> = Ok<T> | Err<E>;

/**
 * Wraps a value as a successful {@link Result}.
 *
 * @example
 * ```ts
 * const result: Result<number, Error> = ok(1);
 * ```
 */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/**
 * Wraps an error as a failed {@link Result}.
 *
 * @example
 * ```ts
 * const result: Result<number, DomainError> = err(new DomainError('unknown_table', 'no such table'));
 * ```
 */
export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}
