/**
 * The processing-time loop of a running job's stages: ticks (idle inputs) and deferred commits. A failure is
 * logged and counted (`TaskRunnerMetrics.tickErrors`, `ecom_jobs_tick_errors_total`), never fatal: what the tick
 * left pending is retried by the next batch or tick.
 */
import type { JobsLogger } from '../observability/logger.js';
import type { TaskRunner } from './task-runner.js';

/**
 * A stage as the ticker drives it: its runner, its logger (with `job` and `stage`), and whether its tasks act on
 * processing time (`tick()`, merging stages) or only commit what the commit interval deferred (`flush()`).
 *
 * @example
 * import { createJobsLogger } from '../observability/logger.js';
 * declare const runner: TaskRunner;
 * const stage: TickedStage = { runner, logger: createJobsLogger('info'), ticks: true };
 */
export interface TickedStage {
  readonly runner: Pick<TaskRunner, 'tick' | 'flush'>;
  readonly logger: JobsLogger;
  readonly ticks: boolean;
}

const logged = (stage: TickedStage, work: Promise<void>, message: string): Promise<void> =>
  work.catch((err: unknown) => stage.logger.warn({ err }, message));

/**
 * One round: ticks the stages that tick and flushes the others. Never rejects: each failure is logged (`warn`, with
 * the error) and counted by its runner.
 *
 * @example
 * declare const stages: readonly TickedStage[];
 * await tickStages(stages);
 */
export function tickStages(stages: readonly TickedStage[]): Promise<void> {
  return Promise.all(
    stages.map((s) =>
      logged(
        s,
        s.ticks ? s.runner.tick() : s.runner.flush(),
        'tick failed; what it left pending is retried by the next batch or tick',
      ),
    ),
  ).then(() => undefined);
}

/**
 * Commits everything the commit interval deferred, in every stage (before a clean stop). Never rejects: a failure
 * (a partition another instance claimed meanwhile is fenced) is logged; the records are replayed from the stored
 * offset by the next owner.
 *
 * @example
 * declare const stages: readonly TickedStage[];
 * await flushStages(stages);
 */
export function flushStages(stages: readonly TickedStage[]): Promise<void> {
  return Promise.all(
    stages.map((s) =>
      logged(
        s,
        s.runner.flush({ force: true }),
        'final flush failed; the next owner replays from the checkpoint',
      ),
    ),
  ).then(() => undefined);
}

/**
 * Runs {@link tickStages} every `everyMs` until `stop()`.
 *
 * @example
 * declare const stages: readonly TickedStage[];
 * const ticker = startStageTicker(stages, 1_000);
 * ticker.stop();
 */
export function startStageTicker(stages: readonly TickedStage[], everyMs: number): { stop(): void } {
  const timer = setInterval(() => void tickStages(stages), everyMs);
  return { stop: () => clearInterval(timer) };
}
