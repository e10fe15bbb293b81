import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError } from './api-error.js';
import { requestLog } from './request-logger.js';

/** node-postgres errors carry the SQLSTATE in `code`. */
function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Maps anything thrown by a route to a JSON error. Never leaks internals: 500s say only "Internal server error"
 * (the request id in `x-request-id` finds the logged details).
 *
 * | Thrown                                                 | Status | `error.code`      |
 * | ------------------------------------------------------ | ------ | ----------------- |
 * | `ApiError`                                             | its    | its               |
 * | Express/http-errors 4xx (e.g. a malformed `%` escape)  | 4xx    | `invalid_request` |
 * | PostgreSQL data exception (SQLSTATE class 22)          | 400    | `invalid_request` |
 * | database unreachable, admin shutdown (class 08, 57)    | 503    | `unavailable`     |
 * | anything else                                          | 500    | `internal`        |
 *
 * @example
 * ```ts
 * app.use(notFoundHandler);
 * app.use(errorHandler);
 * ```
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) {
    requestLog(req).error({ err }, 'error after the response started');
    res.destroy();
    return;
  }
  let error: ApiError;
  if (err instanceof ApiError) {
    error = err;
  } else {
    const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status;
    const state = sqlState(err);
    const sysCode = (err as { code?: unknown } | null)?.code;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      error =
        status === 404
          ? new ApiError('not_found', 'Not found')
          : new ApiError('invalid_request', 'Bad request');
    } else if (state?.startsWith('22')) {
      requestLog(req).warn({ err }, 'database refused a parameter');
      error = new ApiError('invalid_request', 'A parameter is out of range for the database');
    } else if (
      state?.startsWith('08') ||
      state?.startsWith('57') ||
      (typeof sysCode === 'string' && UNAVAILABLE_CODES.has(sysCode))
    ) {
      requestLog(req).error({ err }, 'database unavailable');
      error = new ApiError('unavailable', 'Database unavailable');
    } else {
      requestLog(req).error({ err }, 'unhandled error');
      error = new ApiError('internal', 'Internal server error');
    }
  }
  res.status(error.status).json(error.toJSON());
};

/**
 * The last route: a JSON 404 for every unknown path or method.
 *
 * @example
 * ```ts
 * app.use(notFoundHandler); // GET /nope → 404 { error: { code: 'not_found', message: 'No route GET /nope' } }
 * ```
 */
export const notFoundHandler: RequestHandler = (req, res) => {
  const error = new ApiError('not_found', `No route ${req.method} ${req.path.slice(0, 200)}`);
  res.status(404).json(error.toJSON());
};
