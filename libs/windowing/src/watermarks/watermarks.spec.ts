import { BoundedOutOfOrderness, IdlenessTimer, MIN_TIMESTAMP, PartitionWatermarks, PunctuatedWatermarks, WindowingError, createWindowOperator, sum, tumbling } from '../index.js';
import { TestClock } from '../testing/index.js';

describe('BoundedOutOfOrderness (FLINK-WM-BOUNDED-OOO)', () => {
  it('is max − bound − 1, MIN before any event, never moves back', () => {
    const g = new BoundedOutOfOrderness(10);
    expect(g.currentWatermark()).toBe(MIN_TIMESTAMP);
    g.onEvent(null, 1337);
    expect(g.currentWatermark()).toBe(1326);
    g.onEvent(null, 5);
    expect(g.currentWatermark()).toBe(1326);
  });
});

describe('PunctuatedWatermarks', () => {
  it('takes watermarks from elements and never regresses', () => {
    const g = new PunctuatedWatermarks<{ wm?: number }>((e) => e.wm);
    g.onEvent({}, 10);
    expect(g.currentWatermark()).toBe(MIN_TIMESTAMP);
    g.onEvent({ wm: 50 }, 51);
    g.onEvent({ wm: 20 }, 52);
    expect(g.currentWatermark()).toBe(50);
    expect(() => g.onEvent({ wm: Number.NaN }, 1)).toThrow(WindowingError);
  });
});

describe('IdlenessTimer (FLINK-WM-IDLENESS-TIMER rules)', () => {
  it('starts the countdown on the first quiet check; idle only strictly after the timeout', () => {
    const clock = new TestClock(0);
    const t = new IdlenessTimer(clock, 10);
    expect(t.checkIfIdle()).toBe(false);
    clock.advance(10);
    expect(t.checkIfIdle()).toBe(false);
    clock.advance(1);
    expect(t.checkIfIdle()).toBe(true);
    t.activity();
    expect(t.checkIfIdle()).toBe(false);
    expect(t.checkIfIdle()).toBe(false); // restarts the countdown
    clock.advance(11);
    expect(t.checkIfIdle()).toBe(true);
  });

  it('requires a positive timeout', () => {
    expect(() => new IdlenessTimer(new TestClock(), 0)).toThrow(expect.objectContaining({ code: 'INVALID_TIMEOUT' }));
  });
});

describe('PartitionWatermarks (FLINK-WM-COMBINE-PARTITIONS rules)', () => {
  const punctuated = () => new PartitionWatermarks<number>({ type: 'punctuated', extract: (v) => v }, new TestClock());

  it('min over non-idle partitions; all idle → idle with the watermark held', () => {
    const w = punctuated();
    w.onEvent('p1', 2, 2);
    w.onEvent('p2', 5, 5);
    w.markIdle('p3');
    expect([w.combined, w.idle]).toEqual([2, false]);
    w.markIdle('p1');
    expect([w.combined, w.idle]).toEqual([5, false]);

    // Flink whenAllImmediateOutputsBecomeIdleWatermarkAdvances
    const v = new PartitionWatermarks<number>({ type: 'punctuated', extract: (x) => x, partitions: ['p1', 'p2'] }, new TestClock());
    v.onEvent('p1', 5, 5);
    v.onEvent('p2', 2, 2);
    expect(v.combined).toBe(2);
    v.markIdle('p2');
    expect([v.combined, v.idle]).toEqual([5, false]);
    v.markIdle('p1');
    expect([v.combined, v.idle]).toEqual([5, true]);
  });

  it('never regresses when an idle partition comes back lower', () => {
    const w = punctuated();
    w.onEvent('p1', 1, 1);
    w.onEvent('p2', 5, 5);
    w.markIdle('p1');
    expect(w.combined).toBe(5);
    w.onEvent('p1', 3, 3);
    expect([w.combined, w.idle]).toEqual([5, false]);
  });

  it('no partitions → nothing and not idle', () => {
    const w = punctuated();
    expect(w.onPeriodicEmit()).toBe(false);
    expect([w.combined, w.idle]).toEqual([MIN_TIMESTAMP, false]);
  });

  it('declared partitions hold the watermark until each has data or goes idle by timeout', () => {
    const clock = new TestClock(0);
    const w = new PartitionWatermarks({ type: 'bounded', outOfOrderness: 0, partitions: [0, 1], idleTimeout: 100 }, clock);
    w.onEvent(0, null, 1000);
    expect(w.combined).toBe(MIN_TIMESTAMP);
    w.onPeriodicEmit(); // starts partition 1's countdown (and 0's, which has had activity → reset)
    clock.advance(101);
    w.onPeriodicEmit();
    expect(w.partitionState(1)).toEqual({ watermark: MIN_TIMESTAMP, idle: true });
    expect(w.combined).toBe(999);
  });

  it('periodic emission moves watermarks only on onPeriodicEmit', () => {
    const w = new PartitionWatermarks({ type: 'bounded', outOfOrderness: 10, emit: 'periodic' }, new TestClock());
    expect(w.onEvent(0, null, 100)).toBe(false);
    expect(w.combined).toBe(MIN_TIMESTAMP);
    expect(w.onPeriodicEmit()).toBe(true);
    expect(w.combined).toBe(89);
  });
});

describe('operator with per-partition watermarks and idleness', () => {
  it('an idle partition stops holding windows back', () => {
    const clock = new TestClock(0);
    const op = createWindowOperator<string, number, number, number>({
      assigner: tumbling({ size: 1000 }),
      aggregate: sum(),
      clock,
      watermarks: { type: 'bounded', outOfOrderness: 0, idleTimeout: 5000, partitions: [0, 1] },
    });
    op.onElement('a', 1, 100, 0);
    op.onElement('a', 1, 5000, 0);
    expect(op.drain().results).toEqual([]); // partition 1 has no watermark yet
    op.advance();
    clock.advance(5001);
    op.advance();
    expect(op.drain().results.map((r) => r.value)).toEqual([1]);
    expect(op.watermark).toBe(4999);
    op.onElement('b', 1, 6000, 1); // partition 1 is back: min(4999, 5999) → held at 4999, no regression
    expect(op.watermark).toBe(4999);
  });
});
