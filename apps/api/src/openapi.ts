import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { registerAnalyticsPaths } from './analytics/analytics-openapi.js';
import { API_ERROR_STATUS } from './http/api-error.js';
import { listQuerySchema } from './list/list-query.js';
import { recommendationResponses, recommendationSchemas } from './recommendations/recommendation-schemas.js';
import {
  primaryKeySchema,
  orderItemsResource,
  paymentsResource,
  shipmentsResource,
  type ResourceDef,
} from './resources/index.js';

const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(API_ERROR_STATUS) as [keyof typeof API_ERROR_STATUS]),
      message: z.string(),
      issues: z
        .array(
          z.object({
            code: z.string(),
            path: z.array(z.union([z.string(), z.number()])),
            message: z.string(),
          }),
        )
        .optional()
        .meta({ description: 'zod issues, one per bad parameter' }),
    }),
  })
  .meta({ id: 'Error' });

const pageSchema = z
  .object({
    limit: z.int(),
    offset: z.int().optional().meta({ description: 'offset mode only' }),
    total: z.int().optional().meta({ description: 'offset mode only: rows matching the filters' }),
    next_cursor: z
      .string()
      .nullable()
      .optional()
      .meta({ description: 'cursor mode only: pass as ?cursor= for the next page; null on the last page' }),
  })
  .meta({ id: 'Page' });

const errorResponses = {
  400: {
    description: 'Invalid parameters (zod issues)',
    content: { 'application/json': { schema: errorSchema } },
  },
  503: { description: 'Database unavailable', content: { 'application/json': { schema: errorSchema } } },
};

/**
 * The detail shape of an order: the order row plus its items, payment and shipment.
 *
 * @example
 * ```ts
 * orderDetailSchema(ordersResource.rowSchema).shape.items; // z.array(OrderItem)
 * ```
 */
export function orderDetailSchema(order: z.ZodObject): z.ZodObject {
  return order
    .extend({
      items: z.array(orderItemsResource.rowSchema),
      payment: z.union([paymentsResource.rowSchema, z.null()]),
      shipment: z.union([shipmentsResource.rowSchema, z.null()]),
    })
    .meta({ id: 'OrderDetail' });
}

const operationName = (path: string): string => path.replace(/^\//, '').replace(/[^A-Za-z0-9]+/g, '_');

/**
 * Generates the OpenAPI 3.1 document from the same zod schemas that validate requests (query strings, ids) and
 * describe rows (the `@ecom/domain` schemas). Every operation id is unique (the original repeated `get_categories`).
 *
 * @example
 * ```ts
 * const doc = buildOpenApiDocument(RESOURCES, '0.1.0');
 * doc.paths?.['/orders/{id}']?.get?.operationId; // 'get_orders'
 * ```
 */
export function buildOpenApiDocument(resources: readonly ResourceDef[], version: string) {
  const registry = new OpenAPIRegistry();
  for (const resource of resources) {
    const [canonical] = resource.paths;
    const itemSchema =
      resource.name === 'orders' ? orderDetailSchema(resource.rowSchema) : resource.rowSchema;
    const idSchema = primaryKeySchema(resource, 'Primary key');
    for (const path of resource.paths) {
      const alias = path !== canonical;
      const suffix = alias ? ` (alias of ${canonical})` : '';
      registry.registerPath({
        method: 'get',
        path,
        operationId: `list_${operationName(path)}`,
        tags: [resource.name],
        summary: `List ${resource.name}${suffix}`,
        description: resource.description,
        request: { query: listQuerySchema(resource) },
        responses: {
          200: {
            description: 'One page',
            content: {
              'application/json': {
                schema: z.object({ data: z.array(resource.rowSchema), page: pageSchema }),
              },
            },
          },
          ...errorResponses,
        },
      });
      registry.registerPath({
        method: 'get',
        path: `${path}/{id}`,
        operationId: `get_${operationName(path)}`,
        tags: [resource.name],
        summary: `One ${resource.noun}${suffix}`,
        request: { params: z.object({ id: idSchema }) },
        responses: {
          200: {
            description: 'Found',
            content: { 'application/json': { schema: z.object({ data: itemSchema }) } },
          },
          404: { description: 'Unknown id', content: { 'application/json': { schema: errorSchema } } },
          ...errorResponses,
        },
      });
    }
  }
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'healthz',
    tags: ['operations'],
    summary: 'Liveness',
    responses: { 200: { description: 'The process is up' } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'readyz',
    tags: ['operations'],
    summary: 'Readiness: PostgreSQL reachable and not draining',
    responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready or draining' } },
  });
  registry.registerPath({
    method: 'get',
    path: '/health',
    operationId: 'health',
    tags: ['operations'],
    summary: "The original's static health check",
    responses: { 200: { description: '{"status":"healthy"}' } },
  });
  registry.registerPath({
    method: 'get',
    path: '/dashboard',
    operationId: 'dashboard',
    tags: ['dashboard'],
    summary: 'The live dashboard (HTML page; its data comes from /dashboard/events)',
    responses: { 200: { description: 'The page', content: { 'text/html': { schema: z.string() } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/dashboard/events',
    operationId: 'dashboard_events',
    tags: ['dashboard'],
    summary:
      "Server-sent events: the jobs' outputs in PostgreSQL (revenue, top products, fraud alerts, health)",
    description:
      'A `snapshot` event first (the whole current state), then `revenue` (windows upserted/removed), ' +
      '`top-products`, `alerts` (new ones, newest first), `health` (every poll) and `status` (database errors). ' +
      'Heartbeat comments every 15 s. Every connection starts with a fresh snapshot.',
    responses: {
      200: { description: 'The stream', content: { 'text/event-stream': { schema: z.string() } } },
      503: errorResponses[503],
    },
  });
  const recommendationPaths = [
    {
      path: '/recommendations/{customerId}',
      operationId: 'get_recommendations',
      summary: "A customer's recommendations, with the model id and why each item was chosen",
      description:
        'Published by `npm run recs -- publish`: the served blend (ALS, co-purchase, category popularity) per ' +
        'customer; customers without a list get the popular list. Already-bought products are excluded unless ' +
        '`include_bought=true`. 503 until a model is published.',
      request: { params: recommendationSchemas.customerParams, query: recommendationSchemas.customerQuery },
      schema: recommendationResponses.customer,
    },
    {
      path: '/products/{id}/similar',
      operationId: 'get_products_similar',
      summary: 'Products similar to one: co-purchase, then ALS factor cosine, then category neighbours',
      description: '404 for a product without a published list.',
      request: { params: recommendationSchemas.productParams, query: recommendationSchemas.listQuery },
      schema: recommendationResponses.similar,
    },
    {
      path: '/products/trending',
      operationId: 'get_products_trending',
      summary: 'Trending products (activity growth over the previous week), shop-wide or in one category',
      request: { query: recommendationSchemas.trendingQuery },
      schema: recommendationResponses.trending,
    },
  ];
  for (const route of recommendationPaths) {
    registry.registerPath({
      method: 'get',
      path: route.path,
      operationId: route.operationId,
      tags: ['recommendations'],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      request: route.request,
      responses: {
        200: { description: 'The list', content: { 'application/json': { schema: route.schema } } },
        ...(route.path === '/products/{id}/similar'
          ? {
              404: {
                description: 'No list for the product',
                content: { 'application/json': { schema: errorSchema } },
              },
            }
          : {}),
        400: errorResponses[400],
        503: {
          description: 'No store configured or nothing published yet',
          content: { 'application/json': { schema: errorSchema } },
        },
      },
    });
  }
  registerAnalyticsPaths(registry, { error: errorSchema, page: pageSchema });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: '@ecom API',
      version,
      description:
        'Real-time customer behavior recommendation platform API: read-only REST over the shop database ' +
        'and, under /analytics, the lake marts through Trino. ' +
        'Money is an exact decimal string; timestamps are ISO-8601 UTC.',
    },
  });
}
