import type { ServerResponse } from 'node:http';
import { maskPersonalData, personalDataMasked } from './personal-data.js';

/**
 * The JSON text of a response body, with customers' personal data masked when the request's token may not see it
 * (see `accessControl`). Everything that writes JSON for a client goes through it: {@link sendJson}, `res.json`,
 * and any route that writes data itself (a server-sent event's `data:` line).
 *
 * @example
 * ```ts
 * responseJson(res, { data: { customer_id: 1, email: 'an@example.vn' } }); // '{"data":{"customer_id":1,"email":"a***@example.vn"}}' when masked
 * ```
 */
export function responseJson(res: ServerResponse, body: unknown): string {
  return JSON.stringify(personalDataMasked(res) ? maskPersonalData(body) : body);
}

/**
 * Writes a JSON response in one go: {@link responseJson} (`JSON.stringify`, masking personal data when the request may
 * not see it), `Content-Type` and `Content-Length`, then `end` with the string
 * (Node sends headers and body in one write; `HEAD` gets the headers only). The hot list and detail routes use it
 * instead of `res.json`, which converts the body to a Buffer and runs Express' content-type and freshness checks.
 *
 * @example
 * ```ts
 * sendJson(res, 200, { data: [{ order_id: 42 }], page: { limit: 50, next_cursor: null } }); // same bytes and headers as res.status(200).json(...)
 * ```
 */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = responseJson(res, body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
