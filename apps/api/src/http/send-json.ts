import type { ServerResponse } from 'node:http';

/**
 * Writes a JSON response in one go: `JSON.stringify`, `Content-Type` and `Content-Length`, then `end` with the string
 * (Node sends headers and body in one write; `HEAD` gets the headers only). The hot list and detail routes use it
 * instead of `res.json`, which converts the body to a Buffer and runs Express' content-type and freshness checks.
 *
 * @example
 * ```ts
 * sendJson(res, 200, { data: [{ order_id: 42 }], page: { limit: 50, next_cursor: null } }); // same bytes and headers as res.status(200).json(...)
 * ```
 */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
