import express, { type Express } from 'express';

/** What the HTTP layer needs from the outside world. Tests pass fakes; main.ts passes real clients. */
export interface ApiDeps {
  /** Readiness probes by name (e.g. `postgres` → `SELECT 1`); each resolves when the dependency is usable. */
  readonly readiness?: Record<string, () => Promise<void>>;
}

/**
 * Builds the Express application without binding a port, so tests can drive it with supertest.
 *
 * - `GET /healthz` → 200 `{ status: 'ok' }` while the process is alive.
 * - `GET /readyz` → 200 when every readiness probe resolves, else 503 with the failing probes.
 *
 * @example
 * const app = createApp({ readiness: { postgres: () => pool.query('SELECT 1').then(() => undefined) } });
 * app.listen(3000);
 */
export function createApp(deps: ApiDeps = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const probes = Object.entries(deps.readiness ?? {});
    const results = await Promise.all(
      probes.map(async ([name, probe]) => {
        try {
          await probe();
          return [name, { ok: true }] as const;
        } catch (err) {
          return [name, { ok: false, error: err instanceof Error ? err.message : String(err) }] as const;
        }
      }),
    );
    const ready = results.every(([, r]) => r.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(results) });
  });
  return app;
}
