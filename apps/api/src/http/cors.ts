import type { RequestHandler } from 'express';

/**
 * CORS for a read-only API (the original allowed configured origins): a request whose `Origin` is in `origins` (or
 * any origin with `*`) gets `Access-Control-Allow-Origin`; a preflight `OPTIONS` gets 204 with the allowed method
 * and headers (`Authorization` among them, for the bearer token). With no origins configured nothing is added.
 *
 * @example
 * ```ts
 * app.use(cors(['http://localhost:3000'])); // from CORS_ORIGINS=http://localhost:3000
 * ```
 */
export function cors(origins: readonly string[]): RequestHandler {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origins.length === 0 || typeof origin !== 'string' || !(any || allowed.has(origin))) {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
    if (!any) res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'x-request-id');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
