import { JobRuntimeError } from '../errors.js';
import { EarlyTrigger } from './early-trigger.js';

describe('EarlyTrigger', () => {
  it('fires every N events, counting from the last firing', () => {
    const trigger = new EarlyTrigger({ everyEvents: 1_000 });
    expect(trigger.onEvents(600, 0)).toBe(false);
    expect(trigger.onEvents(400, 0)).toBe(true);
    expect(trigger.onEvents(999, 0)).toBe(false);
    expect(trigger.onEvents(1, 0)).toBe(true);
    expect(trigger.onEvents(5_000, 0)).toBe(true); // one firing for a big batch
    expect(trigger.onEvents(0, 0)).toBe(false);
  });

  it('fires every T ms of processing time, from the first call, only when events came since', () => {
    const trigger = new EarlyTrigger({ everyMs: 5_000 });
    expect(trigger.onEvents(1, 1_000)).toBe(false); // the clock starts here
    expect(trigger.onEvents(1, 5_999)).toBe(false);
    expect(trigger.onEvents(1, 6_000)).toBe(true);
    expect(trigger.onEvents(0, 20_000)).toBe(false); // nothing new since: nothing to show
    expect(trigger.onEvents(1, 20_001)).toBe(true);
  });

  it('fires on whichever comes first, and restarts both counts', () => {
    const trigger = new EarlyTrigger({ everyEvents: 100, everyMs: 1_000 });
    expect(trigger.onEvents(100, 0)).toBe(true);
    expect(trigger.onEvents(10, 999)).toBe(false);
    expect(trigger.onEvents(10, 1_000)).toBe(true);
    expect(trigger.onEvents(99, 1_500)).toBe(false);
    expect(trigger.onEvents(1, 1_500)).toBe(true);
  });

  it('never fires without options, and refuses counts that are not positive integers', () => {
    const never = new EarlyTrigger();
    expect(never.enabled).toBe(false);
    expect(never.onEvents(1e9, 1e12)).toBe(false);
    expect(new EarlyTrigger({ everyMs: 1 }).enabled).toBe(true);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new EarlyTrigger({ everyEvents: bad })).toThrow(JobRuntimeError);
      expect(() => new EarlyTrigger({ everyMs: bad })).toThrow(/everyMs must be a positive integer/);
    }
  });
});
