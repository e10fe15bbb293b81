/**
 * A {@link SchemaRegistry} over a Confluent-compatible HTTP registry (Confluent, Apicurio `/apis/ccompat/v7`,
 * Redpanda, Karapace). It returns the RAW schema JSON text, so every Connect annotation (`connect.name`,
 * `connect.parameters`, `logicalType`, `connect.default`) reaches the decoder untouched.
 */
import type { SchemaRegistry } from '../schema-registry.js';
import { SchemaRegistryError } from './schema-registry-error.js';

/**
 * Options of {@link HttpSchemaRegistry}.
 *
 * @example
 * const options: HttpSchemaRegistryOptions = { url: 'http://127.0.0.1:18081/apis/ccompat/v7', timeoutMs: 5000 };
 */
export interface HttpSchemaRegistryOptions {
  /** Base URL of the Confluent-compatible API, e.g. `http://127.0.0.1:18081/apis/ccompat/v7`. */
  url: string;
  /** Per-request timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** Extra request headers (e.g. an `Authorization` header read from validated config). */
  headers?: Record<string, string>;
  /** The fetch implementation. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * Looks schemas up with `GET {url}/schemas/ids/{id}` and caches them forever (a schema id never changes its
 * content). Concurrent lookups of one id share one request. A 404 answers `undefined` (the decoder reports
 * `UNKNOWN_SCHEMA_ID`) and is not cached; other failures throw {@link SchemaRegistryError}.
 *
 * @example
 * ```ts
 * import { createDecoder } from '@ecom/cdc';
 * import { HttpSchemaRegistry } from '@ecom/cdc/adapters';
 * const registry = new HttpSchemaRegistry({ url: 'http://127.0.0.1:18081/apis/ccompat/v7' });
 * const decoder = createDecoder({ registry });
 * ```
 */
export class HttpSchemaRegistry implements SchemaRegistry {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly fetchFn: typeof fetch;
  private readonly cache = new Map<number, string>();
  private readonly inFlight = new Map<number, Promise<string | undefined>>();

  constructor(options: HttpSchemaRegistryOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.headers = { accept: 'application/vnd.schemaregistry.v1+json, application/json', ...options.headers };
    this.fetchFn = options.fetch ?? globalThis.fetch;
  }

  /** The {@link SchemaRegistry} port: a cached schema answers synchronously, others with a promise. */
  getSchema(id: number): string | Promise<string | undefined> {
    const cached = this.cache.get(id);
    return cached ?? this.fetchSchemaText(id);
  }

  /** Fetches (or returns from cache) the raw schema JSON text of `id`; `undefined` when the registry answers 404. */
  fetchSchemaText(id: number): Promise<string | undefined> {
    if (!Number.isInteger(id) || id < 0 || id > 0x7fffffff) {
      return Promise.reject(
        new SchemaRegistryError('INVALID_SCHEMA_ID', `schema id ${String(id)} is not an int32`),
      );
    }
    const cached = this.cache.get(id);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.request(id).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    return pending;
  }

  /** How many schemas are cached. */
  get cachedCount(): number {
    return this.cache.size;
  }

  private async request(id: number): Promise<string | undefined> {
    const url = `${this.baseUrl}/schemas/ids/${id}`;
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        headers: this.headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new SchemaRegistryError(
        'REGISTRY_UNREACHABLE',
        `GET ${url} failed: ${(e as Error)?.message ?? e}`,
        {
          retriable: true,
          cause: e,
        },
      );
    }
    const body = await response.text().catch(() => '');
    if (response.status === 404) return undefined;
    if (response.status !== 200) {
      throw new SchemaRegistryError(
        'REGISTRY_HTTP_ERROR',
        `GET ${url} answered ${response.status}: ${body.slice(0, 300)}`,
        {
          status: response.status,
          retriable: response.status >= 500 || response.status === 429,
        },
      );
    }
    const text = schemaTextOf(body, url);
    this.cache.set(id, text);
    return text;
  }
}

function schemaTextOf(body: string, url: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    throw new SchemaRegistryError('REGISTRY_BAD_RESPONSE', `GET ${url}: the body is not JSON`, {
      status: 200,
      cause: e,
    });
  }
  const schema = (parsed as { schema?: unknown } | null)?.schema;
  if (typeof schema !== 'string') {
    throw new SchemaRegistryError('REGISTRY_BAD_RESPONSE', `GET ${url}: no "schema" string in the answer`, {
      status: 200,
    });
  }
  try {
    JSON.parse(schema);
  } catch (e) {
    throw new SchemaRegistryError('REGISTRY_BAD_RESPONSE', `GET ${url}: "schema" is not JSON text`, {
      status: 200,
      cause: e,
    });
  }
  return schema;
}
