import { ConfigError, loadApiConfig, loadRecsConfig } from './config.js';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shop';

/** The ConfigError `env` gives. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadApiConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

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

  describe('API_TOKEN and API_PII_TOKEN', () => {
    const token = 'a'.repeat(32);
    const piiToken = 'b'.repeat(64);

    it('are optional (local mode) and taken when long enough', () => {
      expect(loadApiConfig({ DATABASE_URL }).API_TOKEN).toBeUndefined();
      expect(loadApiConfig({ DATABASE_URL, API_TOKEN: token, API_PII_TOKEN: piiToken })).toMatchObject({
        API_TOKEN: token,
        API_PII_TOKEN: piiToken,
      });
    });

    it('refuse a short or empty token, naming the key and never echoing the value', () => {
      for (const [key, value] of [
        ['API_TOKEN', 'short-secret-1234'],
        ['API_TOKEN', ''],
        ['API_PII_TOKEN', 'short-secret-1234'],
      ] as const) {
        const error = configError({ DATABASE_URL, API_TOKEN: token, [key]: value });
        expect(error.keys).toEqual([key]);
        expect(error.message).toMatch(new RegExp(`${key}: must be at least 32 characters`));
        expect(error.message).not.toContain('short-secret');
      }
    });

    it('refuse characters a bearer token cannot carry', () => {
      expect(() => loadApiConfig({ DATABASE_URL, API_TOKEN: `${token} x` })).toThrow(
        expect.objectContaining({
          keys: ['API_TOKEN'],
          message: expect.stringMatching(/API_TOKEN: may hold only/),
        }),
      );
    });

    it('API_PII_TOKEN needs API_TOKEN and must differ from it', () => {
      expect(() => loadApiConfig({ DATABASE_URL, API_PII_TOKEN: piiToken })).toThrow(
        expect.objectContaining({
          keys: ['API_PII_TOKEN'],
          message: expect.stringMatching(/API_PII_TOKEN: needs API_TOKEN/),
        }),
      );
      expect(() => loadApiConfig({ DATABASE_URL, API_TOKEN: token, API_PII_TOKEN: token })).toThrow(
        expect.objectContaining({
          keys: ['API_PII_TOKEN'],
          message: expect.stringMatching(/must differ from API_TOKEN/),
        }),
      );
    });
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
