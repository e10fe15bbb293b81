import { EcomError } from '@ecom/domain';
import type { z } from 'zod';

/**
 * Error codes of @ecom/fraud: `invalid_rule` (a definition failed validation), `unknown_rule` (no rule with that id),
 * `invalid_snapshot` (a snapshot of another format or version).
 *
 * @example
 * const code: FraudErrorCode = 'invalid_rule';
 */
export type FraudErrorCode = 'invalid_rule' | 'unknown_rule' | 'invalid_snapshot';

/**
 * The typed error of @ecom/fraud (an `EcomError`): `ruleId` names the rule (when known), `issues` carries the zod
 * issues of a rejected definition, `raw` the offending input.
 *
 * @example
 * try {
 *   parseRuleDefinition({ id: 'v', kind: 'velocity', params: { maxOrders: -1 } });
 * } catch (e) {
 *   if (e instanceof FraudError) console.log(e.code, e.ruleId, e.issues[0]?.path); // invalid_rule v ['params', 'maxOrders']
 * }
 */
export class FraudError extends EcomError<FraudErrorCode> {
  override readonly name = 'FraudError';
  /** The rule the error is about, when the input had a readable id. */
  readonly ruleId: string | undefined;
  /** The zod issues of a rejected definition (empty for other codes). */
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(
    code: FraudErrorCode,
    message: string,
    options: { ruleId?: string; issues?: readonly z.core.$ZodIssue[]; raw?: unknown } = {},
  ) {
    super(code, message, { raw: options.raw });
    this.ruleId = options.ruleId;
    this.issues = options.issues ?? [];
  }
}

/**
 * Whether `value` is a {@link FraudError} (optionally with `code`).
 *
 * @example
 * isFraudError(new FraudError('unknown_rule', 'no rule x'), 'unknown_rule'); // true
 */
export function isFraudError(value: unknown, code?: FraudErrorCode): value is FraudError {
  return value instanceof FraudError && (code === undefined || value.code === code);
}
