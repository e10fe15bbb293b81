/**
 * `describe` for suites that need a real PostgreSQL. Reachable: the suite runs. Unreachable: the suite fails and says
 * why. It never skips: a suite that claims to exercise PostgreSQL talks to a real one, in CI and on a laptop alike.
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
  describe: (name: string, body: () => void) => void;
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
  /** Server to probe (default {@link testAdminUrl}, from `DATABASE_URL`). */
  url?: string;
}

/**
 * Declares `body` as a suite named `name` if PostgreSQL answers; otherwise a suite with one failing test that names
 * the server (credentials masked) and the reason.
 *
 * @example
 * ```ts
 * describeWithPostgres({ describe, it }, 'orders routes', () => {
 *   it('lists', async () => undefined); // your test against the server
 * });
 * ```
 */
export function describeWithPostgres(
  framework: SuiteFramework,
  name: string,
  body: () => void,
  options: PostgresSuiteOptions = {},
): void {
  const url = options.url ?? testAdminUrl();
  const reason = probePostgres(url);
  if (reason === null) {
    framework.describe(name, body);
    return;
  }
  const message = `PostgreSQL at ${redactUrl(url)} is unreachable: ${reason}`;
  framework.describe(name, () => {
    framework.it('needs a reachable PostgreSQL (start it, or set DATABASE_URL)', () => {
      throw new Error(message);
    });
  });
}
