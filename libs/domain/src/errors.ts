/**
 * Every reason a domain operation can refuse its input.
 *
 * - `invalid_money`: not an exact decimal string with at most 2 fraction digits.
 * - `money_out_of_range`: outside NUMERIC(14,2), i.e. below 0 or above 999,999,999,999.99.
 * - `invalid_quantity`: a quantity that is not a positive safe integer.
 * - `unknown_lifecycle`: a lifecycle name other than `order`, `payment` or `shipment`.
 * - `unknown_status`: a status outside the lifecycle's value set.
 * - `invalid_transition`: a status change the lifecycle does not allow.
 * - `unknown_table`: a table name that is not one of the shop tables.
 * - `invalid_record`: a row that does not match its table schema (the zod issues are in `issues`).
 * - `invalid_option`: a configuration option the library refuses (e.g. `synchronize: true`).
 *
 * @example
 * ```ts
 * const code: DomainErrorCode = 'invalid_transition';
 * ```
 */
export type DomainErrorCode =
  | 'invalid_money'
  | 'money_out_of_range'
  | 'invalid_quantity'
  | 'unknown_lifecycle'
  | 'unknown_status'
  | 'invalid_transition'
  | 'unknown_table'
  | 'invalid_record'
  | 'invalid_option';

/**
 * One problem found while validating a record: where it is and what is wrong.
 *
 * @example
 * ```ts
 * const issue: DomainIssue = { path: ['total_price'], message: 'Invalid money' };
 * ```
 */
export interface DomainIssue {
  /** Path to the offending value, e.g. `['items', 0, 'quantity']`. */
  readonly path: readonly PropertyKey[];
  /** Human-readable explanation. */
  readonly message: string;
}

/**
 * Options accepted by the {@link DomainError} constructor.
 *
 * @example
 * ```ts
 * const options: DomainErrorOptions = { details: { table: 'orderz' } };
 * ```
 */
export interface DomainErrorOptions {
  /** Structured facts about the failure (the offending value, the allowed set, ...). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Validation issues, for `invalid_record`. */
  readonly issues?: readonly DomainIssue[];
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * The single error class thrown by `@ecom/domain`. Switch on `code`, never on `message`.
 *
 * @remarks Domain errors describe bad input, so they are never retriable: `retriable` is always `false`.
 *
 * @example
 * ```ts
 * try {
 *   assertTransition('order', 'delivered', 'pending');
 * } catch (error) {
 *   if (isDomainError(error) && error.code === 'invalid_transition') {
 *     console.log(error.details); // { lifecycle: 'order', from: 'delivered', to: 'pending', allowed: [] }
 *   }
 * }
 * ```
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  /** Machine-readable reason. */
  readonly code: DomainErrorCode;
  /** Always `false`: retrying the same input gives the same error. */
  readonly retriable = false;
  /** Structured facts about the failure. */
  readonly details: Readonly<Record<string, unknown>>;
  /** Validation issues (empty unless `code` is `invalid_record`). */
  readonly issues: readonly DomainIssue[];

  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
    this.issues = options.issues ?? [];
  }
}

/**
 * Type guard for {@link DomainError}, optionally narrowed to one code.
 *
 * @example
 * ```ts
 * isDomainError(new DomainError('unknown_table', 'no such table')); // true
 * isDomainError(new Error('x')); // false
 * isDomainError(err, 'invalid_money'); // true only for money errors
 * ```
 */
export function isDomainError(value: unknown, code?: DomainErrorCode): value is DomainError {
  return value instanceof DomainError && (code === undefined || value.code === code);
}
