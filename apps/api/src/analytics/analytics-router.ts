import { Router } from 'express';
import { requestLog } from '../http/request-logger.js';
import { sendJson } from '../http/send-json.js';
import { parseAnalyticsQuery } from './analytics-query.js';
import { ANALYTICS_ROUTES } from './analytics-routes.js';
import { runAnalytics, type AnalyticsSource } from './run-analytics.js';

/**
 * `GET /analytics/revenue/monthly`, `/analytics/revenue/daily`, `/analytics/products/top`, `/analytics/categories`
 * and `/analytics/customers/segments`: the marts `npm run lake -- marts build` writes, read through Trino. Paged
 * like the listings (`limit`, `cursor` or `offset`), one analysis date per answer (`analysis_date=`, default the
 * latest built). `source` throws the 503 when no Trino is configured; a Trino failure or a mart never built is a
 * 503 too, an unknown analysis date a 404, a bad parameter a 400.
 *
 * @example
 * ```ts
 * declare const source: AnalyticsSource;
 * app.use(analyticsRouter(() => source));
 * ```
 */
export function analyticsRouter(source: () => AnalyticsSource): Router {
  const router = Router();
  for (const route of ANALYTICS_ROUTES) {
    router.get(route.path, async (req, res) => {
      const query = parseAnalyticsQuery(route, req.query);
      const body = await runAnalytics(source(), route, query, (err) =>
        requestLog(req).error({ err }, 'trino failed'),
      );
      sendJson(res, 200, body);
    });
  }
  return router;
}
