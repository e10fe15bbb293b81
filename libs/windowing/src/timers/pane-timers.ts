import type { Clock } from '../clock.js';
import { WindowingError } from '../errors.js';
import type { Pane } from '../operator/pane.js';
import { MIN_TIMESTAMP } from '../time.js';
import type { TriggerContext } from '../triggers/trigger.js';
import { TimerQueue } from './timer-queue.js';

/**
 * The timer service of the generic per-pane layout, and the context handed to triggers (Flink's
 * `Trigger.TriggerContext`): event-time timers at a pane's `end − 1` and `cleanup` (deduplicated through the
 * pane's timer bits) and one pending processing-time timer per pane. Internal: the window operator never exposes it.
 *
 * @example
 * const timers = new PaneTimers(systemClock);
 * const pane = new Pane('c1', { start: 0, end: 1000 }, 999);
 * timers.registerEventTimer(pane, pane.window.end - 1);
 * const fired: number[] = [];
 * timers.eventTimers.fireUntil(999, (_pane, time) => fired.push(time)); // fired: [999]
 */
export class PaneTimers implements TriggerContext {
  /** The operator's event-time watermark, as triggers see it. */
  watermark = MIN_TIMESTAMP;
  readonly eventTimers = new TimerQueue<Pane>();
  readonly processingTimers = new TimerQueue<Pane>();

  constructor(private readonly clock: Clock) {}

  now(): number {
    return this.clock.now();
  }

  registerEventTimer(pane: Pane, time: number): void {
    const bits = timerBits(pane, time);
    if ((pane.timers & bits) === bits) return;
    pane.timers |= bits;
    this.eventTimers.add(time, pane);
  }

  deleteEventTimer(pane: Pane, time: number): void {
    const bits = timerBits(pane, time);
    if ((pane.timers & bits) === 0) return;
    pane.timers &= ~bits;
    this.eventTimers.delete(time, pane);
  }

  registerProcessingTimer(pane: Pane, time: number): void {
    if (pane.processingTimer === time) return;
    if (!Number.isNaN(pane.processingTimer)) this.processingTimers.delete(pane.processingTimer, pane);
    pane.processingTimer = time;
    this.processingTimers.add(time, pane);
  }

  deleteProcessingTimer(pane: Pane, time: number): void {
    if (pane.processingTimer !== time) return;
    pane.processingTimer = Number.NaN;
    this.processingTimers.delete(time, pane);
  }

  /** Marks the event-time timer at `time` of `pane` as fired (so it can be registered again). */
  consumeEventTimer(pane: Pane, time: number): void {
    pane.timers &= ~timerBits(pane, time);
  }

  /** Removes every timer. */
  clear(): void {
    this.eventTimers.clear();
    this.processingTimers.clear();
  }
}

function timerBits(pane: Pane, time: number): number {
  const bits = (time === pane.window.end - 1 ? 1 : 0) | (time === pane.cleanup ? 2 : 0);
  if (bits === 0) throw new WindowingError('INVALID_CONFIG', `internal: unexpected timer time ${time}`);
  return bits;
}
