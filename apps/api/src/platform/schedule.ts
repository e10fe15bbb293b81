import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Cron } from 'croner';
import type { Logger } from 'pino';
import { runAppProcess } from './app-process.js';

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
 * A batch task of the platform: commands of the workspace's CLIs run one after the other (the same a user puts in
 * cron or an Airflow `BashOperator`), on a cron expression, and once `firstAfterMs` after start.
 *
 * @example
 * const recs: ScheduledTask = {
 *   name: 'recommendations',
 *   cron: '*／10 * * * *'.replace('／', '/'),
 *   firstAfterMs: 60_000,
 *   commands: [{ main: 'apps/api/src/recommendations/cli/main.ts', args: ['train'] }],
 * };
 */
export interface ScheduledTask {
  readonly name: string;
  readonly cron: string;
  readonly firstAfterMs: number;
  readonly commands: readonly { readonly main: string; readonly args: readonly string[] }[];
}

/**
 * The batch work of `npm start` on its cron schedule: its `stop()` waits for the runs in progress.
 *
 * @example
 * declare const schedule: Schedule;
 * await schedule.stop();
 */
export interface Schedule {
  stop(): Promise<void>;
}

/**
 * Runs `tasks` on their cron schedules ({@link https://github.com/hexagon/croner croner}; no overlap: a run still
 * going when the next is due skips it), each command as a child process with `env` (its output appended to
 * `<dataDir>/logs/schedule.log`). Each run is logged with its duration and outcome and appended to
 * `<dataDir>/runs.jsonl` ({@link ScheduledRun}).
 *
 * @example
 * import { createLogger } from '../http/request-logger.js';
 * const schedule = startSchedule('.ecom', [], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecom' }, createLogger('info'));
 * await schedule.stop();
 */
export function startSchedule(
  dataDir: string,
  tasks: readonly ScheduledTask[],
  env: Readonly<Record<string, string>>,
  logger: Logger,
): Schedule {
  const log = join(dataDir, 'logs', 'schedule.log');
  const running = new Set<Promise<void>>();
  const runTask = async (task: ScheduledTask) => {
    const started = Date.now();
    const base = { task: task.name, startedAt: new Date(started).toISOString() };
    let run: ScheduledRun;
    try {
      for (const { main, args } of task.commands)
        await runAppProcess({ name: `${task.name}: ${args.join(' ')}`, main, args, env, log });
      run = { ...base, durationMs: Date.now() - started, outcome: 'ok' };
      logger.info(run, 'scheduled run done');
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      run = { ...base, durationMs: Date.now() - started, outcome: 'failed', error };
      logger.warn(run, 'scheduled run failed');
    }
    await appendFile(join(dataDir, 'runs.jsonl'), `${JSON.stringify(run)}\n`);
  };
  const jobs = tasks.map(
    (task) =>
      new Cron(task.cron, { protect: true, name: task.name }, () => {
        const run = runTask(task);
        running.add(run);
        return run.finally(() => running.delete(run));
      }),
  );
  const firsts = tasks.map((task, i) => setTimeout(() => void jobs[i]?.trigger(), task.firstAfterMs));
  return {
    async stop() {
      for (const timer of firsts) clearTimeout(timer);
      for (const job of jobs) job.stop();
      await Promise.all([...running]);
    },
  };
}
