import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Cron } from 'croner';
import type { Logger } from 'pino';
import { runAppProcess } from './app-process.js';
import type { PlatformConfig } from './platform-config.js';

/**
 * One run of a scheduled task, as `<dataDir>/runs.jsonl` keeps it (one JSON line per run) and the API serves it.
 *
 * @example
 * const run: ScheduledRun = { task: 'recommendations', startedAt: '2026-12-04T10:00:00.000Z', durationMs: 5120, outcome: 'ok' };
 */
export interface ScheduledRun {
  readonly task: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'failed';
  /** Why it failed (one line). */
  readonly error?: string;
}

/**
 * The batch work of `npm start` on its cron schedule: its `stop()` waits for a run in progress.
 *
 * @example
 * declare const schedule: Schedule;
 * await schedule.stop();
 */
export interface Schedule {
  stop(): Promise<void>;
}

/**
 * Runs the platform's batch work on a cron schedule ({@link https://github.com/hexagon/croner croner}, no overlap:
 * a run still going when the next is due skips it), the same commands a user puts in cron or an Airflow DAG:
 * recommendation training and publication (`npm run recs -- train`, then `publish`) on `ECOM_RECS_SCHEDULE`, and
 * once shortly after start. Each run is logged with its duration and outcome, and appended to
 * `<dataDir>/runs.jsonl` ({@link ScheduledRun}).
 *
 * @example
 * import { createLogger } from '../http/request-logger.js';
 * declare const config: PlatformConfig;
 * const schedule = startSchedule(config, { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecom' }, createLogger('info'));
 * await schedule.stop();
 */
export function startSchedule(config: PlatformConfig, env: Record<string, string>, logger: Logger): Schedule {
  const log = join(config.dataDir, 'logs', 'schedule.log');
  let running: Promise<void> = Promise.resolve();
  const recs = async () => {
    const startedAt = new Date();
    let run: ScheduledRun;
    try {
      for (const command of ['train', 'publish'])
        await runAppProcess({
          name: `recs ${command}`,
          main: 'apps/api/src/recommendations/cli/main.ts',
          args: [command],
          env,
          log,
        });
      run = {
        task: 'recommendations',
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - +startedAt,
        outcome: 'ok',
      };
      logger.info(run, 'scheduled run done');
    } catch (e) {
      run = {
        task: 'recommendations',
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - +startedAt,
        outcome: 'failed',
        error: e instanceof Error ? e.message : String(e),
      };
      logger.warn(run, 'scheduled run failed');
    }
    await appendFile(join(config.dataDir, 'runs.jsonl'), `${JSON.stringify(run)}\n`);
  };
  const job = new Cron(config.recsSchedule, { protect: true, name: 'recommendations' }, () => {
    running = recs();
    return running;
  });
  const first = setTimeout(() => void job.trigger(), 60_000);
  return {
    async stop() {
      clearTimeout(first);
      job.stop();
      await running;
    },
  };
}
