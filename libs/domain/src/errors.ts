import { EcomError } from './ecom-error.js';

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
 * - `invalid_time`: a time that is not an instant (no offset, out of range, not a date at all).
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
  | 'invalid_option'
  | 'invalid_time';

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
  /** The offending input (the row of an `invalid_record`), kept for dead-lettering. */
  readonly raw?: unknown;
}

/**
 * The single error class thrown by `@ecom/domain`, an {@link EcomError}. Switch on `code`, never on `message`.
 *
 * @remarks Domain errors describe bad input, so they are never retriable: `retriable` is always `false`. `raw`
 * holds the offending input when there is one (the row of an `invalid_record`).
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
export class DomainError extends EcomError<DomainErrorCode> {
  override readonly name = 'DomainError';
  /** Always `false`: retrying the same input gives the same error. */
  override readonly retriable = false;
  /** Structured facts about the failure. */
  readonly details: Readonly<Record<string, unknown>>;
  /** Validation issues (empty unless `code` is `invalid_record`). */
  readonly issues: readonly DomainIssue[];

  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(code, message, { cause: options.cause, raw: options.raw });
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

/**
 * The `invalid_record` {@link DomainError} for a row that a zod schema refused: one {@link DomainIssue} per zod
 * issue, a message that lists them, `details.table`, the zod error as `cause` and the row as `raw`. Used by
 * `safeParseShopRecord` and by validators of other table maps (`toDomainRecord` of `@ecom/cdc`).
 *
 * @example
 * ```ts
 * const parsed = orderSchema.safeParse(row);
 * if (!parsed.success) throw invalidRecordError('orders', row, parsed.error);
 * ```
 */
export function invalidRecordError(table: string, row: unknown, error: unknown): DomainError {
  const found = (error as { issues?: unknown } | null)?.issues;
  const issues: DomainIssue[] = Array.isArray(found)
    ? found.map((issue: { path?: readonly PropertyKey[]; message?: unknown }) => ({
        path: issue.path ?? [],
        message: String(issue.message),
      }))
    : [{ path: [], message: error instanceof Error ? error.message : String(error) }];
  const summary = issues
    .map((issue) => `${issue.path.map(String).join('.') || '(row)'}: ${issue.message}`)
    .join('; ');
  return new DomainError('invalid_record', `Invalid ${table} record: ${summary}`, {
    details: { table },
    issues,
    cause: error,
    raw: row,
  });
}
