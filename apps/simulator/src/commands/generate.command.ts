import { SHOP_TABLE_NAMES } from '@ecom/domain';
import type pg from 'pg';
import { generateCategories, generateProducts } from '../catalogue/generate-catalogue.js';
import { generateCustomers } from '../catalogue/generate-customers.js';
import { DEFAULT_PASSWORD, hashPassword } from '../catalogue/hash-password.js';
import type { Progress } from '../cli/progress.js';
import { clearAllData } from '../db/clear-tables.js';
import { inTransaction, withPool } from '../db/pool.js';
import { SimulatorError } from '../errors.js';
import { writeMasterData, type CustomerRow, type MasterDataCounts } from '../generate/write-master-data.js';
import { Rng } from '../random/rng.js';

/** Options of the `generate` command. */
export interface GenerateOptions {
  readonly categories: number;
  readonly products: number;
  readonly customers: number;
  readonly seed: string;
  readonly clear: boolean;
  readonly bcryptCost: number;
}

/**
 * Fails with a clear message when the shop tables do not exist yet.
 *
 * @example
 * await assertSchema(pool); // throws "run `db init` first" on an empty database
 */
export async function assertSchema(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ missing: string[] }>(
    `SELECT array_agg(name) FILTER (WHERE to_regclass(name) IS NULL) AS missing FROM unnest($1::text[]) AS name`,
    [SHOP_TABLE_NAMES],
  );
  const missing = rows[0]?.missing ?? [];
  if (missing.length > 0) {
    throw new SimulatorError(
      'missing_data',
      `The shop schema is missing (${missing.join(', ')}): run \`npm run simulator -- db init\` first.`,
    );
  }
}

/**
 * Builds the master data of a seed in memory: categories, products and customers with bcrypt-hashed passwords.
 * Pure apart from the hashing cost; the same options always give the same rows.
 *
 * @example
 * const data = buildMasterData({ categories: 15, products: 200, customers: 100, seed: '42', clear: false, bcryptCost: 4 }, progress);
 */
export function buildMasterData(options: GenerateOptions, progress: Progress) {
  const rng = Rng.fromSeed(options.seed);
  const categories = generateCategories(options.categories);
  const products = generateProducts(rng.fork('products'), options.products, options.categories);
  const drafts = generateCustomers(rng.fork('customers'), options.customers);
  const saltRng = rng.fork('salts');
  progress.start('hash passwords', drafts.length);
  const customers: CustomerRow[] = drafts.map((draft, i) => {
    const row = { ...draft, password: hashPassword(DEFAULT_PASSWORD, options.bcryptCost, saltRng) };
    if (i % 10 === 9) progress.update(i + 1);
    return row;
  });
  progress.stop();
  return { categories, products, customers };
}

/**
 * `generate`: writes a seeded Vietnamese shop catalogue (categories, products, customers) in one transaction.
 * Idempotent; `--clear` first truncates every shop table (dynamic data too, children first).
 *
 * @example
 * await runGenerate(url, { categories: 15, products: 200, customers: 100, seed: '42', clear: false, bcryptCost: 10 }, progress);
 * // { categories: 15, products: 200, customers: 100 } (rows inserted or changed)
 */
export async function runGenerate(
  databaseUrl: string,
  options: GenerateOptions,
  progress: Progress,
): Promise<MasterDataCounts & { cleared: boolean }> {
  if (options.products > 0 && options.categories === 0) {
    throw new SimulatorError('invalid_option', '--products needs at least one category (--categories >= 1).');
  }
  return withPool(databaseUrl, async (pool) => {
    await assertSchema(pool);
    const data = buildMasterData(options, progress);
    const counts = await inTransaction(pool, async (client) => {
      if (options.clear) await clearAllData(client);
      return writeMasterData(client, data, progress);
    });
    return { ...counts, cleared: options.clear };
  });
}
