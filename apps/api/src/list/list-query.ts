import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import { hintOf, type FilterDef, type ResourceDef } from '../resources/index.js';
import { decodeCursor, type Cursor } from './cursor.js';

/**
 * Largest `limit` a listing accepts.
 *
 * @example
 * ```ts
 * MAX_LIMIT; // 500
 * ```
 */
export const MAX_LIMIT = 500;

/**
 * `limit` when none is given.
 *
 * @example
 * ```ts
 * DEFAULT_LIMIT; // 50
 * ```
 */
export const DEFAULT_LIMIT = 50;

/**
 * A validated listing request.
 *
 * @example
 * ```ts
 * const q: ListQuery = parseListQuery(ordersResource, { status: 'paid', sort: '-order_date' });
 * q.sort; // { key: '-order_date', column: 'order_date', direction: 'desc' }
 * ```
 */
export interface ListQuery {
  readonly limit: number;
  /** Present in offset mode (the response then carries `total`). */
  readonly offset?: number;
  /** Present when continuing from a previous page's `next_cursor`. */
  readonly cursor?: Cursor;
  readonly sort: { readonly key: string; readonly column: string; readonly direction: 'asc' | 'desc' };
  readonly filters: readonly { readonly def: FilterDef; readonly value: unknown }[];
}

/**
 * The `limit` and `offset` query parameters every paged route shares (listings and analytics).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * z.strictObject({ ...PAGING_PARAMS }).parse({ limit: '10' }); // { limit: 10 }
 * ```
 */
export const PAGING_PARAMS = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(DEFAULT_LIMIT)
    .meta({ description: `Page size, 1 to ${MAX_LIMIT}.` }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .meta({
      description: 'Rows to skip (offset pagination; the page then includes `total`). Not with `cursor`.',
      type: 'integer', // z.coerce accepts null (Number(null) is 0), which the generator would document as nullable
    })
    .optional(),
};

const schemas = new WeakMap<ResourceDef, z.ZodObject>();

/**
 * The strict zod schema of a resource's query string: `limit`, `offset`, `cursor`, `sort` and its filters. Unknown
 * keys are refused. The same schema documents the parameters in OpenAPI.
 *
 * @example
 * ```ts
 * listQuerySchema(productsResource).safeParse({ active: 'maybe' }).success; // false
 * ```
 */
export function listQuerySchema(resource: ResourceDef): z.ZodObject {
  const cached = schemas.get(resource);
  if (cached) return cached;
  const sortKeys = resource.sortable.flatMap((column) => [column, `-${column}`]) as [string, ...string[]];
  const shape: Record<string, z.ZodType> = {
    ...PAGING_PARAMS,
    cursor: z
      .string()
      .max(2000)
      .meta({ description: '`page.next_cursor` of the previous page (keyset pagination, same `sort`).' })
      .optional(),
    sort: z
      .enum(sortKeys)
      .default(resource.defaultSort)
      .meta({ description: 'Sort column; prefix `-` for descending. The primary key breaks ties.' }),
  };
  for (const filter of resource.filters) shape[filter.param] = filter.schema.optional();
  const schema = z.strictObject(shape);
  schemas.set(resource, schema);
  return schema;
}

/**
 * Validates a listing's query string. Throws {@link ApiError} `invalid_request` (400) carrying the zod issues.
 *
 * @example
 * ```ts
 * parseListQuery(ordersResource, { limit: '10', customer_id: '7' }).limit; // 10
 * parseListQuery(ordersResource, { limit: '0' }); // throws ApiError 400 with issues[0].path ['limit']
 * ```
 */
export function parseListQuery(resource: ResourceDef, raw: unknown): ListQuery {
  const parsed = listQuerySchema(resource).safeParse(raw ?? {});
  if (!parsed.success) throw new ApiError('invalid_request', 'Invalid query parameters', parsed.error.issues);
  const data = parsed.data as Record<string, unknown> & {
    limit: number;
    offset?: number;
    cursor?: string;
    sort: string;
  };
  const descending = data.sort.startsWith('-');
  const column = descending ? data.sort.slice(1) : data.sort;
  const sort = { key: data.sort, column, direction: descending ? 'desc' : 'asc' } as const;
  let cursor: Cursor | undefined;
  if (data.cursor !== undefined) {
    if (data.offset !== undefined) {
      throw invalid(['offset'], 'Use either offset or cursor, not both');
    }
    const table = resource.table;
    const decoded = decodeCursor(
      data.cursor,
      data.sort,
      hintOf(table, column),
      hintOf(table, table.primaryKey),
    );
    if (!decoded.ok) throw invalid(['cursor'], decoded.message);
    cursor = decoded.cursor;
  }
  const filters = resource.filters
    .filter((def) => data[def.param] !== undefined)
    .map((def) => ({ def, value: data[def.param] }));
  return { limit: data.limit, offset: data.offset, cursor, sort, filters };
}

function invalid(path: string[], message: string): ApiError {
  return new ApiError('invalid_request', 'Invalid query parameters', [
    { code: 'custom', path, message, input: undefined },
  ]);
}
