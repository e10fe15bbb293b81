/**
 * Placeholders the TSDoc examples of libs/domain use without declaring them: input rows, database handles and the
 * test framework's globals (for `@ecom/domain/testing`). Real types, so a wrong name or call shape in an example
 * still fails `examples:check`.
 */
import type { QueryRunner, DataSource } from 'typeorm';
import type { Customer, Order } from '../../libs/domain/src/index.js';

export { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

/** A row as node-postgres or a CDC decoder returns it: not validated yet. */
export declare const row: unknown;
/** Validated rows. */
export declare const order: Order;
export declare const customer: Customer;
/** A DATABASE_URL. */
export declare const url: string;
/** An initialized TypeORM data source over the shop database, and a migration's query runner. */
export declare const dataSource: DataSource;
export declare const queryRunner: QueryRunner;
/** Sends a record that can never be processed to the dead-letter topic. */
export declare function deadLetter(code: string, raw: unknown): void;
