import type { RequestHandler } from 'express';
import type { Queryable } from '../db.js';
import { ApiError } from '../http/api-error.js';
import { sendJson } from '../http/send-json.js';
import { parseListQuery, type ListQuery } from '../list/list-query.js';
import { buildListSql, type ListSql } from '../list/list-sql.js';
import { runList } from '../list/run-list.js';
import { selectById } from '../queries/select-by-id.js';
import { primaryKeySchema, type ResourceDef } from '../resources/index.js';

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
  const parsed = primaryKeySchema(resource, 'id').safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['id', ...issue.path] }));
    throw new ApiError('invalid_request', 'Invalid path parameter', issues);
  }
  return parsed.data;
}

interface Target {
  readonly resource: ResourceDef;
  readonly load: DetailLoader;
  /** Validated query and its SQL by raw query string: hot first pages repeat; cursor pages are not kept. */
  readonly memo: Map<string, { readonly query: ListQuery; readonly sql: ListSql }>;
}

/** Entries kept per resource before the memo starts over. */
const MEMO_SIZE = 256;

/**
 * One middleware serving `GET`/`HEAD <path>` (listing) and `<path>/:id` (one row) for every path of every resource,
 * with the matching rules of Express routes (case-insensitive, one optional trailing slash, `:id` is one
 * percent-decoded segment; a path may have several segments, as `/fraud/alerts`), found by a `Map` lookup instead of walking one Express route per path: the data routes are
 * the hot path, and each Express layer walked costs microseconds. Anything else goes to `next()`. A listing's
 * validated query and SQL are memoised by raw query string (up to 256 per resource; never for cursor pages), since
 * zod parsing plus SQL building is ~15–20 µs that a repeated first page need not pay.
 *
 * @example
 * ```ts
 * app.use(resourceDispatcher(RESOURCES, () => pool, new Map([[ordersResource, (db, id) => loadOrderDetail(db, Number(id))]])));
 * ```
 */
export function resourceDispatcher(
  resources: readonly ResourceDef[],
  db: () => Queryable,
  details: ReadonlyMap<ResourceDef, DetailLoader> = new Map(),
): RequestHandler {
  const targets = new Map<string, Target>();
  for (const resource of resources) {
    const load: DetailLoader = details.get(resource) ?? ((conn, id) => selectById(conn, resource, id));
    const target: Target = { resource, load, memo: new Map() };
    for (const path of resource.paths) targets.set(path.toLowerCase(), target);
  }
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path = req.path;
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    // A listing path may have several segments (`/fraud/alerts`); a detail path is a listing path and one more.
    const list = targets.get(path.toLowerCase());
    if (list) {
      // The raw query string determines req.query, hence the validated query and the SQL: parse and build once.
      const mark = req.url.indexOf('?');
      const key = mark === -1 ? '' : req.url.slice(mark + 1);
      let hit = list.memo.get(key);
      if (hit === undefined) {
        const query = parseListQuery(list.resource, req.query);
        hit = { query, sql: buildListSql(list.resource, query) };
        if (query.cursor === undefined) {
          if (list.memo.size >= MEMO_SIZE) list.memo.clear();
          list.memo.set(key, hit);
        }
      }
      sendJson(res, 200, await runList(db(), list.resource, hit.query, hit.sql));
      return;
    }
    const slash = path.lastIndexOf('/');
    const target = slash > 0 ? targets.get(path.slice(0, slash).toLowerCase()) : undefined;
    const raw = path.slice(slash + 1);
    if (!target || raw === '') return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      throw new ApiError('invalid_request', 'Bad request');
    }
    const id = parseId(target.resource, decoded);
    const row = await target.load(db(), id);
    if (row === null) throw new ApiError('not_found', `${target.resource.noun} ${String(id)} not found`);
    sendJson(res, 200, { data: row });
  };
}
