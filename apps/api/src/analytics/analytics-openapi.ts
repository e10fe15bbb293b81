import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { MartColumn } from '@ecom/lakehouse';
import { z } from 'zod';
import { analyticsQuerySchema } from './analytics-query.js';
import { ANALYTICS_ROUTES, type AnalyticsRoute } from './analytics-routes.js';
import { analyticsColumns } from './analytics-sql.js';

const componentName = (route: AnalyticsRoute) =>
  route.operationId.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());

function columnSchema(column: MartColumn): z.ZodType {
  if (column.type === 'BIGINT') return z.int();
  if (column.type === 'BOOLEAN') return z.boolean();
  if (column.type === 'DATE') return z.iso.date();
  if (column.type === 'TIMESTAMP(6)') return z.iso.datetime().meta({ description: 'UTC, with microseconds' });
  if (column.type.startsWith('DECIMAL')) {
    const scale = Number(/DECIMAL\(38, (\d+)\)/.exec(column.type)?.[1] ?? 0);
    return z
      .string()
      .regex(new RegExp(`^-?\\d+\\.\\d{${scale}}$`))
      .meta({ description: `exact decimal string, ${scale} fraction digits`, example: '125980000.00' });
  }
  return z.string();
}

/**
 * The row schema of an analytics route, from its mart's columns (money and ratios as exact decimal strings);
 * every column but the key and `analysis_date` may be null.
 *
 * @example
 * ```ts
 * analyticsRowSchema(ANALYTICS_ROUTES[0]!).shape.total_revenue; // a pattern-checked string, nullable
 * ```
 */
export function analyticsRowSchema(route: AnalyticsRoute): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const column of analyticsColumns(route)) {
    const schema = columnSchema(column);
    shape[column.name] =
      column.name === route.key || column.name === 'analysis_date' ? schema : schema.nullable();
  }
  return z.object(shape).meta({ id: componentName(route) });
}

/**
 * Registers every analytics route in the OpenAPI registry: its query parameters (the schema that validates
 * them), its page shape and its errors (400, 404 for an analysis date never built, 503).
 *
 * @example
 * ```ts
 * import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
 * import { z } from 'zod';
 * registerAnalyticsPaths(new OpenAPIRegistry(), { error: z.object({}), page: z.object({}) });
 * ```
 */
export function registerAnalyticsPaths(
  registry: OpenAPIRegistry,
  shared: { readonly error: z.ZodType; readonly page: z.ZodType },
): void {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: shared.error } },
  });
  for (const route of ANALYTICS_ROUTES) {
    registry.registerPath({
      method: 'get',
      path: route.path,
      operationId: `analytics_${route.operationId}`,
      tags: ['analytics'],
      summary: route.summary,
      description:
        `The \`${route.mart.name}\` mart (\`npm run lake -- marts build\`) read through Trino, one analysis date per ` +
        `answer (the latest built unless \`analysis_date\` is given), sorted by \`${route.key}\`.`,
      request: { query: analyticsQuerySchema(route) },
      responses: {
        200: {
          description: 'One page',
          content: {
            'application/json': {
              schema: z.object({
                data: z.array(analyticsRowSchema(route)),
                analysis_date: z.iso.date(),
                page: shared.page,
              }),
            },
          },
        },
        400: error('Invalid parameters (zod issues)'),
        404: error('The mart has no build for this analysis_date'),
        503: error('No Trino configured, Trino unreachable, or the mart was never built'),
      },
    });
  }
}
