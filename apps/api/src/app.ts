import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { ServingStore } from '@ecom/recommendations';
import { analyticsRouter } from './analytics/analytics-router.js';
import type { AnalyticsSource } from './analytics/run-analytics.js';
import type { Queryable } from './db.js';
import { accessControl, type AccessTokens } from './http/access.js';
import { documentAccess } from './http/access-openapi.js';
import { ApiError } from './http/api-error.js';
import { dashboardRouter } from './dashboard/dashboard-router.js';
import type { PipelineCounters } from './dashboard/dashboard-types.js';
import { cors } from './http/cors.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { createLogger, requestLogger } from './http/request-logger.js';
import { buildOpenApiDocument } from './openapi.js';
import { loadOrderDetail } from './queries/order-detail.js';
import { recommendationsRouter } from './recommendations/recommendations-router.js';
import { RESOURCES, ordersResource } from './resources/index.js';
import { docsRouter } from './routes/docs.router.js';
import { metaRouter } from './routes/meta.router.js';
import { resourceDispatcher } from './routes/resource-dispatcher.js';
import { API_VERSION } from './version.js';

/**
 * What the HTTP layer needs from the outside world. Tests pass a test database (or a fake); main.ts passes the pool.
 *
 * @example
 * ```ts
 * const deps: ApiDeps = { db: pool, readiness: { postgres: pingPostgres(pool) }, logger };
 * ```
 */
export interface ApiDeps {
  /** Where listings and details are read from. Without it, data routes answer 503. */
  readonly db?: Queryable;
  /** Readiness probes by name (e.g. `postgres` → `SELECT 1`); each resolves when the dependency is usable. */
  readonly readiness?: Record<string, () => Promise<void>>;
  /** Structured logger; defaults to a silent one. */
  readonly logger?: Logger;
  /** True once shutdown began: `/readyz` then answers 503 so load balancers stop routing here. */
  readonly isDraining?: () => boolean;
  /**
   * `API_TOKEN` (and `API_PII_TOKEN`): every route but the public ones then needs a bearer token, and personal data
   * is masked unless it is the personal-data token (`accessControl`). Without it, local mode: no access control.
   */
  readonly access?: AccessTokens;
  /** Origins allowed by CORS (`*` for any); none by default. */
  readonly corsOrigins?: readonly string[];
  /** Where the recommendation routes read (Redis or PostgreSQL, see main.ts). Without it, they answer 503. */
  readonly recommendations?: ServingStore;
  /**
   * The dashboard's options: `counters` gives the in-process jobs' dead letters and late events (an `npm start`
   * composition); `pollIntervalMs` how often its poller reads PostgreSQL while a page is open (default 1000).
   */
  readonly dashboard?: {
    readonly counters?: () => PipelineCounters | null;
    readonly pollIntervalMs?: number;
  };
  /** Where the analytics routes read the marts (Trino). Without it, they answer 503. */
  readonly analytics?: AnalyticsSource;
}

/**
 * Builds the Express application without binding a port, so tests can drive it with supertest.
 *
 * - Data: `GET /customers`, `/products`, `/categories`, `/orders` (`/order`), `/order_items` (`/order_item`),
 *   `/payments` (`/payment`), `/shipments`, `/carts` (`/cart`), `/wishlist` (`/wishlists`), `/customer_events`,
 *   `/fraud/alerts`, `/fraud/rules` (the fraud job's tables), each with `/:id`; `/orders/:id` includes items,
 *   payment and shipment.
 * - Recommendations: `GET /recommendations/:customerId`, `/products/:id/similar`, `/products/trending`.
 * - Dashboard: `GET /dashboard` (the page), `GET /dashboard/events` (server-sent events over PostgreSQL).
 * - Analytics (the lake's marts through Trino): `GET /analytics/revenue/monthly`, `/analytics/revenue/daily`,
 *   `/analytics/products/top`, `/analytics/categories`, `/analytics/customers/segments`.
 * - Docs: `GET /docs` (Swagger UI), `GET /openapi.json`.
 * - Operations: `GET /`, `/health`, `/healthz` (liveness), `/readyz` (probes; 503 while draining).
 * - Errors: JSON everywhere; 400 with zod issues, 404 for unknown ids and routes.
 * - Access (with `deps.access`): 401 without the bearer token on every route but the health checks, the docs and
 *   the dashboard's static shell; personal data masked unless the token is the personal-data one.
 *
 * @example
 * ```ts
 * const app = createApp({ db: pool, readiness: { postgres: pingPostgres(pool) } });
 * app.listen(8000);
 * ```
 */
export function createApp(deps: ApiDeps = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogger(deps.logger ?? createLogger('silent')));
  if ((deps.corsOrigins ?? []).length > 0) app.use(cors(deps.corsOrigins ?? []));
  // After CORS (preflights carry no credentials), before every route (unknown ones too: 401, not 404).
  if (deps.access) app.use(accessControl(deps.access));
  const db = (): Queryable => {
    if (!deps.db) throw new ApiError('unavailable', 'No database configured');
    return deps.db;
  };
  const store = (): ServingStore => {
    if (!deps.recommendations) throw new ApiError('unavailable', 'No recommendations store configured');
    return deps.recommendations;
  };
  const analytics = (): AnalyticsSource => {
    if (!deps.analytics) throw new ApiError('unavailable', 'No Trino configured for analytics (TRINO_URL)');
    return deps.analytics;
  };
  // Before the dispatcher, which would read /products/trending as a product id.
  app.use(recommendationsRouter(store));
  app.use(analyticsRouter(analytics));
  // Data routes first: they are the hot path, served by one Map-dispatching middleware.
  app.use(
    resourceDispatcher(
      RESOURCES,
      db,
      new Map([[ordersResource, (conn, id) => loadOrderDetail(conn, Number(id))]]),
    ),
  );
  app.use(
    dashboardRouter({
      db,
      logger: deps.logger,
      isDraining: deps.isDraining,
      ...deps.dashboard,
    }),
  );
  app.use(
    metaRouter({
      version: API_VERSION,
      readiness: deps.readiness ?? {},
      isDraining: deps.isDraining ?? (() => false),
    }),
  );
  // The access rules go on the whole document, whoever registered its paths.
  app.use(docsRouter(documentAccess(buildOpenApiDocument(RESOURCES, API_VERSION))));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
