import type { Server } from 'node:http';
import type { Logger } from 'pino';

/**
 * What {@link gracefulShutdown} closes, in order.
 *
 * @example
 * ```ts
 * let draining = false;
 * const target: ShutdownTarget = {
 *   server,
 *   markDraining: () => { draining = true; },
 *   closeResources: () => pool.end(),
 *   logger,
 *   timeoutMs: 10_000,
 * };
 * ```
 */
export interface ShutdownTarget {
  readonly server: Server;
  /** Flip readiness to 503 first, so load balancers stop sending traffic. */
  readonly markDraining: () => void;
  /** Close the database pool and any other client after the server stopped. */
  readonly closeResources: () => Promise<void>;
  readonly logger: Logger;
  /** Hard limit; past it the promise resolves with exit code 1. */
  readonly timeoutMs: number;
}

/**
 * Drains and stops: mark not ready → stop accepting connections and close idle keep-alive sockets → wait for
 * in-flight requests → close the pool. Resolves with the exit code (0 clean, 1 on error or timeout).
 *
 * @example
 * ```ts
 * process.once('SIGTERM', () => gracefulShutdown(target).then((code) => process.exit(code)));
 * ```
 */
export async function gracefulShutdown(target: ShutdownTarget): Promise<number> {
  const { server, logger } = target;
  target.markDraining();
  logger.info('shutting down: draining connections');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      logger.error({ timeoutMs: target.timeoutMs }, 'shutdown timed out; closing remaining connections');
      server.closeAllConnections();
      resolve(1);
    }, target.timeoutMs);
    timer.unref();
  });
  const drain = (async () => {
    const closed = new Promise<void>((resolve, reject) =>
      server.close((err) => (err ? reject(err) : resolve())),
    );
    // Keep-alive sockets become idle as their in-flight responses end; close them as soon as they do.
    const sweeper = setInterval(() => server.closeIdleConnections(), 25);
    server.closeIdleConnections();
    try {
      await closed;
    } finally {
      clearInterval(sweeper);
    }
    await target.closeResources();
    logger.info('shutdown complete');
    return 0;
  })().catch((err: unknown) => {
    logger.error({ err }, 'shutdown failed');
    return 1;
  });
  const code = await Promise.race([drain, timeout]);
  clearTimeout(timer);
  return code;
}
