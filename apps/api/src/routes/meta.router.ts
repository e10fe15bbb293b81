import { Router } from 'express';

/**
 * Options of {@link metaRouter}.
 *
 * @example
 * ```ts
 * const options: MetaRouterOptions = { version: '0.1.0', readiness: {}, isDraining: () => false };
 * ```
 */
export interface MetaRouterOptions {
  readonly version: string;
  readonly readiness: Record<string, () => Promise<void>>;
  readonly isDraining: () => boolean;
}

/**
 * `GET /` (welcome, as the original), `GET /health` (the original's static check), `GET /healthz` (liveness) and
 * `GET /readyz` (every probe, e.g. PostgreSQL `SELECT 1`; 503 while draining or when a probe fails).
 *
 * @example
 * ```ts
 * app.use(metaRouter({ version: '0.1.0', readiness: { postgres: pingPostgres(pool) }, isDraining: () => false }));
 * ```
 */
export function metaRouter(options: MetaRouterOptions): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({ message: 'Welcome to Recommendation Platform API', version: options.version, docs: '/docs' });
  });
  router.get('/health', (_req, res) => {
    res.json({ status: 'healthy' });
  });
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (options.isDraining()) {
      res.status(503).json({ status: 'draining', checks: {} });
      return;
    }
    const results = await Promise.all(
      Object.entries(options.readiness).map(async ([name, probe]) => {
        try {
          await probe();
          return [name, { ok: true }] as const;
        } catch (err) {
          return [name, { ok: false, error: err instanceof Error ? err.message : String(err) }] as const;
        }
      }),
    );
    const ready = results.every(([, r]) => r.ok);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(results) });
  });
  return router;
}
