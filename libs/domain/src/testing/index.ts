/**
 * `@ecom/domain/testing`: helpers for test suites and benchmarks that run against a real PostgreSQL: where the server
 * is, whether it answers, suites that fail in CI (and skip elsewhere) when it does not, and temporary databases with
 * the shop schema. Needs the optional peers `pg` and `typeorm`.
 *
 * @example
 * ```ts
 * import { createTempDatabase, describeWithPostgres } from '@ecom/domain/testing';
 * describeWithPostgres({ describe, it }, 'orders', () => {
 *   let db: TempDatabase;
 *   beforeAll(async () => { db = await createTempDatabase({ prefix: 'ecom_test', migrate: true }); });
 *   afterAll(() => db.drop());
 * });
 * ```
 */
export {
  describeWithPostgres,
  type PostgresSuiteOptions,
  type SuiteFramework,
} from './describe-with-postgres.js';
export { probePostgres, redactUrl, testAdminUrl } from './postgres-probe.js';
export { createTempDatabase, type TempDatabase, type TempDatabaseOptions } from './temp-database.js';
export {
  describeWithSharedFixtures,
  sharedFixturesDir,
  type SharedFixtureOptions,
  type SkippableSuiteFramework,
} from './shared-fixtures.js';
