/**
 * `describe` for suites that need a real PostgreSQL. Reachable: the suite runs. Unreachable: with `CI=true` the suite
 * fails and says why (CI never skips because a server is missing); elsewhere it is skipped with a printed reason.
 */
import { probePostgres, redactUrl, testAdminUrl } from './postgres-probe.js';

/**
 * The parts of the test framework's globals this needs (jest's `describe` and `it` fit), so that the library build
 * needs no test-framework types.
 *
 * @example
 * ```ts
 * const framework: SuiteFramework = { describe, it };
 * ```
 */
export interface SuiteFramework {
  describe: ((name: string, body: () => void) => void) & { skip: (name: string, body: () => void) => void };
  it: (name: string, test: () => void) => void;
}

/**
 * Options of {@link describeWithPostgres}.
 *
 * @example
 * ```ts
 * const options: PostgresSuiteOptions = { url: 'postgres://postgres@127.0.0.1:55432/postgres' };
 * ```
 */
export interface PostgresSuiteOptions {
  /** Server to probe (default {@link testAdminUrl}). */
  url?: string;
  /** Environment to read `CI` from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Where the skip reason is printed (default `console.warn`). */
  warn?: (message: string) => void;
}

/**
 * Declares `body` as a suite named `name` if PostgreSQL answers (see the module comment for the other cases).
 *
 * @example
 * ```ts
 * describeWithPostgres({ describe, it }, 'orders routes', () => {
 *   it('lists', async () => { … });
 * });
 * ```
 */
export function describeWithPostgres(
  framework: SuiteFramework,
  name: string,
  body: () => void,
  options: PostgresSuiteOptions = {},
): void {
  const url = options.url ?? testAdminUrl(options.env);
  const reason = probePostgres(url);
  if (reason === null) {
    framework.describe(name, body);
    return;
  }
  const message = `PostgreSQL at ${redactUrl(url)} is unreachable: ${reason}`;
  if ((options.env ?? process.env)['CI'] === 'true') {
    framework.describe(name, () => {
      framework.it('needs a reachable PostgreSQL (CI=true, not skipping)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  (options.warn ?? console.warn)(`Skipping "${name}": ${message}`);
  framework.describe.skip(name, body);
}
