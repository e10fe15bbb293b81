import type { Clock } from '../clock.js';

/**
 * A manually driven {@link Clock} for tests: time moves only when you say so.
 *
 * @example
 * const clock = new TestClock(1000);
 * clock.advance(500);
 * clock.now(); // 1500
 */
export class TestClock implements Clock {
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  /** Moves time forward by `ms` (≥ 0). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`TestClock.advance needs ms ≥ 0, got ${ms}`);
    this.time += ms;
  }

  /** Sets the time (must not go back). */
  set(time: number): void {
    if (!(time >= this.time)) throw new RangeError(`TestClock.set cannot go back from ${this.time} to ${time}`);
    this.time = time;
  }
}
