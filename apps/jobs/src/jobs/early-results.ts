/**
 * Early results (issue 12, "Emission"): a core's `emitEarly()` gives its still-open windows' current figures, for
 * dashboards, before the watermark closes them. This file holds what the cores and the runtime share: how an early
 * value is marked (`final: false`; final results and corrections carry no `final` field, so they stay exactly what
 * they were) and when to ask for early results (`EarlyTrigger`: every N events or T ms of processing time). Pure:
 * the caller passes the clock's reading.
 */
import { invalidOption } from './job-error.js';

/**
 * The field that marks an early value. A value without it is final (an on-time result or a correction).
 *
 * @example
 * const early = { total_orders: 3, ...EARLY }; // { total_orders: 3, final: false }
 */
export const EARLY = { final: false } as const;

/**
 * A copy of `value` marked as early (`final: false`, last field).
 *
 * @example
 * markEarly({ total_orders: 3 }); // { total_orders: 3, final: false }
 */
export function markEarly<V extends object>(value: V): V & typeof EARLY {
  return { ...value, ...EARLY };
}

/**
 * Whether a result value is early (`final: false`); a retraction (`null`) or a final value is not.
 *
 * @example
 * isEarly({ total_orders: 3, final: false }); // true
 * isEarly({ total_orders: 3 }); // false: final
 */
export function isEarly(value: { readonly [field: string]: unknown } | null): boolean {
  return value !== null && value['final'] === false;
}

/**
 * When to emit early results: after `everyEvents` events, or once `everyMs` of processing time passed since the
 * last early emission and at least one event came since (nothing new otherwise). Either may be left out; with
 * neither it never fires.
 *
 * @example
 * const options: EarlyTriggerOptions = { everyEvents: 10_000, everyMs: 5_000 };
 */
export interface EarlyTriggerOptions {
  readonly everyEvents?: number;
  readonly everyMs?: number;
}

function positive(option: string, value: number | undefined): number | undefined {
  if (value === undefined || (Number.isSafeInteger(value) && value > 0)) return value;
  throw invalidOption('early-results', option, 'a positive integer', value);
}

/**
 * Counts events and processing time between early emissions; the runtime calls {@link EarlyTrigger.onEvents} after
 * each batch and, when it returns `true`, `emitEarly()` on the core (then drains as usual).
 *
 * @throws JobError `INVALID_OPTION` for an `everyEvents` or `everyMs` that is not a positive integer.
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
