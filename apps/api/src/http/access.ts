import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from './api-error.js';
import { maskPersonalDataIn, PERSONAL_DATA_FIELDS } from './personal-data.js';
import { sendJson, responseJson } from './send-json.js';

/**
 * The tokens of a protected API (`API_TOKEN`, `API_PII_TOKEN`). Without them (local mode) there is no access
 * control at all: see the README's Access section.
 *
 * @example
 * ```ts
 * const tokens: AccessTokens = { token: 'a'.repeat(32), personalDataToken: 'b'.repeat(32) };
 * ```
 */
export interface AccessTokens {
  /** Every route but the public ones needs `Authorization: Bearer <token>`; it sees personal data masked. */
  readonly token: string;
  /** Also accepted everywhere, and sees personal data unmasked. Without it nobody does. */
  readonly personalDataToken?: string;
}

/**
 * Whether a path is served without a token: the health checks (`/health`, `/healthz`, `/readyz`, for probes that
 * carry no secret), the welcome `/`, the API description (`/openapi.json`, `/docs` and the Swagger UI assets under
 * `/docs/`: Swagger UI loads the document before its Authorize button can send a token), `/favicon.ico`, and the
 * dashboard's shell: `/dashboard` and static files under `/dashboard/` (`.html`, `.js`, `.mjs`, `.css`, `.map`,
 * `.svg`, `.png`, `.ico`, `.woff2`, …), so the page loads and then asks for the token. Its data (JSON, server-sent
 * events) needs the token like every other route. Matching follows Express's routing (case-insensitive, one
 * optional trailing slash); anything not listed needs a token, unknown routes included (401 before 404).
 *
 * @example
 * ```ts
 * isPublicPath('/healthz'); // true
 * isPublicPath('/dashboard/app.js'); // true
 * isPublicPath('/dashboard/events'); // false
 * isPublicPath('/customers'); // false
 * ```
 */
export function isPublicPath(path: string): boolean {
  let p = path.toLowerCase();
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return PUBLIC_EXACT.has(p) || p.startsWith('/docs/') || (p.length <= 512 && DASHBOARD_ASSET.test(p));
}

const PUBLIC_EXACT = new Set([
  '/',
  '/health',
  '/healthz',
  '/readyz',
  '/openapi.json',
  '/docs',
  '/favicon.ico',
  '/dashboard',
]);
const DASHBOARD_ASSET =
  /^\/dashboard\/(?:(?!\.)[a-z0-9_.-]+\/)*(?!\.)[a-z0-9_.-]+\.(?:html|js|mjs|css|map|svg|png|jpg|jpeg|webp|ico|woff|woff2|ttf|txt|webmanifest)$/;

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Equal length by construction (SHA-256), so timingSafeEqual never throws and the time says nothing. */
const sameDigest = (a: Buffer, b: Buffer | undefined): boolean => b !== undefined && timingSafeEqual(a, b);

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const REALM = 'Bearer realm="@ecom API"';

/**
 * Which token a request carries: `personal-data` (`API_PII_TOKEN`), `masked` (`API_TOKEN`), `missing` (no bearer
 * token) or `invalid`. Tokens are compared by their SHA-256 digests with `timingSafeEqual`, against both tokens
 * every time, so neither the length nor the content of a guess shows in the response time.
 *
 * @example
 * ```ts
 * const check = tokenChecker({ token: 'a'.repeat(32) });
 * check(`Bearer ${'a'.repeat(32)}`); // 'masked'
 * check(undefined); // 'missing'
 * ```
 */
export function tokenChecker(
  tokens: AccessTokens,
): (authorization: string | undefined) => 'personal-data' | 'masked' | 'missing' | 'invalid' {
  const token = digest(tokens.token);
  const personalData = tokens.personalDataToken === undefined ? undefined : digest(tokens.personalDataToken);
  return (authorization) => {
    const match = authorization === undefined ? null : BEARER.exec(authorization);
    if (!match?.[1]) return 'missing';
    const presented = digest(match[1]);
    const isPersonalData = sameDigest(presented, personalData);
    const isToken = sameDigest(presented, token);
    return isPersonalData ? 'personal-data' : isToken ? 'masked' : 'invalid';
  };
}

/** A query parameter (or `sort` column) naming a masked field would let a masked token probe its values. */
function probesPersonalData(query: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(query)) if (Object.hasOwn(PERSONAL_DATA_FIELDS, key)) return key;
  const sort = query['sort'];
  for (const value of Array.isArray(sort) ? sort : [sort]) {
    const column = typeof value === 'string' ? value.replace(/^-/, '') : '';
    if (Object.hasOwn(PERSONAL_DATA_FIELDS, column)) return `sort=${String(value)}`;
  }
  return undefined;
}

/**
 * Access control of a protected API (mounted only when `API_TOKEN` is set):
 *
 * - a public path ({@link isPublicPath}) passes as it is;
 * - otherwise no bearer token or a wrong one is `401 unauthorized` with `WWW-Authenticate: Bearer realm="@ecom API"`
 *   (plus `error="invalid_token"` for a wrong one, RFC 6750), before any route runs: unknown routes are 401 too;
 * - `API_PII_TOKEN` sees everything;
 * - `API_TOKEN` sees personal data masked ({@link PERSONAL_DATA_FIELDS}): `sendJson`, `res.json` and
 *   `responseJson` mask it; a filter or `sort` on one of those fields (`/customers?email=…`) is
 *   `403 forbidden`, since it would confirm a value the response hides.
 *
 * CORS preflights are answered before it (browsers send them without credentials).
 *
 * @example
 * ```ts
 * if (config.API_TOKEN) app.use(accessControl({ token: config.API_TOKEN }));
 * ```
 */
export function accessControl(tokens: AccessTokens): RequestHandler {
  const check = tokenChecker(tokens);
  return (req, res, next) => {
    if (isPublicPath(req.path)) return next();
    const outcome = check(req.headers.authorization);
    if (outcome === 'missing' || outcome === 'invalid') {
      res.setHeader('WWW-Authenticate', outcome === 'missing' ? REALM : `${REALM}, error="invalid_token"`);
      const message =
        outcome === 'missing'
          ? 'Missing bearer token (Authorization: Bearer <token>)'
          : 'Invalid bearer token';
      sendJson(res, 401, new ApiError('unauthorized', message).toJSON());
      return;
    }
    if (outcome === 'personal-data') return next();
    const probe = probesPersonalData(req.query as Record<string, unknown>);
    if (probe !== undefined) {
      const message = `${probe}: filtering or sorting by personal data needs the personal-data token`;
      sendJson(res, 403, new ApiError('forbidden', message).toJSON());
      return;
    }
    maskPersonalDataIn(res);
    res.json = function maskedJson(body: unknown) {
      if (!this.get('Content-Type')) this.set('Content-Type', 'application/json');
      return this.send(responseJson(this, body));
    };
    next();
  };
}

/**
 * Whether a `HOST` to bind is reachable from this machine only: `localhost`, `127.0.0.0/8`, `::1`.
 *
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * How a server is reached, for its start-up line: `open` (no `API_TOKEN`), `token` (personal data masked for
 * everyone) or `token+personal-data`; and a warning when it is open on a non-loopback `HOST`.
 *
 * @example
 * ```ts
 * accessMode('0.0.0.0', undefined).warning; // 'API_TOKEN is not set and HOST=0.0.0.0 is not loopback: …'
 * accessMode('127.0.0.1', undefined).mode; // 'open'
 * ```
 */
export function accessMode(
  host: string,
  tokens: AccessTokens | undefined,
): { mode: 'open' | 'token' | 'token+personal-data'; warning?: string } {
  if (tokens) return { mode: tokens.personalDataToken === undefined ? 'token' : 'token+personal-data' };
  if (isLoopbackHost(host)) return { mode: 'open' };
  return {
    mode: 'open',
    warning:
      `API_TOKEN is not set and HOST=${host} is not loopback: anyone who reaches this port reads every route, ` +
      "customers' personal data included. Set API_TOKEN (and API_PII_TOKEN), or bind HOST=127.0.0.1.",
  };
}
