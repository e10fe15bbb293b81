import { z } from 'zod';
import { param } from '../list/param-schemas.js';

/** The most items one request may ask for (what `npm run recs -- publish` stores per list by default). */
export const MAX_K = 50;

const k = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_K)
  .default(10)
  .meta({ description: `How many items (1–${MAX_K}, default 10)` });

/**
 * Path and query schemas of the recommendation routes (they validate requests and document them in OpenAPI).
 *
 * @example
 * ```ts
 * recommendationSchemas.customerQuery.parse({ k: '5' }); // { k: 5, include_bought: false }
 * ```
 */
export const recommendationSchemas = {
  customerParams: z.object({ customerId: param.id('Customer id') }),
  customerQuery: z.strictObject({
    k,
    include_bought: param
      .bool('Also return products the customer already bought (default false)')
      .default(false),
  }),
  productParams: z.object({ id: param.id('Product id') }),
  listQuery: z.strictObject({ k }),
  trendingQuery: z.strictObject({
    k,
    category_id: param.id('Category id; omit for the whole shop').optional(),
  }),
};

const item = z
  .object({
    product_id: z.int(),
    score: z.number().meta({ description: 'Higher is better; comparable within one list only' }),
    reason: z
      .enum(['als', 'co_purchase', 'trending', 'popular', 'category_popular', 'category_neighbour'])
      .meta({
        description:
          'Why it was chosen: ALS (matrix factorisation of the interactions), co-purchase (bought together), ' +
          'trending (growth over the previous week), popular (global popularity), category_popular (popular in ' +
          "the customer's categories), category_neighbour (same category, for a product without interactions)",
      }),
    bought: z
      .boolean()
      .optional()
      .meta({ description: 'Customer lists only: already bought by the customer' }),
  })
  .meta({ id: 'RecommendedItem' });

/**
 * Response shapes of the recommendation routes.
 *
 * @example
 * ```ts
 * recommendationResponses.customer.shape.data.shape.model_id; // z.string()
 * ```
 */
export const recommendationResponses = {
  customer: z.object({
    data: z.object({
      customer_id: z.int(),
      model_id: z.string(),
      source: z.enum(['personal', 'popular']).meta({
        description:
          'personal: the customer’s published list; popular: none was published for them (cold start)',
      }),
      items: z.array(item),
    }),
  }),
  similar: z.object({ data: z.object({ product_id: z.int(), model_id: z.string(), items: z.array(item) }) }),
  trending: z.object({
    data: z.object({ category_id: z.int().nullable(), model_id: z.string(), items: z.array(item) }),
  }),
};
