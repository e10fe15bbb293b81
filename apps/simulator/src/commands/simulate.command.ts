import { resolve } from 'node:path';
import type { Command } from 'commander';
import { instantOption, intOption, numberOption, seedOption } from '../cli/options.js';
import type { Progress } from '../cli/progress.js';
import { loadSnapshot } from '../db/load-snapshot.js';
import { inTransaction, withPool } from '../db/pool.js';
import { SimulatorError } from '../errors.js';
import { Rng } from '../random/rng.js';
import { SimulationEngine, type EngineOptions } from '../simulation/engine.js';
import { ShopState } from '../simulation/shop-state.js';
import { HISTORICAL_PROFILE, LIVE_PROFILE } from '../simulation/timing-profile.js';
import { parseWeights } from '../simulation/weights.js';
import { BulkWriter, type BulkCounts } from '../sinks/bulk-writer.js';
import { JsonLinesFile, tasteTruthLines } from '../sinks/ground-truth.js';
import { ShopTastes } from '../simulation/tastes.js';
import { LiveWriter, type LiveCounts } from '../sinks/live-writer.js';
import { assertSchema } from './generate.command.js';

/** Options of the `simulate` command. */
export interface SimulateOptions {
  /** Live: concurrent shoppers. Historical: sessions per day (default 300). */
  readonly sessions?: number;
  /** Live run length in minutes. */
  readonly duration: number;
  /** Live: target events per second (all shoppers together). */
  readonly rate?: number;
  /** `--weights` JSON. */
  readonly weights?: string;
  readonly seed: string;
  /** Days of back-dated history (historical mode). */
  readonly historical?: number;
  /** End of the history (default: now). */
  readonly until?: Date;
  readonly injectFraud: boolean;
  /** Fraud scenarios per pattern. */
  readonly fraudCount: number;
  /** Ground-truth JSON-lines file. */
  readonly fraudOut: string;
  /** Tastes ground-truth JSON-lines file (written only when given). */
  readonly tastesOut?: string;
}

/** Summary of a simulate run. */
export interface SimulateResult {
  readonly mode: 'live' | 'historical';
  readonly start: Date;
  readonly end: Date;
  readonly sessions: number;
  readonly events: number;
  readonly orders: number;
  readonly fraudOrders: number;
  readonly written: BulkCounts | LiveCounts;
  readonly groundTruth?: { path: string; lines: number };
  readonly tastesTruth?: { path: string; lines: number };
  readonly warnings: readonly string[];
}

/** Defaults of `simulate`. */
export const SIMULATE_DEFAULTS = {
  liveSessions: 5,
  historicalSessionsPerDay: 100,
  duration: 5,
  fraudCount: 2,
} as const;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * `simulate`: live shopper traffic at wall-clock pace (each action its own transaction), or `--historical DAYS` of
 * back-dated traffic written in one bulk transaction, optionally with injected fraud and its ground truth.
 *
 * @example
 * await runSimulate(url, { historical: 30, seed: '42', duration: 5, injectFraud: true, fraudCount: 2, fraudOut: 'truth.jsonl' }, progress, console.warn);
 */
export async function runSimulate(
  databaseUrl: string,
  options: SimulateOptions,
  progress: Progress,
  warn: (message: string) => void,
): Promise<SimulateResult> {
  const weights = parseWeights(options.weights);
  const historical = options.historical !== undefined;
  if (!historical && options.until)
    throw new SimulatorError('invalid_option', '--until only applies to --historical.');
  const rng = Rng.fromSeed(options.seed);
  const sessions =
    options.sessions ??
    (historical ? SIMULATE_DEFAULTS.historicalSessionsPerDay : SIMULATE_DEFAULTS.liveSessions);
  return withPool(databaseUrl, async (pool) => {
    await assertSchema(pool);
    const snapshot = await loadSnapshot(pool);
    const tastes = ShopTastes.generate(snapshot.customers, snapshot.products, rng.fork('tastes'));
    const state = new ShopState(snapshot, rng.fork('popularity'), tastes);
    let tastesTruth: { path: string; lines: number } | undefined;
    if (options.tastesOut !== undefined) {
      const file = new JsonLinesFile(resolve(options.tastesOut));
      for (const line of tasteTruthLines(tastes)) file.write(line);
      await file.close();
      tastesTruth = { path: file.path, lines: file.lines };
    }
    const end = historical ? (options.until ?? new Date()).getTime() : Date.now() + options.duration * 60_000;
    const start = historical ? end - (options.historical as number) * 86_400_000 : Date.now();
    const engineOptions: EngineOptions = {
      start,
      end,
      arrivals: historical
        ? { kind: 'daily', sessionsPerDay: sessions }
        : { kind: 'slots', shoppers: sessions },
      profile: historical ? HISTORICAL_PROFILE : LIVE_PROFILE,
      weights,
      ...(options.rate !== undefined && !historical
        ? { meanThinkMs: (Math.max(sessions, 1) / options.rate) * 1000 }
        : {}),
      ...(options.injectFraud ? { fraud: { perPattern: options.fraudCount } } : {}),
    };
    const engine = new SimulationEngine(state, rng.fork('simulate'), engineOptions);
    const truthPath = resolve(options.fraudOut);
    let written: BulkCounts | LiveCounts;
    let truthLines: number | undefined;
    if (historical) {
      const writer = new BulkWriter();
      for (const op of engine.run()) writer.add(op);
      written = await inTransaction(pool, (client) => writer.flush(client, state, progress));
      if (options.injectFraud) {
        const file = new JsonLinesFile(truthPath);
        for (const line of writer.groundTruth()) file.write(line);
        await file.close();
        truthLines = file.lines;
      }
    } else {
      const file = options.injectFraud ? new JsonLinesFile(truthPath) : undefined;
      const writer = new LiveWriter(pool, (line) => file?.write(line), warn);
      const total = end - start;
      progress.start('simulate (s)', Math.round(total / 1000));
      try {
        for (const op of engine.run()) {
          const wait = op.at - Date.now();
          if (wait > 0) await sleep(wait);
          await writer.apply(op);
          progress.update(Math.round((Math.min(op.at, end) - start) / 1000));
        }
      } finally {
        progress.stop();
        await file?.close();
      }
      written = writer.counts;
      truthLines = file?.lines;
    }
    return {
      mode: historical ? 'historical' : 'live',
      start: new Date(start),
      end: new Date(end),
      sessions: engine.stats.sessions,
      events: engine.stats.events,
      orders: engine.stats.orders,
      fraudOrders: engine.stats.fraudOrders,
      written,
      ...(truthLines !== undefined ? { groundTruth: { path: truthPath, lines: truthLines } } : {}),
      ...(tastesTruth ? { tastesTruth } : {}),
      warnings: engine.warnings,
    };
  });
}

/**
 * Adds the `simulate` command to the program.
 *
 * @example
 * registerSimulateCommand(program, { write: console.log, databaseUrl: () => url, progress: () => createProgress() });
 */
export function registerSimulateCommand(
  program: Command,
  io: { write: (text: string) => void; databaseUrl: () => string; progress: () => Progress },
): void {
  program
    .command('simulate')
    .description(
      'Simulate shoppers: live at wall-clock pace (each action one transaction), or --historical DAYS back-dated in seconds.',
    )
    .option(
      '--sessions <n>',
      `live: concurrent shoppers (default ${SIMULATE_DEFAULTS.liveSessions}); historical: sessions per day (default ${SIMULATE_DEFAULTS.historicalSessionsPerDay})`,
      intOption(0, 1_000_000),
    )
    .option(
      '--duration <min>',
      'live: run length in minutes (fractions allowed)',
      numberOption(0, 10_080),
      SIMULATE_DEFAULTS.duration,
    )
    .option(
      '--rate <ev_per_s>',
      'live: target events per second across all shoppers (default: 1–3 s think time per shopper)',
      numberOption(0, 100_000),
    )
    .option(
      '--weights <json>',
      'action weights, e.g. \'{"view_product":0.5,"place_order":0.2}\' (omitted actions keep their default)',
    )
    .option('--seed <s>', 'seed of every random choice', seedOption, '42')
    .option(
      '--historical <days>',
      'write DAYS of back-dated history ending now (or at --until), as fast as the database allows',
      intOption(1, 3_650),
    )
    .option(
      '--until <iso>',
      'historical: end of the history (default now), for reproducible timestamps',
      instantOption,
    )
    .option(
      '--inject-fraud',
      'inject bursts, high-value and repeated orders and write their ground truth',
      false,
    )
    .option(
      '--fraud-count <n>',
      'fraud scenarios per pattern',
      intOption(1, 10_000),
      SIMULATE_DEFAULTS.fraudCount,
    )
    .option('--fraud-out <path>', 'ground-truth JSON-lines file', 'fraud-ground-truth.jsonl')
    .option(
      '--tastes-out <path>',
      "write the customers' true tastes (category affinities, price band) and the bundles as JSON lines",
    )
    .action(async (opts: SimulateOptions) => {
      const url = io.databaseUrl();
      const result = await runSimulate(url, opts, io.progress(), (message) =>
        process.stderr.write(`warning: ${message}\n`),
      );
      for (const warning of result.warnings) io.write(`warning: ${warning}`);
      io.write(
        `simulate ${result.mode} (seed ${opts.seed}) ${result.start.toISOString()} → ${result.end.toISOString()}: ` +
          `${result.sessions} sessions, ${result.events} events, ${result.orders} orders` +
          (opts.injectFraud ? `, ${result.fraudOrders} injected fraud orders` : ''),
      );
      io.write(`written: ${JSON.stringify(result.written)}`);
      if (result.groundTruth)
        io.write(`fraud ground truth: ${result.groundTruth.lines} lines in ${result.groundTruth.path}`);
      if (result.tastesTruth)
        io.write(`tastes ground truth: ${result.tastesTruth.lines} lines in ${result.tastesTruth.path}`);
    });
}
