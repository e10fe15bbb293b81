import type { Clock } from '../clock.js';
import { assertInteger } from '../time.js';

/**
 * Flink's `WatermarksWithIdleness.IdlenessTimer`. Idleness is only evaluated by {@link IdlenessTimer.checkIfIdle}
 * (at periodic emission): the first check without activity starts the countdown; the source is idle once
 * strictly more than `timeout` ms passed since then. Any activity resets it.
 *
 * @example
 * const clock = new TestClock();
 * const t = new IdlenessTimer(clock, 10);
 * t.checkIfIdle(); // false (starts the countdown)
 * clock.advance(11);
 * t.checkIfIdle(); // true
 */
export class IdlenessTimer {
  private counter = 0;
  private lastCounter = 0;
  private startOfInactivity = Number.NaN;

  constructor(
    private readonly clock: Clock,
    readonly timeout: number,
  ) {
    assertInteger(timeout, 'idleness timeout', 'INVALID_TIMEOUT', 1);
  }

  /** Records an event. */
  activity(): void {
    this.counter++;
  }

  checkIfIdle(): boolean {
    if (this.counter !== this.lastCounter) {
      this.lastCounter = this.counter;
      this.startOfInactivity = Number.NaN;
      return false;
    }
    if (Number.isNaN(this.startOfInactivity)) {
      this.startOfInactivity = this.clock.now();
      return false;
    }
    return this.clock.now() - this.startOfInactivity > this.timeout;
  }

  /** JSON-safe state. */
  snapshot(): [number, number, number | null] {
    return [this.counter, this.lastCounter, Number.isNaN(this.startOfInactivity) ? null : this.startOfInactivity];
  }

  restore(state: [number, number, number | null]): void {
    [this.counter, this.lastCounter] = state;
    this.startOfInactivity = state[2] ?? Number.NaN;
  }
}
