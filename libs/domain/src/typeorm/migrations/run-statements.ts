import type { QueryRunner } from 'typeorm';

/**
 * Runs SQL statements one by one on a migration's query runner (so an error names the failing statement).
 *
 * @example
 * ```ts
 * await runStatements(queryRunner, ['CREATE TABLE a (id int)', 'CREATE TABLE b (id int)']);
 * ```
 */
export async function runStatements(queryRunner: QueryRunner, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await queryRunner.query(statement);
}
