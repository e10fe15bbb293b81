import { ALL_CATEGORIES, type ServedItem, type ServedList, type ServingStore } from '@ecom/recommendations';
import { Router, type Request } from 'express';
import type { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import { sendJson } from '../http/send-json.js';
import { recommendationSchemas } from './recommendation-schemas.js';

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError('invalid_request', `Invalid ${where}`, parsed.error.issues);
  return parsed.data;
}

const item = (i: ServedItem) => ({
  product_id: i.productId,
  score: i.score,
  reason: i.reason,
  ...(i.bought === undefined ? {} : { bought: i.bought }),
});

/**
 * `GET /recommendations/:customerId?k=10&include_bought=false`, `GET /products/:id/similar?k=10` and
 * `GET /products/trending?category_id=&k=10`, served from the serving store that `npm run recs -- publish` fills.
 * A customer without a published list gets the popular list (`source: "popular"`); already-bought items are dropped
 * unless `include_bought=true`. 503 when no store is configured or nothing was published yet; 404 for a product
 * without a similar list. Mount it before the resource dispatcher (which owns `/products/:id`).
 *
 * @example
 * ```ts
 * declare const store: PgServingStore;
 * app.use(recommendationsRouter(() => store));
 * ```
 */
export function recommendationsRouter(store: () => ServingStore): Router {
  const router = Router();
  const nothingPublished = async (s: ServingStore): Promise<never | string> => {
    const active = await s.activeModel();
    if (!active)
      throw new ApiError('unavailable', 'No recommendations published yet (npm run recs -- publish)');
    return active.modelId;
  };
  router.get('/recommendations/:customerId', async (req: Request, res) => {
    const { customerId } = parse(recommendationSchemas.customerParams, req.params, 'path parameter');
    const query = parse(recommendationSchemas.customerQuery, req.query, 'query');
    const s = store();
    let source: 'personal' | 'popular' = 'personal';
    let list: ServedList | null = await s.list('customer', customerId);
    if (list === null) {
      source = 'popular';
      list = await s.list('popular', ALL_CATEGORIES);
    }
    if (list === null) await nothingPublished(s);
    const items: ReturnType<typeof item>[] = [];
    for (const i of list?.items ?? []) {
      if (items.length >= query.k) break;
      if (i.bought && !query.include_bought) continue;
      items.push(item(i));
    }
    sendJson(res, 200, { data: { customer_id: customerId, model_id: list?.modelId, source, items } });
  });
  router.get('/products/trending', async (req, res) => {
    const query = parse(recommendationSchemas.trendingQuery, req.query, 'query');
    const s = store();
    const list = await s.list('trending', query.category_id ?? ALL_CATEGORIES);
    const modelId = list?.modelId ?? (await nothingPublished(s));
    sendJson(res, 200, {
      data: {
        category_id: query.category_id ?? null,
        model_id: modelId,
        items: (list?.items ?? []).slice(0, query.k).map(item),
      },
    });
  });
  router.get('/products/:id/similar', async (req: Request, res) => {
    const { id } = parse(recommendationSchemas.productParams, req.params, 'path parameter');
    const query = parse(recommendationSchemas.listQuery, req.query, 'query');
    const s = store();
    const list = await s.list('similar', id);
    if (list === null) {
      await nothingPublished(s);
      throw new ApiError('not_found', `product ${id} has no similar products published`);
    }
    sendJson(res, 200, {
      data: { product_id: id, model_id: list.modelId, items: list.items.slice(0, query.k).map(item) },
    });
  });
  return router;
}
