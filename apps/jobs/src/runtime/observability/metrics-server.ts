/**
 * The tiny HTTP server of `jobs run`: `GET /metrics` (Prometheus text) and `GET /healthz`, on node:http.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JobsConfigError } from '../errors.js';
import type { JobsLogger } from './logger.js';

/**
 * Options of {@link startMetricsServer}.
 *
 * @example
 * import { JobMetrics } from './job-metrics.js';
 * import { createJobsLogger } from './logger.js';
 * const options: MetricsServerOptions = { metrics: new JobMetrics(), port: 9464, logger: createJobsLogger('info') };
 */
export interface MetricsServerOptions {
  /** What `/metrics` serves (a `JobMetrics`). */
  readonly metrics: { readonly contentType: string; text(): Promise<string> };
  /** `0` = any free port (instances sharing a host each need their own port, or `0`). */
  readonly port: number;
  /** Interface to bind. Default: all of them. */
  readonly host?: string;
  readonly logger: JobsLogger;
}

/**
 * A started metrics server: the port it is bound to, and `close()`.
 *
 * @example
 * declare const server: MetricsServer;
 * await fetch(`http://127.0.0.1:${server.port}/metrics`);
 * await server.close();
 */
export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Starts the server: `GET /metrics` answers the exposition (`text/plain; version=0.0.4`), `GET /healthz` answers
 * `ok`, anything else 404 (405 for another method). Logs the bound port; a taken `port` is a `JobsConfigError`
 * naming `JOBS_METRICS_PORT` (a scrape target must not move silently).
 *
 * @example
 * import { JobMetrics } from './job-metrics.js';
 * import { createJobsLogger } from './logger.js';
 * const server = await startMetricsServer({ metrics: new JobMetrics(), port: 0, logger: createJobsLogger('info') });
 * const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
 * await server.close();
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { metrics, logger } = options;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' && path !== '/healthz') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end();
    } else if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
    } else {
      metrics.text().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        (err: unknown) => {
          logger.error({ err }, 'metrics collection failed');
          res
            .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
            .end('metrics collection failed\n');
        },
      );
    }
  });
  let port: number;
  try {
    port = await listen(server, options.port, options.host);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    throw new JobsConfigError(
      ['JOBS_METRICS_PORT'],
      `JOBS_METRICS_PORT: port ${options.port} is in use (another instance on this host?); set another port, 0 for any free port, or off`,
    );
  }
  logger.info({ port }, 'metrics server listening (GET /metrics, GET /healthz)');
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
