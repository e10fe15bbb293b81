// npm start's settings: flags over the environment, defaults, and errors that name the key or the flag.
import { loadPlatformConfig } from './platform-config.js';

describe('loadPlatformConfig', () => {
  it('fills the defaults', () => {
    expect(loadPlatformConfig([], {})).toEqual({
      dataDir: expect.stringMatching(/\/\.ecom$/),
      databaseUrl: null,
      simulate: true,
      simulateRate: 3,
      segmentMinutes: 5,
      seed: 42,
      recsSchedule: '*/10 * * * *',
    });
  });

  it('takes flags over the environment', () => {
    const config = loadPlatformConfig(
      ['--data-dir', '/tmp/x', '--rate', '5', '--no-simulate', '--seed', '7'],
      {
        ECOM_DATA_DIR: '/tmp/y',
        ECOM_SIMULATE_RATE: '9',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecom',
      },
    );
    expect(config).toMatchObject({
      dataDir: '/tmp/x',
      simulateRate: 5,
      simulate: false,
      seed: 7,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/ecom',
    });
  });

  it('names the bad key or flag', () => {
    expect(() => loadPlatformConfig(['--rate=-1'], {})).toThrow(/ECOM_SIMULATE_RATE: must be a positive/);
    expect(() => loadPlatformConfig([], { DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: must be a postgres/,
    );
    expect(() => loadPlatformConfig(['--nope'], {})).toThrow(/--nope/);
  });
});
