/**
 * Suites over the external conformance vectors in `../shared/fixtures` (never copied into the repo). With the vectors
 * present the suite runs; without them it fails in CI (`CI=true`) and says why, and elsewhere it is skipped with a
 * printed reason, as DEVELOPERS.md asks.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SuiteFramework } from './describe-with-postgres.js';

/**
 * A {@link SuiteFramework} that can also skip (jest's `it` has `it.skip`).
 *
 * @example
 * ```ts
 * const framework: SkippableSuiteFramework = { describe, it };
 * ```
 */
export interface SkippableSuiteFramework extends SuiteFramework {
  it: SuiteFramework['it'] & { skip: (name: string, test: () => void) => void };
}

/**
 * The shared fixtures folder: `ECOM_CONFORMANCE_DIR` when set, else `shared/fixtures` beside the checkout that
 * holds `fromDir` (the nearest ancestor with an `nx.json` is the checkout).
 *
 * @example
 * ```ts
 * const dir = sharedFixturesDir(__dirname); // '/work/shared/fixtures' for a checkout at /work/main
 * ```
 */
export function sharedFixturesDir(fromDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env['ECOM_CONFORMANCE_DIR'];
  if (configured) return resolve(configured);
  let dir = resolve(fromDir);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(fromDir, 'shared/fixtures');
    dir = parent;
  }
  return resolve(dir, '..', 'shared', 'fixtures');
}

/**
 * Options of {@link describeWithSharedFixtures}.
 *
 * @example
 * ```ts
 * const options: SharedFixtureOptions = { fromDir: __dirname, env: { CI: 'true' } };
 * ```
 */
export interface SharedFixtureOptions {
  /** Where to look for the checkout from (usually `__dirname`). */
  fromDir: string;
  /** Environment (default `process.env`): `CI` and `ECOM_CONFORMANCE_DIR`. */
  env?: NodeJS.ProcessEnv;
  /** Where the skip reason is printed outside CI (default `console.log`). */
  log?: (line: string) => void;
}

/**
 * Declares `body(path)` as a suite named `name` when `<shared fixtures>/<file>` exists. Otherwise, with `CI=true`, a
 * suite with one failing test that names the missing path; elsewhere a skipped test and a printed reason.
 *
 * @example
 * ```ts
 * describeWithSharedFixtures({ describe, it }, 'fraud vectors', 'fraud/vectors.json', (path) => {
 *   it('loads', () => expect(path).toMatch(/vectors\.json$/));
 * }, { fromDir: __dirname });
 * ```
 */
export function describeWithSharedFixtures(
  framework: SkippableSuiteFramework,
  name: string,
  file: string,
  body: (path: string) => void,
  options: SharedFixtureOptions,
): void {
  const env = options.env ?? process.env;
  const path = join(sharedFixturesDir(options.fromDir, env), file);
  if (existsSync(path)) {
    framework.describe(name, () => body(path));
    return;
  }
  const message = `shared fixtures not found: ${path} (set ECOM_CONFORMANCE_DIR)`;
  framework.describe(name, () => {
    if (env['CI'] === 'true') {
      framework.it('needs the shared fixtures in CI', () => {
        throw new Error(message);
      });
      return;
    }
    (options.log ?? console.log)(`${name}: skipped, ${message}`);
    framework.it.skip(`${file} not found`, () => undefined);
  });
}
