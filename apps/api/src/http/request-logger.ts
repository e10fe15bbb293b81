import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Creates the process logger (JSON lines on stdout). Secrets are redacted wherever they might appear.
 *
 * @example
 * ```ts
 * const logger = createLogger('info');
 * logger.info({ port: 8000 }, 'listening');
 * ```
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: '@ecom/api',
      level,
      redact: {
        // Exact paths only: wildcard paths are evaluated on every log line. Request lines carry only id, method,
        // URL and status (see requestLogger), never headers or rows.
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'password',
          'DATABASE_URL',
          'config.DATABASE_URL',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * The request id: the caller's `x-request-id` if it is short and safe, else a new UUID. It is echoed in the
 * response header `x-request-id` and logged with every line of the request.
 *
 * @example
 * ```ts
 * requestId(req, res); // '3f1c…' (also set on res as x-request-id)
 * ```
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * pino-http middleware: one structured line per request with its id, method, URL, status and response time.
 *
 * @example
 * ```ts
 * app.use(requestLogger(createLogger('info')));
 * ```
 */
export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestId,
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
