import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import pino, { type Logger } from 'pino';

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
          'API_TOKEN',
          'API_PII_TOKEN',
          'config.API_TOKEN',
          'config.API_PII_TOKEN',
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

const BASE_LOGGER = Symbol('ecom.api.logger');

declare module 'http' {
  interface IncomingMessage {
    /** The request id (see {@link requestId}); set by {@link requestLogger}. */
    id?: string;
    /** The process logger, kept on the request by {@link requestLogger}; read it through {@link requestLog}. */
    [BASE_LOGGER]?: Logger;
  }
}

/**
 * The logger for one request's extra lines (errors): a pino child carrying `req.id`, made on demand so requests that
 * log nothing but their completion line pay nothing for it. Silent outside {@link requestLogger}.
 *
 * @example
 * ```ts
 * requestLog(req).error({ err }, 'unhandled error'); // {"req":{"id":"3f1c…"},"err":{…},"msg":"unhandled error"}
 * ```
 */
export function requestLog(req: IncomingMessage): Logger {
  const base = req[BASE_LOGGER];
  return base ? base.child({ req: { id: req.id } }) : SILENT;
}

const SILENT = pino({ level: 'silent' });

/**
 * Request logging: one structured line per request when it completes (`request completed`) or is aborted by the
 * client (`request aborted`), with its id, method, URL, status and response time in ms; level `info`, `warn` for 4xx
 * and aborts, `error` for 5xx. The request id is set on `req.id` and the `x-request-id` response header.
 *
 * @remarks A hand-rolled replacement for pino-http with the same line shape: one `close` listener and no per-request
 * child logger (pino-http cost ~55 µs per request, a third of the API's overhead over a bare handler).
 *
 * @example
 * ```ts
 * app.use(requestLogger(createLogger('info')));
 * // {"level":30,"req":{"id":"…","method":"GET","url":"/orders?limit=50"},"res":{"statusCode":200},"responseTime":2.1,"msg":"request completed"}
 * ```
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const startedAt = performance.now();
    const id = requestId(req, res);
    req.id = id;
    req[BASE_LOGGER] = logger;
    res.once('close', () => {
      const statusCode = res.statusCode;
      const finished = res.writableFinished;
      const level = statusCode >= 500 ? 'error' : statusCode >= 400 || !finished ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, url: req.originalUrl },
          res: { statusCode },
          responseTime: Math.round((performance.now() - startedAt) * 1000) / 1000,
        },
        finished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
