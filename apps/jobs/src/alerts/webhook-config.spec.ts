import { JobsConfigError } from '../runtime/errors.js';
import { loadWebhookConfig, redactUrl } from './webhook-config.js';

const URL_WITH_TOKEN = 'https://discord.com/api/webhooks/123/s3cr3t-token';

describe('loadWebhookConfig', () => {
  it('is null without FRAUD_WEBHOOK_URL (empty counts as unset)', () => {
    expect(loadWebhookConfig({})).toBeNull();
    expect(loadWebhookConfig({ FRAUD_WEBHOOK_URL: ' ' })).toBeNull();
  });

  it('fills the defaults and infers the format from the host', () => {
    expect(loadWebhookConfig({ FRAUD_WEBHOOK_URL: URL_WITH_TOKEN })).toEqual({
      url: URL_WITH_TOKEN,
      format: 'discord',
      timeoutMs: 5_000,
      retries: 5,
      backoffMs: 500,
      maxBackoffMs: 30_000,
      ratePerSec: 1,
      queueSize: 10_000,
      dedupeSize: 100_000,
    });
    expect(loadWebhookConfig({ FRAUD_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X' })?.format).toBe(
      'slack',
    );
    expect(loadWebhookConfig({ FRAUD_WEBHOOK_URL: 'http://127.0.0.1:9000/x' })?.format).toBe('json');
  });

  it('reads every key', () => {
    expect(
      loadWebhookConfig({
        FRAUD_WEBHOOK_URL: URL_WITH_TOKEN,
        FRAUD_WEBHOOK_FORMAT: 'json',
        FRAUD_WEBHOOK_TIMEOUT_MS: '250',
        FRAUD_WEBHOOK_RETRIES: '0',
        FRAUD_WEBHOOK_BACKOFF_MS: '10',
        FRAUD_WEBHOOK_MAX_BACKOFF_MS: '20',
        FRAUD_WEBHOOK_RATE_PER_SEC: '0.5',
        FRAUD_WEBHOOK_QUEUE_SIZE: '3',
        FRAUD_WEBHOOK_DEDUPE_SIZE: '0',
      }),
    ).toMatchObject({
      format: 'json',
      timeoutMs: 250,
      retries: 0,
      backoffMs: 10,
      maxBackoffMs: 20,
      ratePerSec: 0.5,
      queueSize: 3,
      dedupeSize: 0,
    });
  });

  it('names every bad key and never echoes the URL', () => {
    let caught: unknown;
    try {
      loadWebhookConfig({
        FRAUD_WEBHOOK_URL: 'ftp://user:s3cr3t@example.com/x',
        FRAUD_WEBHOOK_FORMAT: 'teams',
        FRAUD_WEBHOOK_RETRIES: '-1',
        FRAUD_WEBHOOK_RATE_PER_SEC: '0',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(JobsConfigError);
    const error = caught as JobsConfigError;
    expect(error.keys).toEqual([
      'FRAUD_WEBHOOK_URL',
      'FRAUD_WEBHOOK_FORMAT',
      'FRAUD_WEBHOOK_RETRIES',
      'FRAUD_WEBHOOK_RATE_PER_SEC',
    ]);
    expect(error.message).toMatch(/FRAUD_WEBHOOK_URL: must be an http:\/\/ or https:\/\/ URL/);
    expect(error.message).toMatch(/FRAUD_WEBHOOK_FORMAT: must be one of discord, slack, json/);
    expect(error.message).not.toContain('s3cr3t');
  });
});

describe('redactUrl', () => {
  it('keeps scheme, host and port only', () => {
    expect(redactUrl(URL_WITH_TOKEN)).toBe('https://discord.com/…');
    expect(redactUrl('http://user:pw@127.0.0.1:9000/hook?token=x')).toBe('http://127.0.0.1:9000/…');
    expect(redactUrl('not a url')).toBe('[invalid url]');
  });
});
