import { Router, type Request } from 'express';
import type { Queryable } from '../db.js';
import { ApiError } from '../http/api-error.js';
import { param } from '../list/param-schemas.js';
import { parseListQuery } from '../list/list-query.js';
import { runList } from '../list/run-list.js';
import { selectById } from '../queries/select-by-id.js';
import { hintOf, type ResourceDef } from '../resources/index.js';

/**
 * Loads one resource by its validated id; `null` means 404.
 *
 * @example
 * ```ts
 * const loader: DetailLoader = (db, id) => loadOrderDetail(db, Number(id));
 * ```
 */
export type DetailLoader = (db: Queryable, id: number | string) => Promise<Record<string, unknown> | null>;

/**
 * Validates the `:id` path parameter for a resource's primary key (int4, or int8 as a string).
 *
 * @example
 * ```ts
 * parseId(ordersResource, '42'); // 42
 * parseId(ordersResource, 'abc'); // throws ApiError 400
 * ```
 */
export function parseId(resource: ResourceDef, raw: unknown): number | string {
  const pk = hintOf(resource.table, resource.table.primaryKey);
  const schema = pk.kind === 'bigint' ? param.bigId('id') : param.id('id');
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['id', ...issue.path] }));
    throw new ApiError('invalid_request', 'Invalid path parameter', issues);
  }
  return parsed.data;
}

/**
 * Adds `GET <path>` (listing) and `GET <path>/:id` (one row) for every path of a resource to `router` (a new one by
 * default; the app puts every resource on one router so a request walks a single route table).
 *
 * @example
 * ```ts
 * app.use(resourceRouter(ordersResource, () => pool, (db, id) => loadOrderDetail(db, Number(id))));
 * ```
 */
export function resourceRouter(
  resource: ResourceDef,
  db: () => Queryable,
  detail?: DetailLoader,
  router: Router = Router(),
): Router {
  const load: DetailLoader = detail ?? ((conn, id) => selectById(conn, resource, id));
  for (const path of resource.paths) {
    router.get(path, async (req: Request, res) => {
      const query = parseListQuery(resource, req.query);
      res.json(await runList(db(), resource, query));
    });
    router.get(`${path}/:id`, async (req: Request<{ id: string }>, res) => {
      const id = parseId(resource, req.params.id);
      const row = await load(db(), id);
      if (row === null) throw new ApiError('not_found', `${resource.noun} ${String(id)} not found`);
      res.json({ data: row });
    });
  }
  return router;
}
