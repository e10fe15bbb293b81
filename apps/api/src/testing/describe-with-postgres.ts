// `describe` for suites that need a real PostgreSQL: skipped with a printed reason when the server is unreachable,
// except with CI=true, where the suite fails and says why.
import { REDACTED_ADMIN_URL, probePostgres } from './test-database.js';

const IN_CI = process.env['CI'] === 'true';
let cached: string | null | undefined;

/**
 * Why PostgreSQL cannot be used (`null` when it can); probed once per test file.
 *
 * @example
 * ```ts
 * postgresUnavailable(); // null, or 'connect ECONNREFUSED 127.0.0.1:5432'
 * ```
 */
export function postgresUnavailable(): string | null {
  if (cached === undefined) cached = probePostgres();
  return cached;
}

/**
 * Like `describe`, but only when PostgreSQL is reachable (see the file header for CI behaviour).
 *
 * @example
 * ```ts
 * describeWithPostgres('orders routes', () => { it('lists', async () => { ... }); });
 * ```
 */
export function describeWithPostgres(name: string, body: () => void): void {
  const reason = postgresUnavailable();
  if (reason === null) {
    describe(name, body);
    return;
  }
  const message = `PostgreSQL at ${REDACTED_ADMIN_URL} is unreachable: ${reason}`;
  if (IN_CI) {
    describe(name, () => {
      it('needs a reachable PostgreSQL (CI=true, not skipping)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": ${message}`);
  describe.skip(name, body);
}
