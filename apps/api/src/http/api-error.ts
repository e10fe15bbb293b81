import type { z } from 'zod';

/**
 * Machine-readable error codes of the API, each with its HTTP status.
 *
 * @example
 * ```ts
 * API_ERROR_STATUS.not_found; // 404
 * ```
 */
export const API_ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unavailable: 503,
  internal: 500,
} as const;

/**
 * One of the API's error codes.
 *
 * @example
 * ```ts
 * const code: ApiErrorCode = 'invalid_request';
 * ```
 */
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/**
 * An error the API answers with on purpose: `{ error: { code, message, issues? } }` and the code's status.
 *
 * @example
 * ```ts
 * throw new ApiError('not_found', 'order 42 not found');
 * ```
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: readonly z.core.$ZodIssue[],
  ) {
    super(message);
    this.status = API_ERROR_STATUS[code];
  }

  /**
   * The JSON body the API sends.
   *
   * @example
   * ```ts
   * new ApiError('not_found', 'no route').toJSON(); // { error: { code: 'not_found', message: 'no route' } }
   * ```
   */
  toJSON(): { error: { code: ApiErrorCode; message: string; issues?: readonly z.core.$ZodIssue[] } } {
    return {
      error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
    };
  }
}
