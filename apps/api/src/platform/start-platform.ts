import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { loadApiConfig } from '../config.js';
import { startApiServer, type RunningApi } from '../serve.js';
import { runAppProcess, startAppProcess, type AppProcess } from './app-process.js';
import { lockDataDir } from './data-dir-lock.js';
import { watchPlatformCounters } from './platform-counters.js';
import type { PlatformConfig } from './platform-config.js';
import { startPostgresProcess, type PostgresProcess } from './postgres-process.js';
import { startSchedule, type Schedule, type ScheduledTask } from './schedule.js';

/** The file of a running platform's {@link PlatformState}, in its data folder. */
export const PLATFORM_STATE_FILE = 'platform.json';

/**
 * What a running `npm start` writes to `<dataDir>/platform.json` (mode 600: the database URL holds the embedded
 * server's password) for tools and tests: its pid, the API's URL and the database's.
 *
 * @example
 * const state: PlatformState = { pid: 4242, api: 'http://127.0.0.1:8000', database: 'postgres://postgres:pw@127.0.0.1:5433/ecom' };
 */
export interface PlatformState {
  readonly pid: number;
  readonly api: string;
  readonly database: string;
}

async function writePlatformState(dataDir: string, state: PlatformState): Promise<void> {
  await writeFile(join(dataDir, PLATFORM_STATE_FILE), `${JSON.stringify(state)}\n`, { mode: 0o600 });
}

/** The stream jobs `npm start` runs, in one process on the in-process source. */
export const PLATFORM_JOBS = ['revenue', 'top-products', 'fraud'] as const;

const SIMULATOR = 'apps/simulator/src/main.ts';
const JOBS = 'apps/jobs/src/main.ts';

/**
 * The running platform: the API's URL, the database's, and `stop()` (simulator, jobs, schedule, API, then the
 * database, each given time to finish).
 *
 * @example
 * declare const platform: RunningPlatform;
 * console.log(`${platform.url}/docs`);
 * await platform.stop();
 */
export interface RunningPlatform {
  readonly url: string;
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * The platform's batch work: recommendation training and publication, and the lake export (to `<dataDir>/lake`,
 * or, when `LAKE_S3_ACCESS_KEY` is set, to S3 and registered in Trino, then the marts built).
 */
function platformTasks(
  config: PlatformConfig,
  env: Readonly<Record<string, string | undefined>>,
): ScheduledTask[] {
  const onS3 = (env['LAKE_S3_ACCESS_KEY'] ?? '') !== '';
  const lake = 'libs/lakehouse/src/cli/main.ts';
  return [
    {
      name: 'recommendations',
      cron: config.recsSchedule,
      firstAfterMs: 60_000,
      commands: ['train', 'publish'].map((c) => ({
        main: 'apps/api/src/recommendations/cli/main.ts',
        args: [c],
      })),
    },
    {
      name: onS3 ? 'lake export + marts' : 'lake export (local disk)',
      cron: config.lakeSchedule,
      firstAfterMs: 120_000,
      commands: [
        { main: lake, args: ['export'] },
        ...(onS3 ? [{ main: lake, args: ['marts', 'build'] }] : []),
      ],
    },
  ];
}

/** Resolves once `query` returns a row with `ok = true`, polling every 250 ms, or rejects after `timeoutMs`. */
async function until(databaseUrl: string, sql: string, params: unknown[], timeoutMs: number, what: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ ok: boolean }>(sql, params);
      if (rows[0]?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
  } finally {
    await client.end();
  }
}

async function productCount(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM products');
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** The live simulation in segments: segment n runs `segmentMinutes` with seed + n and one fraud of each kind. */
function simulateForever(config: PlatformConfig, env: Record<string, string>, logger: Logger) {
  const counter = join(config.dataDir, 'simulation-segment');
  let current: AppProcess | null = null;
  let stopped = false;
  const loop = (async () => {
    let segment = Number((await readFile(counter, 'utf8').catch(() => '0')).trim()) || 0;
    while (!stopped) {
      await writeFile(counter, `${segment + 1}\n`);
      const seed = config.seed + segment;
      current = startAppProcess({
        name: 'simulator',
        main: SIMULATOR,
        args: [
          'simulate',
          ...['--rate', String(config.simulateRate), '--duration', String(config.segmentMinutes)],
          ...['--seed', String(seed), '--inject-fraud', '--fraud-count', '1'],
          ...['--fraud-out', join(config.dataDir, `fraud-ground-truth-${segment}.jsonl`)],
        ],
        env,
        log: join(config.dataDir, 'logs', 'simulator.log'),
      });
      const result = await current.exited;
      if (!stopped && result !== 0) {
        logger.error({ exit: result }, 'the simulator failed; see logs/simulator.log; retrying in 10 s');
        await new Promise((resolve) => setTimeout(resolve, 10_000));
      }
      segment++;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await current?.stop(10_000);
      await loop;
    },
  };
}

/**
 * Starts the whole platform in one command (`npm start`): takes the data folder, starts the embedded PostgreSQL
 * (or uses `DATABASE_URL`), runs the migrations, generates the catalogue on first start, starts the stream jobs in
 * one process on the built-in CDC source (no Kafka: `jobs run revenue top-products fraud` with
 * `JOBS_SOURCE=pgoutput`), then the live simulation, the API and dashboard, and the schedule of batch work. Every
 * part runs the same code as its stand-alone app. `stop()` stops them in reverse order: the simulator, the jobs
 * (their last checkpoint: they resume there), the schedule, the API, then the database.
 *
 * @example
 * import { loadPlatformConfig } from './platform-config.js';
 * import { createLogger } from '../http/request-logger.js';
 * const platform = await startPlatform(loadPlatformConfig([], process.env), process.env, createLogger('info'));
 * process.once('SIGINT', () => void platform.stop());
 */
export async function startPlatform(
  config: PlatformConfig,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
): Promise<RunningPlatform> {
  const { dataDir } = config;
  const release = await lockDataDir(dataDir);
  await mkdir(join(dataDir, 'logs'), { recursive: true });
  const started: { stop(): Promise<unknown> }[] = [];
  const stopAll = async () => {
    for (const part of started.reverse())
      await part.stop().catch((err: unknown) => logger.error({ err }, 'stop failed'));
    started.length = 0;
    await release();
  };
  try {
    let postgres: PostgresProcess | null = null;
    if (config.databaseUrl === null) {
      postgres = await startPostgresProcess(dataDir);
      started.push(postgres);
    }
    const databaseUrl = postgres?.url ?? (config.databaseUrl as string);
    logger.info({ embedded: postgres !== null }, 'PostgreSQL ready');
    const child = { DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' };
    const log = (name: string) => join(dataDir, 'logs', `${name}.log`);
    await runAppProcess({
      name: 'migrations',
      main: SIMULATOR,
      args: ['db', 'init'],
      env: child,
      log: log('simulator'),
    });
    if ((await productCount(databaseUrl)) === 0) {
      logger.info('first start: generating the catalogue');
      await runAppProcess({
        name: 'catalogue',
        main: SIMULATOR,
        args: ['generate', '--seed', String(config.seed)],
        env: child,
        log: log('simulator'),
      });
    }
    const jobs = startAppProcess({
      name: 'jobs',
      main: JOBS,
      args: ['run', ...PLATFORM_JOBS],
      env: {
        ...child,
        JOBS_SOURCE: 'pgoutput',
        JOBS_DEAD_LETTER_DIR: join(dataDir, 'dead-letters'),
        JOBS_EARLY_RESULTS_INTERVAL_MS: env['JOBS_EARLY_RESULTS_INTERVAL_MS'] ?? '1000',
        // One commit-ordered stream per job: the only disorder is how long a transaction stays open, so a 1 s bound
        // (not the 5 s of Kafka partitions) lets an alert fire a second after the order that completes it.
        JOBS_OUT_OF_ORDERNESS_MS: env['JOBS_OUT_OF_ORDERNESS_MS'] ?? '1000',
        JOBS_METRICS_PORT: env['JOBS_METRICS_PORT'] ?? '0',
      },
      log: log('jobs'),
    });
    started.push({ stop: () => jobs.stop(30_000) });
    // The jobs' slots exist before the first simulated change, so every change streams in commit order.
    await Promise.race([
      until(
        databaseUrl,
        `SELECT count(*) = $1 AS ok FROM pg_replication_slots WHERE slot_name = ANY($2)`,
        [PLATFORM_JOBS.length, PLATFORM_JOBS.map((j) => `ecom_jobs_${j.replace(/-/g, '_')}`)],
        120_000,
        'the jobs starting',
      ),
      jobs.exited.then((code) => {
        throw new Error(`the jobs exited (${code}) while starting; see ${log('jobs')}`);
      }),
    ]);
    logger.info({ jobs: PLATFORM_JOBS }, 'jobs streaming from PostgreSQL (in process, no Kafka)');
    const schedule: Schedule = startSchedule(
      dataDir,
      platformTasks(config, env),
      { ...child, RECS_MODEL_DIR: join(dataDir, 'models'), LAKE_DIR: join(dataDir, 'lake') },
      logger,
    );
    started.push(schedule);
    // The simulation first (its process takes a few seconds to start), the API meanwhile.
    if (config.simulate) {
      const simulation = simulateForever(config, child, logger);
      started.push(simulation);
    }
    const counters = watchPlatformCounters(dataDir);
    started.push(counters);
    const api: RunningApi = await startApiServer(
      loadApiConfig({ ...env, DATABASE_URL: databaseUrl }),
      logger,
      {
        dashboard: { counters: counters.current },
      },
    );
    started.push(api);
    await writePlatformState(dataDir, { pid: process.pid, api: api.url, database: databaseUrl });
    started.push({ stop: () => rm(join(dataDir, PLATFORM_STATE_FILE), { force: true }) });
    return { url: api.url, databaseUrl, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
