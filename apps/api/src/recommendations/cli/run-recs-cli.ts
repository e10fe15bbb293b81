/**
 * The `recs` command line: `train`, `evaluate`, `publish`. Pure apart from the injected services, so specs run it
 * in-process on a test database; `main.ts` wires it to pg, ioredis and the disk.
 */
import { parseArgs } from 'node:util';
import {
  InteractionMatrix,
  aggregateInteractions,
  decodeFactors,
  encodeFactors,
  evaluateModels,
  evaluationTable,
  publicationFromInteractions,
  trainAls,
  type ModelVersion,
  type ServingStore,
} from '@ecom/recommendations';
import type { Queryable } from '../../db.js';
import { readShopInteractions } from '../pg-interactions.js';

/**
 * Where models are kept: `train` writes one file per model id and marks it the latest; `publish` reads it.
 *
 * @example
 * ```ts
 * const files = new Map<string, Uint8Array>();
 * const models: ModelFiles = { write: async (id, b) => (files.set(id, b), `memory:${id}`), latest: async () => [...files.values()].at(-1) ?? null };
 * ```
 */
export interface ModelFiles {
  write(modelId: string, bytes: Uint8Array): Promise<string>;
  latest(): Promise<Uint8Array | null>;
}

/**
 * The process pieces of the CLI.
 *
 * @example
 * ```ts
 * declare const io: RecsCliIo;
 * process.exitCode = await runRecsCli(['train'], io);
 * ```
 */
export interface RecsCliIo {
  readonly db: Queryable;
  /** Built only by `publish`. */
  store(): ServingStore;
  readonly models: ModelFiles;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Default `Date.now`. */
  now?(): number;
}

/**
 * Help text of the CLI.
 *
 * @example
 * ```ts
 * console.log(RECS_USAGE);
 * ```
 */
export const RECS_USAGE = `usage:
  recs train    [--factors 32] [--iterations 10] [--seed 42]  ALS on every interaction in Postgres → a model file
  recs evaluate                                               leave-last-out HR@10 / NDCG@10 of every model
  recs publish  [--k 50]                                      newest model → top-K per customer, similar, trending
env: DATABASE_URL, REDIS_URL (store: Redis if set, else Postgres), RECS_MODEL_DIR (default .recs/models)`;

const modelIdOf = (ms: number, seed: number): string =>
  `als-${new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-s${seed}`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs one `recs` command; returns the exit code (0 ok, 1 failure, 2 usage).
 *
 * @example
 * ```ts
 * declare const io: RecsCliIo;
 * await runRecsCli(['publish', '--k', '20'], io); // 0
 * ```
 */
export async function runRecsCli(argv: readonly string[], io: RecsCliIo): Promise<number> {
  const now = io.now ?? Date.now;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        factors: { type: 'string', default: '32' },
        iterations: { type: 'string', default: '10' },
        seed: { type: 'string', default: '42' },
        k: { type: 'string', default: '50' },
      },
    });
  } catch (err) {
    io.stderr(`${(err as Error).message}\n${RECS_USAGE}\n`);
    return 2;
  }
  const [command] = parsed.positionals;
  const int = (name: 'factors' | 'iterations' | 'seed' | 'k'): number => {
    const value = Number(parsed.values[name]);
    if (!Number.isSafeInteger(value) || value < 1)
      throw new UsageError(`--${name} must be a positive integer`);
    return value;
  };
  try {
    const started = now();
    if (command === 'train') {
      const parameters = { factors: int('factors'), iterations: int('iterations'), seed: int('seed') };
      const { interactions } = await readShopInteractions(io.db, started);
      const cells = aggregateInteractions(interactions, { asOf: started });
      const matrix = InteractionMatrix.from(cells);
      const model = trainAls(matrix, parameters);
      const factors = model.toFactors();
      const version: ModelVersion = {
        modelId: modelIdOf(started, parameters.seed),
        kind: 'als',
        trainedAtMs: now(),
        dataCutoffMs: started,
        parameters: model.parameters,
        metrics: {},
        customers: factors.customerIds.length,
        products: factors.productIds.length,
        nonZeros: cells.length,
      };
      const where = await io.models.write(version.modelId, encodeFactors(version, factors));
      io.stdout(
        `trained ${version.modelId}: ${version.customers} customers × ${version.products} products, ` +
          `${version.nonZeros} cells from ${interactions.length} interactions, in ${seconds(now() - started)} → ${where}\n`,
      );
      return 0;
    }
    if (command === 'evaluate') {
      const { interactions, productCategories } = await readShopInteractions(io.db, started);
      const { results, split } = evaluateModels(interactions, productCategories, started);
      io.stdout(
        `leave-last-out on ${split.heldOut.size} customers (${interactions.length} interactions), ` +
          `${seconds(now() - started)}\n${evaluationTable(results, 'global popularity')}\n`,
      );
      return 0;
    }
    if (command === 'publish') {
      const k = int('k');
      const bytes = await io.models.latest();
      if (bytes === null) {
        io.stderr('no model yet: run `npm run recs -- train` first\n');
        return 1;
      }
      const { version, factors } = decodeFactors(bytes);
      const { interactions, productCategories } = await readShopInteractions(io.db, started);
      const publication = publicationFromInteractions({
        modelId: version.modelId,
        publishedAtMs: started,
        factors,
        interactions,
        productCategories,
        asOf: started,
        k,
      });
      await io.store().publish({ ...publication, version });
      io.stdout(
        `published ${version.modelId}: ${publication.customers.size} customers, ${publication.similar.size} ` +
          `similar lists, ${publication.trending.size} trending lists (top ${k}), in ${seconds(now() - started)}\n`,
      );
      return 0;
    }
    io.stderr(
      `${command === undefined ? 'missing command' : `unknown command "${command}"`}\n${RECS_USAGE}\n`,
    );
    return 2;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n${RECS_USAGE}\n`);
      return 2;
    }
    io.stderr(`recs ${command}: ${(err as Error).message}\n`);
    return 1;
  }
}

class UsageError extends Error {}
