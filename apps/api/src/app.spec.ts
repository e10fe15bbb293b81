import request from 'supertest';
import { createApp } from './app.js';
import { ConfigError, loadApiConfig } from './config.js';

describe('createApp', () => {
  it('answers /healthz', async () => {
    const res = await request(createApp()).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('is ready when every probe resolves', async () => {
    const res = await request(createApp({ readiness: { postgres: async () => undefined } })).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { postgres: { ok: true } } });
  });

  it('answers 503 naming the failing probe', async () => {
    const app = createApp({
      readiness: {
        postgres: async () => undefined,
        kafka: async () => {
          throw new Error('connection refused');
        },
      },
    });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.kafka).toEqual({ ok: false, error: 'connection refused' });
  });
});

describe('loadApiConfig', () => {
  it('applies defaults and coerces numbers', () => {
    expect(loadApiConfig({ API_PORT: '8080' })).toEqual({ API_HOST: '127.0.0.1', API_PORT: 8080 });
  });

  it('names the bad key', () => {
    expect(() => loadApiConfig({ API_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadApiConfig({ API_PORT: 'eighty' })).toThrow(/API_PORT/);
  });
});
