import { CdcEnvError, loadConnectorEnv } from './connector-env.js';

describe('loadConnectorEnv', () => {
  test('defaults point at the local stack', () => {
    expect(loadConnectorEnv({})).toEqual({
      connectUrl: 'http://127.0.0.1:18083',
      apicurioUrl: 'http://127.0.0.1:18081/apis/registry/v2',
      database: { hostname: '127.0.0.1', port: 55432, user: 'ecom_cdc', dbname: 'ecom' },
      cdcDatabaseUrl: 'postgres://ecom_cdc@127.0.0.1:55432/ecom',
    });
  });

  test("DATABASE_URL (the tables' owner) is optional and kept as given", () => {
    const url = 'postgres://postgres@127.0.0.1:55432/ecom';
    expect(loadConnectorEnv({ DATABASE_URL: url }).ownerDatabaseUrl).toBe(url);
    expect(loadConnectorEnv({ DATABASE_URL: '' }).ownerDatabaseUrl).toBeUndefined();
  });

  test('reads CONNECT_URL and CDC_DATABASE_URL (password only when given)', () => {
    const env = loadConnectorEnv({
      CONNECT_URL: 'https://connect.internal:8083/',
      CDC_DATABASE_URL: 'postgresql://cdc:s%40cret@db:6432/shop',
    });
    expect(env.connectUrl).toBe('https://connect.internal:8083');
    expect(env.database).toEqual({
      hostname: 'db',
      port: 6432,
      user: 'cdc',
      password: 's@cret',
      dbname: 'shop',
    });
  });

  test.each([
    [{ CONNECT_URL: 'not a url' }, 'CONNECT_URL'],
    [{ CONNECT_URL: 'ftp://x' }, 'CONNECT_URL'],
    [{ CDC_DATABASE_URL: 'mysql://u@h/db' }, 'CDC_DATABASE_URL'],
    [{ CDC_DATABASE_URL: 'postgres://h:5432/db' }, 'CDC_DATABASE_URL'],
    [{ CDC_DATABASE_URL: 'postgres://u@h:5432/' }, 'CDC_DATABASE_URL'],
    [{ APICURIO_URL: '::' }, 'APICURIO_URL'],
    [{ DATABASE_URL: 'mysql://u@h/db' }, 'DATABASE_URL'],
  ])('%j → CdcEnvError naming %s', (env, key) => {
    expect(() => loadConnectorEnv(env)).toThrow(CdcEnvError);
    try {
      loadConnectorEnv(env);
    } catch (e) {
      expect((e as CdcEnvError).key).toBe(key);
      expect((e as CdcEnvError).message).toContain(key);
    }
  });
});
