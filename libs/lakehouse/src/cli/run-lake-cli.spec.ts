import { LakehouseError } from '../errors.js';
import type { LakeServices } from './run-lake-cli.js';
import { runLakeCli } from './run-lake-cli.js';

const ENV = { LAKE_S3_ACCESS_KEY: 'k', LAKE_S3_SECRET_KEY: 's' };

/** Services whose every call fails loudly: these specs stop before touching any. */
function run(argv: string[], env: Record<string, string> = ENV) {
  let stdout = '';
  let stderr = '';
  const touched: string[] = [];
  const services = (): LakeServices => ({
    store: {
      put: async () => void touched.push('put'),
      get: async () => null,
      list: async () => [],
      delete: async () => void touched.push('delete'),
    },
    checkStore: async () => {
      touched.push('checkStore');
      throw new LakehouseError('STORE_FAILED', 'bucket lake at http://127.0.0.1:1 does not exist');
    },
    trino: { query: async () => (touched.push('trino'), []) },
    openSource: async () => {
      throw new Error('not reached');
    },
  });
  return runLakeCli(argv, { env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), services }).then(
    (code) => ({ code, stdout, stderr, touched }),
  );
}

describe('runLakeCli', () => {
  it('help: exit 0 with the usage; no command: exit 2', async () => {
    expect((await run(['--help'])).code).toBe(0);
    expect((await run(['--help'])).stdout).toContain('lake export');
    expect((await run([])).code).toBe(2);
  });

  it.each([
    [['vacuum'], /USAGE: unknown command "vacuum"/],
    [['export', '--force'], /USAGE: Unknown option '--force'/],
    [['export', '--changelog'], /USAGE: --changelog is an option of register/],
    [
      ['export', '--tables', 'orders,nope'],
      /UNKNOWN_TABLE: "nope" is not a shop table \(tables: customers, /,
    ],
    [['export', '--tables', 'orders', 'nope'], /UNKNOWN_TABLE: "nope"/],
    [['marts', 'drop'], /USAGE: unknown marts command "drop"/],
    [
      ['marts', 'build', '--marts', 'revenue_daily,nope'],
      /UNKNOWN_MART: "nope" is not a mart \(marts: revenue_daily, /,
    ],
    [['marts', 'build', '--date', '2026-13-01'], /INVALID_OPTION: analysis date "2026-13-01"/],
  ])('%j: exit 2, touches nothing', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.touched).toEqual([]);
  });

  it('marts build: a bad shop time zone is INVALID_CONFIG naming LAKE_SHOP_TIME_ZONE', async () => {
    const r = await run(['marts', 'build'], { ...ENV, LAKE_SHOP_TIME_ZONE: 'Mars/Olympus' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/INVALID_CONFIG: env LAKE_SHOP_TIME_ZONE: must be an IANA time zone/);
  });

  it('a bad env value: INVALID_CONFIG naming the key; missing S3 keys named too', async () => {
    expect((await run(['register'], { ...ENV, TRINO_URL: 'ftp://x' })).stderr).toMatch(
      /INVALID_CONFIG: env TRINO_URL: /,
    );
    expect((await run(['register'], {})).stderr).toMatch(/INVALID_CONFIG: env LAKE_S3_ACCESS_KEY: required/);
    expect((await run(['register'], { ...ENV, LAKE_S3_BUCKET: 'A_B' })).stderr).toMatch(
      /env LAKE_S3_BUCKET: /,
    );
  });

  it('register --changelog: only the change logs; a table without files is skipped, nothing registered', async () => {
    const r = await run(['register', '--changelog', '--tables', 'orders']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '', touched: [] });
    expect(
      (await run(['register', '--changelog'], { ...ENV, LAKE_CHANGELOG_PREFIX: '../x' })).stderr,
    ).toMatch(/INVALID_CONFIG: env LAKE_CHANGELOG_PREFIX: /);
  });

  it('export checks the bucket before anything else: STORE_FAILED, exit 1, nothing written', async () => {
    const r = await run(['export', '--tables', 'orders', 'payments']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('lake export: STORE_FAILED: bucket lake at http://127.0.0.1:1 does not exist\n');
    expect(r.touched).toEqual(['checkStore']);
  });
});
