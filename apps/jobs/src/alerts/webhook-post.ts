/**
 * One webhook attempt: a POST with a timeout (an `AbortController` over Node's fetch), classified as delivered,
 * worth retrying, or not.
 */
import { redactUrl } from './webhook-config.js';

/**
 * The outcome of one attempt. Any 2xx is delivered; 408, 425, 429, 5xx, timeouts and network errors are
 * `retriable`; other statuses (4xx, and 3xx: redirects are not followed, the body is not re-sent elsewhere) are not.
 * `error` never holds the URL.
 *
 * @example
 * const failed: WebhookAttempt = { ok: false, retriable: true, status: 503, error: 'HTTP 503: busy', retryAfterMs: null };
 */
export type WebhookAttempt =
  | { readonly ok: true; readonly status: number }
  | {
      readonly ok: false;
      readonly retriable: boolean;
      readonly status: number | null;
      readonly error: string;
      /** From a `Retry-After` header, in ms. */
      readonly retryAfterMs: number | null;
    };

/**
 * What {@link postWebhook} sends.
 *
 * @example
 * const request: WebhookRequest = { url: 'http://127.0.0.1:9000/hook', body: '{}', headers: {}, timeoutMs: 1_000 };
 */
export interface WebhookRequest {
  readonly url: string;
  /** JSON text. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** For the whole attempt: connect, headers and body. */
  readonly timeoutMs: number;
  /** Aborts the attempt early (shutdown). */
  readonly signal?: AbortSignal;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

const RETRIABLE_STATUS = new Set([408, 425, 429]);
const BODY_EXCERPT = 200;

/**
 * POSTs `body` as `application/json`, reads the response to the end, and says how it went. Never throws.
 *
 * @example
 * const outcome = await postWebhook({ url: 'http://127.0.0.1:9000/hook', body: '{"content":"hi"}', headers: {}, timeoutMs: 5_000 });
 * if (!outcome.ok && outcome.retriable) console.log('retry later:', outcome.error);
 */
export async function postWebhook(request: WebhookRequest): Promise<WebhookAttempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const stop = () => controller.abort();
  request.signal?.addEventListener('abort', stop, { once: true });
  if (request.signal?.aborted) controller.abort();
  try {
    const response = await (request.fetch ?? fetch)(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: request.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    const text = await response.text();
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return {
      ok: false,
      retriable: response.status >= 500 || RETRIABLE_STATUS.has(response.status),
      status: response.status,
      error: `HTTP ${response.status}${text ? `: ${text.slice(0, BODY_EXCERPT)}` : ''}`,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    };
  } catch (error) {
    const reason = timedOut
      ? `timed out after ${request.timeoutMs} ms`
      : controller.signal.aborted
        ? 'aborted (shutting down)'
        : failure(error);
    return {
      ok: false,
      retriable: true,
      status: null,
      error: reason.split(request.url).join(redactUrl(request.url)),
      retryAfterMs: null,
    };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', stop);
  }
}

/** `fetch failed: ECONNRESET` rather than undici's bare `fetch failed`. */
function failure(error: unknown): string {
  const { message, cause } = (error ?? {}) as {
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const detail = cause?.code ?? cause?.message;
  return `${message ?? String(error)}${detail ? `: ${detail}` : ''}`;
}

/** A `Retry-After` of seconds or an HTTP date, in ms from now (never negative); `null` when absent or garbled. */
function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
