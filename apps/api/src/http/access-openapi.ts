import { isPublicPath } from './access.js';
import { PERSONAL_DATA_FIELDS } from './personal-data.js';

/** The OpenAPI name of the bearer scheme. */
const SCHEME = 'bearerAuth';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Json = Record<string, unknown>;

const errorResponse = (description: string): Json => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** Whether an operation has a parameter that filters or sorts by a masked field (403 for a masked token). */
function probesPersonalData(operation: Json): boolean {
  const parameters = Array.isArray(operation['parameters']) ? operation['parameters'] : [];
  return parameters.some((parameter: unknown) => {
    if (!isObject(parameter)) return false;
    const name = String(parameter['name']);
    if (Object.hasOwn(PERSONAL_DATA_FIELDS, name)) return true;
    const values = isObject(parameter['schema']) ? parameter['schema']['enum'] : undefined;
    return (
      name === 'sort' &&
      Array.isArray(values) &&
      values.some((value) => Object.hasOwn(PERSONAL_DATA_FIELDS, String(value).replace(/^-/, '')))
    );
  });
}

/** Notes on every schema property that holds personal data, at any depth. */
function describePersonalData(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) describePersonalData(child);
    return;
  }
  if (!isObject(node)) return;
  const properties = node['properties'];
  if (isObject(properties)) {
    for (const [name, schema] of Object.entries(properties)) {
      const kind = Object.hasOwn(PERSONAL_DATA_FIELDS, name) ? PERSONAL_DATA_FIELDS[name] : undefined;
      if (kind === undefined || !isObject(schema)) continue;
      const example = kind === 'email' ? '`a***@example.vn`' : kind === 'phone' ? '`***4567`' : '`***`';
      const note = `Personal data: masked (${example}) unless the request carries the personal-data token.`;
      const description = typeof schema['description'] === 'string' ? schema['description'] : '';
      if (!description.includes(note)) schema['description'] = description ? `${description} ${note}` : note;
    }
  }
  for (const child of Object.values(node)) describePersonalData(child);
}

/**
 * Adds the access rules to a generated OpenAPI document (in place, and returns it): the `bearerAuth` HTTP bearer
 * scheme required by default, `security: []` on the public operations ({@link isPublicPath}), a `401` response on
 * every other operation, a `403` where a parameter filters or sorts by personal data, and a note on every property
 * that holds personal data ({@link PERSONAL_DATA_FIELDS}), and a sentence in `info.description`. `createApp` runs it
 * on the whole document it serves, so a route registered later is covered without further work.
 *
 * @example
 * ```ts
 * import { buildOpenApiDocument } from '../openapi.js';
 * import { RESOURCES } from '../resources/index.js';
 * const doc = documentAccess(buildOpenApiDocument(RESOURCES, '0.1.0'));
 * doc.paths?.['/healthz']?.get?.security; // []
 * ```
 */
export function documentAccess<
  D extends { paths?: object; components?: object; security?: unknown; info?: object },
>(document: D): D {
  const doc = document as unknown as Json & { components?: Json; paths?: Json };
  doc.components ??= {};
  const schemes = (doc.components['securitySchemes'] ??= {}) as Json;
  schemes[SCHEME] = {
    type: 'http',
    scheme: 'bearer',
    description:
      'Needed when the server runs with `API_TOKEN` (without it, local mode, no route needs a token). ' +
      '`API_TOKEN` sees customers’ personal data masked; `API_PII_TOKEN` sees it unmasked.',
  };
  doc['security'] = [{ [SCHEME]: [] }];
  const info = (doc['info'] ??= {}) as Json;
  const note =
    'With `API_TOKEN` set, every route but the health checks and the docs needs `Authorization: Bearer <token>`, ' +
    'and customers’ personal data is masked unless the token is `API_PII_TOKEN`.';
  if (typeof info['description'] !== 'string' || !info['description'].includes(note))
    info['description'] = typeof info['description'] === 'string' ? `${info['description']} ${note}` : note;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      if (isPublicPath(path)) {
        operation['security'] = [];
        continue;
      }
      const responses = (operation['responses'] ??= {}) as Json;
      responses['401'] ??= errorResponse('Missing or invalid bearer token (`WWW-Authenticate: Bearer`)');
      if (probesPersonalData(operation))
        responses['403'] ??= errorResponse(
          'Filtering or sorting by personal data without the personal-data token',
        );
    }
  }
  describePersonalData(doc.components);
  describePersonalData(doc.paths);
  return document;
}
