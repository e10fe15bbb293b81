/**
 * Placeholders the TSDoc examples of apps/simulator use without declaring them: database handles, the seeded
 * generator, the CLI program and the simulation's parts. Real types, so a wrong name or call shape in an example
 * still fails `examples:check`.
 */
import type { AlsRecommender, LeaveLastOutSplit } from '@ecom/recommendations';
import type { Command } from 'commander';
import type pg from 'pg';
import type { Progress } from '../../apps/simulator/src/cli/progress.js';
import type { CustomerRow } from '../../apps/simulator/src/generate/write-master-data.js';
import type { Rng } from '../../apps/simulator/src/random/rng.js';
import type { SimulationEngine } from '../../apps/simulator/src/simulation/engine.js';
import type { FraudHooks } from '../../apps/simulator/src/simulation/fraud-scenarios.js';
import type { ShopSnapshot, ShopState, SimProduct } from '../../apps/simulator/src/simulation/shop-state.js';
import type { CustomerTaste, ShopTastes } from '../../apps/simulator/src/simulation/tastes.js';
import type { SimulatedShop } from '../../apps/simulator/src/testing/shop-interactions.js';
import type { SimOrder } from '../../apps/simulator/src/simulation/sim-ops.js';
import type { BulkWriter } from '../../apps/simulator/src/sinks/bulk-writer.js';
import type { JsonLinesFile } from '../../apps/simulator/src/sinks/ground-truth.js';
import type { OrderRecord } from '../../apps/simulator/src/sinks/order-tables.js';

/** A DATABASE_URL. */
export declare const url: string;
/** A connection pool, and one client checked out of it (inside a transaction where the example says so). */
export declare const pool: pg.Pool;
export declare const client: pg.PoolClient;
/** The run's seeded generator. */
export declare const rng: Rng;
/** The commander program being built. */
export declare const program: Command;
/** A progress reporter. */
export declare const progress: Progress;
/** The shop as loaded from the database, and the simulation's state over it. */
export declare const snapshot: ShopSnapshot;
export declare const state: ShopState;
/** A configured engine and the writer its operations go to. */
export declare const engine: SimulationEngine;
export declare const writer: BulkWriter;
/** What the engine lends the fraud planner. */
export declare const hooks: FraudHooks;
/** A generated customer (with its bcrypt hash) and a planned order. */
export declare const customer: CustomerRow;
export declare const order: SimOrder;
/** The order records a historical run buffered. */
export declare const records: OrderRecord[];
/** The fraud ground-truth file. */
export declare const truth: JsonLinesFile;
/** Waits until the wall clock reaches `at` (epoch milliseconds). */
export declare function sleepUntil(at: number): Promise<void>;
/** An error caught by the CLI. */
export declare const err: unknown;
/** The customers' tastes, one customer's taste and a product of the state. */
export declare const tastes: ShopTastes;
export declare const taste: CustomerTaste;
export declare const product: SimProduct;
/** An in-memory simulated shop, a leave-last-out split of its interactions and an ALS recommender trained on it. */
export declare const shop: SimulatedShop;
export declare const split: LeaveLastOutSplit;
export declare const als: AlsRecommender;
