import { describeWithPostgres, type SuiteFramework } from './describe-with-postgres.js';
import { createTempDatabase } from './temp-database.js';
import { redactUrl, testAdminUrl } from './postgres-probe.js';

/** A framework double that records what the helper declared. */
function recorder() {
  const calls: string[] = [];
  const tests: (() => void)[] = [];
  const describeFn = Object.assign(
    (name: string, body: () => void) => {
      calls.push(`describe ${name}`);
      body();
    },
    { skip: (name: string) => void calls.push(`skip ${name}`) },
  );
  const framework: SuiteFramework = {
    describe: describeFn,
    it: (name, test) => {
      calls.push(`it ${name}`);
      tests.push(test);
    },
  };
  return { calls, tests, framework };
}

// Nothing listens on port 1, so the probe fails fast and for real.
const NOWHERE = 'postgres://user:secret@127.0.0.1:1/postgres';

describe('describeWithPostgres when PostgreSQL is unreachable', () => {
  test('CI=true: declares a failing test that names the server (credentials masked) and the reason', () => {
    const { calls, tests, framework } = recorder();
    describeWithPostgres(framework, 'orders', () => calls.push('body'), {
      url: NOWHERE,
      env: { CI: 'true' },
    });
    expect(calls).toEqual(['describe orders', 'it needs a reachable PostgreSQL (CI=true, not skipping)']);
    expect(() => tests[0]?.()).toThrow(
      /PostgreSQL at postgres:\/\/\*\*\*@127\.0\.0\.1:1\/postgres is unreachable: .+/,
    );
  });

  test('elsewhere: skips the suite and prints why', () => {
    const { calls, framework } = recorder();
    const warnings: string[] = [];
    describeWithPostgres(framework, 'orders', () => calls.push('body'), {
      url: NOWHERE,
      env: {},
      warn: (m) => warnings.push(m),
    });
    expect(calls).toEqual(['skip orders']);
    expect(warnings).toEqual([
      expect.stringMatching(/^Skipping "orders": PostgreSQL at postgres:\/\/\*\*\*@/),
    ]);
    expect(warnings[0]).not.toContain('secret');
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
