/**
 * The fraud webhook's environment (`FRAUD_WEBHOOK_*`), validated with zod through the jobs' `parseEnv`: errors name
 * the key and never its value (a webhook URL is a secret: whoever has it can post).
 */
import { z } from 'zod';
import { parseEnv } from '../runtime/config/parse-env.js';

/**
 * The payload shapes: Discord (`{content}`), Slack (`{text}`), or the alert itself as JSON.
 *
 * @example
 * WEBHOOK_FORMATS.includes('slack'); // true
 */
export const WEBHOOK_FORMATS = ['discord', 'slack', 'json'] as const;

/**
 * One of {@link WEBHOOK_FORMATS}.
 *
 * @example
 * const format: WebhookFormat = 'discord';
 */
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const int = (min: number, max: number, fallback: number, what: string) => {
  const error = `must be an integer ${what} from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback);
};

const schema = z.object({
  FRAUD_WEBHOOK_URL: z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      error: 'must be an http:// or https:// URL',
    })
    .optional(),
  FRAUD_WEBHOOK_FORMAT: z
    .enum(WEBHOOK_FORMATS, { error: `must be one of ${WEBHOOK_FORMATS.join(', ')}` })
    .optional(),
  FRAUD_WEBHOOK_TIMEOUT_MS: int(1, 600_000, 5_000, '(milliseconds)'),
  FRAUD_WEBHOOK_RETRIES: int(0, 20, 5, '(retries after the first attempt)'),
  FRAUD_WEBHOOK_BACKOFF_MS: int(1, 600_000, 500, '(milliseconds)'),
  FRAUD_WEBHOOK_MAX_BACKOFF_MS: int(1, 3_600_000, 30_000, '(milliseconds)'),
  FRAUD_WEBHOOK_RATE_PER_SEC: z.coerce
    .number({ error: 'must be a number of requests per second above 0' })
    .gt(0, { error: 'must be a number of requests per second above 0' })
    .max(10_000, { error: 'must be at most 10000' })
    .default(1),
  FRAUD_WEBHOOK_QUEUE_SIZE: int(1, 1_000_000, 10_000, '(alerts)'),
  FRAUD_WEBHOOK_DEDUPE_SIZE: int(0, 10_000_000, 100_000, '(alert ids)'),
});

/**
 * The validated webhook settings (`null` from {@link loadWebhookConfig} when `FRAUD_WEBHOOK_URL` is unset: no
 * webhook).
 *
 * | key                            | default                        | meaning                                                       |
 * | ------------------------------ | ------------------------------ | ------------------------------------------------------------- |
 * | `FRAUD_WEBHOOK_URL`            | (none: no webhook)             | http(s) URL the alerts are POSTed to; a secret, never logged  |
 * | `FRAUD_WEBHOOK_FORMAT`         | from the host, else `json`     | `discord` (`{content}`), `slack` (`{text}`) or `json`         |
 * | `FRAUD_WEBHOOK_TIMEOUT_MS`     | `5000`                         | per attempt, headers and body                                 |
 * | `FRAUD_WEBHOOK_RETRIES`        | `5`                            | retries after the first attempt, then a dead letter           |
 * | `FRAUD_WEBHOOK_BACKOFF_MS`     | `500`                          | base of the exponential backoff (full jitter)                 |
 * | `FRAUD_WEBHOOK_MAX_BACKOFF_MS` | `30000`                        | cap of one backoff delay                                      |
 * | `FRAUD_WEBHOOK_RATE_PER_SEC`   | `1`                            | requests per second at most (a token bucket, burst 1)         |
 * | `FRAUD_WEBHOOK_QUEUE_SIZE`     | `10000`                        | alerts waiting at most; beyond, new alerts are dead-lettered  |
 * | `FRAUD_WEBHOOK_DEDUPE_SIZE`    | `100000`                       | delivered alert ids remembered (not sent again)               |
 *
 * @example
 * const config = loadWebhookConfig({ FRAUD_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X' });
 * config?.format; // 'slack'
 */
export interface WebhookConfig {
  readonly url: string;
  readonly format: WebhookFormat;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly ratePerSec: number;
  readonly queueSize: number;
  readonly dedupeSize: number;
}

/**
 * Reads {@link WebhookConfig} from an environment (empty = unset); `null` without `FRAUD_WEBHOOK_URL`. Throws
 * `JobsConfigError` (`INVALID_CONFIG`) naming every bad key. Without `FRAUD_WEBHOOK_FORMAT`, a discord.com URL
 * means `discord`, a hooks.slack.com one `slack`, anything else `json`.
 *
 * @example
 * loadWebhookConfig({}); // null
 * loadWebhookConfig({ FRAUD_WEBHOOK_URL: 'http://127.0.0.1:9000/hook', FRAUD_WEBHOOK_RETRIES: '2' })?.retries; // 2
 * loadWebhookConfig({ FRAUD_WEBHOOK_URL: 'ftp://x' }); // throws JobsConfigError: "FRAUD_WEBHOOK_URL: must be an http:// or https:// URL"
 */
export function loadWebhookConfig(env: Readonly<Record<string, string | undefined>>): WebhookConfig | null {
  const c = parseEnv(schema, env, 'fraud webhook');
  if (c.FRAUD_WEBHOOK_URL === undefined) return null;
  return {
    url: c.FRAUD_WEBHOOK_URL,
    format: c.FRAUD_WEBHOOK_FORMAT ?? formatOfHost(c.FRAUD_WEBHOOK_URL),
    timeoutMs: c.FRAUD_WEBHOOK_TIMEOUT_MS,
    retries: c.FRAUD_WEBHOOK_RETRIES,
    backoffMs: c.FRAUD_WEBHOOK_BACKOFF_MS,
    maxBackoffMs: Math.max(c.FRAUD_WEBHOOK_MAX_BACKOFF_MS, c.FRAUD_WEBHOOK_BACKOFF_MS),
    ratePerSec: c.FRAUD_WEBHOOK_RATE_PER_SEC,
    queueSize: c.FRAUD_WEBHOOK_QUEUE_SIZE,
    dedupeSize: c.FRAUD_WEBHOOK_DEDUPE_SIZE,
  };
}

function formatOfHost(url: string): WebhookFormat {
  const host = new URL(url).hostname;
  if (/(^|\.)discord(app)?\.com$/.test(host)) return 'discord';
  if (host === 'hooks.slack.com') return 'slack';
  return 'json';
}

/**
 * A webhook URL safe to log: scheme, host and port only (the path and query hold the token).
 *
 * @example
 * redactUrl('https://discord.com/api/webhooks/123/s3cr3t'); // 'https://discord.com/…'
 */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return '[invalid url]';
  const { protocol, host } = new URL(url);
  return `${protocol}//${host}/…`;
}
