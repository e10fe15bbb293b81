import { PRESTO_CHECK_INTERVAL_MS, prestoTrino } from '@ecom/lakehouse/adapters';
import presto from 'presto-client';
import type { AnalyticsSource } from './run-analytics.js';

/**
 * The Trino settings of the analytics routes (the api's `TRINO_*` keys); `url` undefined turns the routes off.
 *
 * @example
 * ```ts
 * const trino: AnalyticsTrinoConfig = { url: 'http://127.0.0.1:18080', catalog: 'lake', schema: 'marts', user: 'ecom-api' };
 * ```
 */
export interface AnalyticsTrinoConfig {
  readonly url: string | undefined;
  readonly catalog: string;
  readonly schema: string;
  readonly user: string;
}

/**
 * The analytics source on a real Trino: `@ecom/lakehouse`'s `prestoTrino` port on a presto-client (`engine:
 * 'trino'`), the same adapter as `npm run lake`. Nothing connects until a request; `undefined` when no `url`.
 *
 * @example
 * ```ts
 * const source = analyticsSourceFromConfig({ url: 'http://127.0.0.1:18080', catalog: 'lake', schema: 'marts', user: 'ecom-api' });
 * await source?.trino.query('SELECT 1'); // [[1]]
 * ```
 */
export function analyticsSourceFromConfig(config: AnalyticsTrinoConfig): AnalyticsSource | undefined {
  if (config.url === undefined) return undefined;
  const url = new URL(config.url);
  const client = new presto.Client({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    user: config.user,
    engine: 'trino',
    catalog: config.catalog,
    checkInterval: PRESTO_CHECK_INTERVAL_MS,
  });
  return {
    trino: prestoTrino(client, `${config.url} (TRINO_URL)`),
    marts: { catalog: config.catalog, schema: config.schema },
  };
}
