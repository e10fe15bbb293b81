import { ConfigError, loadApiConfig, loadRecsConfig } from './config.js';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shop';

describe('loadApiConfig', () => {
  it('applies defaults: PORT 8000 as the original, loopback host', () => {
    expect(loadApiConfig({ DATABASE_URL })).toEqual({
      DATABASE_URL,
      PORT: 8000,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PG_POOL_MAX: 10,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      CORS_ORIGINS: [],
      TRINO_URL: 'http://127.0.0.1:18080',
      TRINO_CATALOG: 'lake',
      TRINO_MARTS_SCHEMA: 'marts',
      TRINO_USER: 'ecom-api',
    });
  });

  it('takes the Trino of the analytics routes: an empty TRINO_URL turns them off, a bad key is named', () => {
    expect(loadApiConfig({ DATABASE_URL, TRINO_URL: '' }).TRINO_URL).toBeUndefined();
    expect(loadApiConfig({ DATABASE_URL, TRINO_URL: 'http://trino:8080/' }).TRINO_URL).toBe(
      'http://trino:8080',
    );
    expect(() => loadApiConfig({ DATABASE_URL, TRINO_URL: 'trino:8080' })).toThrow(
      expect.objectContaining({
        keys: ['TRINO_URL'],
        message: expect.stringMatching(/TRINO_URL: must be an http/),
      }),
    );
    expect(() => loadApiConfig({ DATABASE_URL, TRINO_MARTS_SCHEMA: 'Marts; DROP' })).toThrow(
      expect.objectContaining({ keys: ['TRINO_MARTS_SCHEMA'] }),
    );
  });

  it('takes an optional REDIS_URL (the recommendations store) and names it when malformed', () => {
    expect(loadApiConfig({ DATABASE_URL }).REDIS_URL).toBeUndefined();
    expect(loadApiConfig({ DATABASE_URL, REDIS_URL: 'redis://127.0.0.1:6379' }).REDIS_URL).toBe(
      'redis://127.0.0.1:6379',
    );
    expect(() => loadApiConfig({ DATABASE_URL, REDIS_URL: '127.0.0.1:6379' })).toThrow(
      expect.objectContaining({
        keys: ['REDIS_URL'],
        message: expect.stringMatching(/REDIS_URL: must be a redis:\/\//),
      }),
    );
  });

  it('loadRecsConfig: DATABASE_URL, REDIS_URL and RECS_MODEL_DIR (default .recs/models)', () => {
    expect(loadRecsConfig({ DATABASE_URL, PORT: 'ignored' })).toEqual({
      DATABASE_URL,
      RECS_MODEL_DIR: '.recs/models',
    });
    expect(() => loadRecsConfig({})).toThrow(expect.objectContaining({ keys: ['DATABASE_URL'] }));
  });

  it('coerces numbers', () => {
    expect(loadApiConfig({ DATABASE_URL, PORT: '8080', PG_POOL_MAX: '4' })).toMatchObject({
      PORT: 8080,
      PG_POOL_MAX: 4,
    });
  });

  it('splits CORS_ORIGINS and refuses malformed ones', () => {
    expect(
      loadApiConfig({ DATABASE_URL, CORS_ORIGINS: 'http://localhost:3000, https://shop.example' })
        .CORS_ORIGINS,
    ).toEqual(['http://localhost:3000', 'https://shop.example']);
    expect(() => loadApiConfig({ DATABASE_URL, CORS_ORIGINS: 'localhost' })).toThrow(/CORS_ORIGINS/);
  });

  it('requires DATABASE_URL and names it', () => {
    expect(() => loadApiConfig({})).toThrow(ConfigError);
    expect(() => loadApiConfig({})).toThrow(/DATABASE_URL: is required/);
  });

  it('names every bad key without echoing secret values', () => {
    try {
      loadApiConfig({ DATABASE_URL: 'mysql://root:hunter2@db/shop', PORT: 'eighty', LOG_LEVEL: 'loud' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const error = err as ConfigError;
      expect(error.keys.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
      expect(error.message).not.toContain('hunter2');
    }
  });
});
