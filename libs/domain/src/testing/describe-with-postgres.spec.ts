import { describeWithPostgres, type SuiteFramework } from './describe-with-postgres.js';
import { createTempDatabase } from './temp-database.js';
import { redactUrl, testAdminUrl } from './postgres-probe.js';

/** A framework double that records what the helper declared. */
function recorder() {
  const calls: string[] = [];
  const tests: (() => void)[] = [];
  const framework: SuiteFramework = {
    describe: (name, body) => {
      calls.push(`describe ${name}`);
      body();
    },
    it: (name, test) => {
      calls.push(`it ${name}`);
      tests.push(test);
    },
  };
  return { calls, tests, framework };
}

// Nothing listens on port 1, so the probe fails fast and for real.
const NOWHERE = 'postgres://user:secret@127.0.0.1:1/postgres';

describe('describeWithPostgres', () => {
  test('unreachable: declares a failing test that names the server (credentials masked) and the reason', () => {
    const { calls, tests, framework } = recorder();
    describeWithPostgres(framework, 'orders', () => calls.push('body'), { url: NOWHERE });
    expect(calls).toEqual([
      'describe orders',
      'it needs a reachable PostgreSQL (start it, or set DATABASE_URL)',
    ]);
    expect(() => tests[0]?.()).toThrow(
      /PostgreSQL at postgres:\/\/\*\*\*@127\.0\.0\.1:1\/postgres is unreachable: .+/,
    );
    let thrown = '';
    try {
      tests[0]?.();
    } catch (e) {
      thrown = (e as Error).message;
    }
    expect(thrown).not.toContain('secret');
  });

  test('reachable: declares the suite itself', () => {
    const { calls, framework } = recorder();
    describeWithPostgres(framework, 'orders', () => calls.push('body'));
    expect(calls).toEqual(['describe orders', 'body']);
  });
});

describe('helpers', () => {
  test('testAdminUrl reads DATABASE_URL, else the local server', () => {
    expect(testAdminUrl({ DATABASE_URL: 'postgres://db/x' })).toBe('postgres://db/x');
    expect(testAdminUrl({})).toBe('postgres://postgres@127.0.0.1:5432/postgres');
  });
  test('redactUrl masks credentials', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/shop')).toBe('postgres://***@db:5432/shop');
    expect(redactUrl('postgres://db:5432/shop')).toBe('postgres://db:5432/shop');
  });
  test('createTempDatabase refuses a prefix that is not a plain identifier', async () => {
    await expect(createTempDatabase({ prefix: 'x"; DROP DATABASE y; --' })).rejects.toThrow(TypeError);
  });
});
