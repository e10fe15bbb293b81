import { ConfigError, loadApiConfig } from './config.js';

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
