/**
 * When a task asks its core for early results (issue 12, "Emission": every N events or T seconds of processing time,
 * for dashboards): runtime policy, so it lives here; how a core marks an early value (`final: false`) is the cores'
 * business (jobs/early-results.ts). Pure: the caller passes the clock's reading. Processing time only decides when;
 * the values stay event-time figures.
 */
import { JobRuntimeError } from '../errors.js';

/**
 * When to emit early results: after `everyEvents` records read by a task, or once `everyMs` of processing time
 * passed since the last early emission and at least one record came since (nothing new otherwise). Either may be
 * left out; with neither, early results are off (`JOBS_EARLY_RESULTS_EVERY_EVENTS`,
 * `JOBS_EARLY_RESULTS_INTERVAL_MS`).
 *
 * @example
 * const options: EarlyTriggerOptions = { everyEvents: 10_000, everyMs: 5_000 };
 */
export interface EarlyTriggerOptions {
  readonly everyEvents?: number;
  readonly everyMs?: number;
}

/**
 * What a task (`CdcTask`, `MergeTask`) takes for early results: when, and its processing-time clock.
 *
 * @example
 * const early: TaskEarlyResults = { earlyResults: { everyEvents: 1_000 }, clock: () => 0 };
 */
export interface TaskEarlyResults {
  /** When to ask the task's core for early results (`emitEarly`); off when absent. */
  readonly earlyResults?: EarlyTriggerOptions;
  /** Processing time (epoch ms) for `earlyResults.everyMs`. Default `Date.now`. */
  readonly clock?: () => number;
}

function positive(option: string, value: number | undefined): number | undefined {
  if (value === undefined || (Number.isSafeInteger(value) && value > 0)) return value;
  throw new JobRuntimeError(
    'INVALID_CONFIG',
    `early results: ${option} must be a positive integer, got ${String(value)}`,
  );
}

/**
 * Counts records and processing time between early emissions. A task calls {@link EarlyTrigger.onEvents} after each
 * batch (a tick is a batch of 0 records) and, when it returns `true`, `emitEarly()` on its core before draining it,
 * so the early results are committed with that batch like any result. Not checkpointed: a restarted task counts
 * from zero.
 *
 * @throws JobRuntimeError `INVALID_CONFIG` for an `everyEvents` or `everyMs` that is not a positive integer.
 *
 * @example
 * const trigger = new EarlyTrigger({ everyEvents: 1_000, everyMs: 5_000 });
 * trigger.onEvents(600, 0); // false
 * trigger.onEvents(600, 100); // true: 1 200 events
 * trigger.onEvents(1, 5_100); // true: 5 s since the last early emission
 */
export class EarlyTrigger {
  private readonly everyEvents: number | undefined;
  private readonly everyMs: number | undefined;
  private events = 0;
  /** Processing time (ms) of the last early emission, or of the first call. */
  private since: number | undefined;

  constructor(options: EarlyTriggerOptions = {}) {
    this.everyEvents = positive('everyEvents', options.everyEvents);
    this.everyMs = positive('everyMs', options.everyMs);
  }

  /** Whether the trigger can ever fire (an option was given). */
  get enabled(): boolean {
    return this.everyEvents !== undefined || this.everyMs !== undefined;
  }

  /**
   * `n` more events were processed; `nowMs` is the processing time now (epoch ms, from the runtime's clock).
   * Returns whether to emit early results now, and if so starts counting again.
   */
  onEvents(n: number, nowMs: number): boolean {
    this.events += n;
    this.since ??= nowMs;
    const byCount = this.everyEvents !== undefined && this.events >= this.everyEvents;
    const byTime = this.everyMs !== undefined && this.events > 0 && nowMs - this.since >= this.everyMs;
    if (!byCount && !byTime) return false;
    this.events = 0;
    this.since = nowMs;
    return true;
  }
}
