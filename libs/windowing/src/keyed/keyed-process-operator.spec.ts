import {
  MAX_TIMESTAMP,
  createKeyedProcessOperator,
  createWindowOperator,
  listState,
  mapState,
  outputTag,
  sum,
  tumbling,
  valueState,
  type KeyedProcessContext,
  type KeyedProcessSnapshot,
  type OnTimerContext,
} from '../index.js';
import { TestClock } from '../testing/index.js';
import { errorCode } from '../../test/error-code.js';

const code = errorCode;

/** An operator that registers the timers named in the element and logs every firing. */
function timerLog(clock = new TestClock(0)) {
  const fired: string[] = [];
  const op = createKeyedProcessOperator<string, { event?: number[]; proc?: number[]; del?: number[] }, string>({
    processElement(v, ctx) {
      for (const t of v.event ?? []) ctx.timerService.registerEventTimeTimer(t);
      for (const t of v.proc ?? []) ctx.timerService.registerProcessingTimeTimer(t);
      for (const t of v.del ?? []) ctx.timerService.deleteEventTimeTimer(t);
    },
    onTimer(time, ctx) {
      fired.push(`${ctx.currentKey}@${time}:${ctx.timeDomain}:ts=${ctx.timestamp}:wm=${ctx.watermark}`);
    },
    clock,
  });
  return { op, fired, clock };
}

describe('keyed process operator: timers', () => {
  it('fires event-time timers in time order across keys, once per (key, time), when the watermark passes', () => {
    const { op, fired } = timerLog();
    op.onElement('b', { event: [300, 100] }, 0);
    op.onElement('a', { event: [200, 100, 100] }, 0);
    op.onElement('b', { event: [100] }, 0); // duplicate of b@100
    expect(op.stateSize()).toMatchObject({ keys: 2, eventTimers: 4 });
    op.onWatermark(99);
    expect(fired).toEqual([]);
    op.onWatermark(250);
    expect(fired).toEqual(['b@100:event-time:ts=100:wm=250', 'a@100:event-time:ts=100:wm=250', 'a@200:event-time:ts=200:wm=250']);
    op.onWatermark(MAX_TIMESTAMP);
    expect(fired.slice(3)).toEqual([`b@300:event-time:ts=300:wm=${MAX_TIMESTAMP}`]);
    expect(op.stateSize()).toEqual({ keys: 0, values: 0, eventTimers: 0, processingTimers: 0 });
    expect(op.metrics.eventTimersFired).toBe(4);
  });

  it('deletes timers, and fires a timer at or behind the watermark with the next advance', () => {
    const { op, fired } = timerLog();
    op.onElement('a', { event: [10, 20] }, 0);
    op.onElement('a', { del: [10, 99] }, 0);
    op.onWatermark(50);
    expect(fired).toEqual(['a@20:event-time:ts=20:wm=50']);
    op.onElement('a', { event: [40] }, 60); // already behind the watermark
    op.onWatermark(50); // not an advance
    expect(fired).toHaveLength(1);
    op.onWatermark(51);
    expect(fired[1]).toBe('a@40:event-time:ts=40:wm=51');
  });

  it('fires processing-time timers on advance() when the clock reaches them', () => {
    const { op, fired, clock } = timerLog(new TestClock(1000));
    op.onElement('a', { proc: [1500, 1200] }, 0);
    op.onElement('b', { proc: [1200] }, 0);
    clock.advance(199);
    op.advance();
    expect(fired).toEqual([]);
    clock.advance(301);
    op.advance();
    expect(fired.map((f) => f.split(':wm')[0])).toEqual([
      'a@1200:processing-time:ts=1200',
      'b@1200:processing-time:ts=1200',
      'a@1500:processing-time:ts=1500',
    ]);
    expect(op.metrics.processingTimersFired).toBe(3);
  });

  it('fires timers that onTimer registers at or before the watermark in the same advance', () => {
    const fired: number[] = [];
    const op = createKeyedProcessOperator<string, null, never>({
      processElement: (_v, ctx) => ctx.timerService.registerEventTimeTimer(10),
      onTimer(time, ctx) {
        fired.push(time);
        if (time < 40) ctx.timerService.registerEventTimeTimer(time + 10);
      },
    });
    op.onElement('a', null, 0);
    op.onWatermark(35);
    expect(fired).toEqual([10, 20, 30]); // 40 is after the watermark
    op.onWatermark(40);
    expect(fired).toEqual([10, 20, 30, 40]);
  });
});

describe('keyed process operator: state', () => {
  const state = { total: valueState<number>(), seen: mapState<string, number>(), times: listState<number>() };
  const build = () =>
    createKeyedProcessOperator<string, { id: string; cents: number }, string, typeof state>({
      state,
      processElement(order, ctx) {
        ctx.state.total.update((ctx.state.total.value() ?? 0) + order.cents);
        if (!ctx.state.seen.contains(order.id)) ctx.state.seen.put(order.id, ctx.timestamp);
        ctx.state.times.add(ctx.timestamp);
        ctx.output(`${ctx.currentKey}:${ctx.state.total.value()}:${ctx.state.seen.size}:${ctx.state.times.get().join('/')}`);
        if (order.cents === 0) {
          ctx.state.total.clear();
          ctx.state.seen.clear();
          ctx.state.times.update([]);
        }
      },
    });

  it('keeps state per key', () => {
    const op = build();
    op.onElement('a', { id: 'o1', cents: 5 }, 1);
    op.onElement('b', { id: 'o1', cents: 7 }, 2);
    op.onElement('a', { id: 'o2', cents: 1 }, 3);
    op.onElement('a', { id: 'o1', cents: 1 }, 4);
    expect(op.drain().outputs.map((o) => o.value)).toEqual(['a:5:1:1', 'b:7:1:2', 'a:6:2:1/3', 'a:7:2:1/3/4']);
    expect(op.stateSize()).toEqual({ keys: 2, values: 2 + 3 + 4, eventTimers: 0, processingTimers: 0 });
  });

  it('drops a key whose state is cleared and that has no timers', () => {
    const op = build();
    op.onElement('a', { id: 'o1', cents: 5 }, 1);
    op.onElement('a', { id: 'o2', cents: 0 }, 2);
    expect(op.stateSize()).toEqual({ keys: 0, values: 0, eventTimers: 0, processingTimers: 0 });
    op.onElement('a', { id: 'o3', cents: 2 }, 3);
    expect(op.drain().outputs.map((o) => o.value)).toEqual(['a:5:1:1', 'a:5:2:1/2', 'a:2:1:3']);
  });

  it('map and list handles return copies and iterate in insertion order', () => {
    const s = { m: mapState<number, string>(), l: listState<string>() };
    const op = createKeyedProcessOperator<string, number, string, typeof s>({
      state: s,
      processElement(v, ctx) {
        ctx.state.m.put(v, `v${v}`);
        ctx.state.l.addAll([`x${v}`, `y${v}`]);
        for (const [k] of ctx.state.m.entries()) if (k < v - 1) ctx.state.m.remove(k);
        const list = ctx.state.l.get();
        list.push('not stored');
        ctx.output(`${ctx.state.m.keys().join(',')}|${ctx.state.m.values().join(',')}|${ctx.state.l.length}|${ctx.state.m.isEmpty()}`);
      },
    });
    for (const v of [1, 2, 3]) op.onElement('k', v, v);
    expect(op.drain().outputs.map((o) => o.value)).toEqual(['1|v1|2|false', '1,2|v1,v2|4|false', '2,3|v2,v3|6|false']);
  });

  it('outputs carry the element timestamp, the timer time, or an explicit one; side outputs their tag', () => {
    const audit = outputTag<string>('audit');
    const op = createKeyedProcessOperator<string, number, number>({
      processElement(v, ctx) {
        ctx.output(v);
        ctx.output(v * 10, 5);
        ctx.sideOutput(audit, `saw ${v}`);
        ctx.timerService.registerEventTimeTimer(100);
      },
      onTimer: (time, ctx) => ctx.output(-time),
    });
    op.onElement('a', 1, 7);
    op.onWatermark(100);
    const out = op.drain();
    expect(out.outputs).toEqual([
      { key: 'a', value: 1, timestamp: 7 },
      { key: 'a', value: 10, timestamp: 5 },
      { key: 'a', value: -100, timestamp: 100 },
    ]);
    expect(out.sideOutputs).toEqual([{ tag: 'audit', key: 'a', value: 'saw 1', timestamp: 7 }]);
    expect(op.metrics).toMatchObject({ elements: 1, outputs: 3, sideOutputs: 1, lateElements: 0 });
  });

  it('processes elements behind the watermark and counts them', () => {
    const op = createKeyedProcessOperator<string, number, number>({ processElement: (v, ctx) => ctx.output(v) });
    op.onWatermark(100);
    op.onElement('a', 1, 100);
    op.onElement('a', 2, 101);
    expect(op.drain().outputs.map((o) => o.value)).toEqual([1, 2]);
    expect(op.metrics.lateElements).toBe(1);
  });
});

describe('keyed process operator: watermarks per partition', () => {
  it('uses the window operator watermark rules (bounded, min over partitions, idleness)', () => {
    const clock = new TestClock(0);
    const fired: number[] = [];
    const op = createKeyedProcessOperator<string, number, never>({
      processElement: (v, ctx) => ctx.timerService.registerEventTimeTimer(v),
      onTimer: (time) => fired.push(time),
      watermarks: { type: 'bounded', outOfOrderness: 10, idleTimeout: 100, partitions: [0, 1] },
      clock,
    });
    op.onElement('a', 50, 100, 0);
    expect(op.watermark).toBe(Number.MIN_SAFE_INTEGER); // partition 1 has no watermark yet
    op.onElement('b', 60, 70, 1);
    expect(op.watermark).toBe(59);
    expect(fired).toEqual([50]);
    clock.advance(50);
    op.advance(); // starts partition 1's idleness countdown
    op.onElement('a', 80, 200, 0);
    clock.advance(101);
    op.advance(); // partition 1 quiet since the last check: its countdown starts
    expect(op.watermark).toBe(59);
    clock.advance(101);
    op.advance(); // partition 1 idle → watermark 189
    expect(op.watermark).toBe(189);
    expect(fired).toEqual([50, 60, 80]);
    expect(op.idle).toBe(false);
  });
});

describe('keyed process operator: fraud-style rules', () => {
  it('small order then a large one within 10 minutes (buffered until the watermark, so arrival order does not matter)', () => {
    const SMALL = 500;
    const LARGE = 50_000;
    const WITHIN = 600_000;
    const state = { pending: mapState<number, number[]>(), lastSmall: valueState<number>() };
    const run = (orders: [number, number][]) => {
      const op = createKeyedProcessOperator<string, number, string, typeof state>({
        state,
        watermarks: { type: 'bounded', outOfOrderness: 60_000 },
        processElement(cents, ctx) {
          // Buffer by event time; evaluate in timestamp order once the watermark passes (Flink's sort-by-timer pattern).
          ctx.state.pending.put(ctx.timestamp, [...(ctx.state.pending.get(ctx.timestamp) ?? []), cents]);
          ctx.timerService.registerEventTimeTimer(ctx.timestamp);
        },
        onTimer(time, ctx) {
          for (const cents of ctx.state.pending.get(time) ?? []) {
            const small = ctx.state.lastSmall.value();
            if (cents >= LARGE && small !== undefined && time - small <= WITHIN) ctx.output(`small@${small} large@${time}`);
            if (cents < SMALL) ctx.state.lastSmall.update(time);
          }
          ctx.state.pending.remove(time);
        },
      });
      for (const [ts, cents] of orders) op.onElement('c1', cents, ts);
      op.onWatermark(MAX_TIMESTAMP);
      return op.drain().outputs.map((o) => o.value);
    };
    const orders: [number, number][] = [
      [0, 100],
      [300_000, 90_000],
      [1_000_000, 90_000],
      [1_100_000, 200],
      [1_600_000, 60_000],
    ];
    expect(run(orders)).toEqual(['small@0 large@300000', 'small@1100000 large@1600000']);
    expect(run([orders[1], orders[0], orders[3], orders[2], orders[4]])).toEqual(run(orders));
  });
});

describe('keyed process operator: bad input', () => {
  const op = () =>
    createKeyedProcessOperator<string, number, number, { v: ReturnType<typeof valueState<number>> }>({
      state: { v: valueState<number>() },
      processElement: (v, ctx) => ctx.timerService.registerEventTimeTimer(v),
      onTimer: () => undefined,
    });

  it.each([Number.NaN, 1.5, 2 ** 53, Infinity])('rejects element timestamp %p and timer time %p', (t) => {
    expect(code(() => op().onElement('a', 1, t))).toBe('INVALID_TIMESTAMP');
    expect(code(() => op().onElement('a', t, 1))).toBe('INVALID_TIMESTAMP');
  });

  it('rejects bad keys, watermarks and options', () => {
    expect(code(() => op().onElement({} as never, 1, 1))).toBe('INVALID_KEY');
    expect(code(() => op().onElement(Number.NaN as never, 1, 1))).toBe('INVALID_KEY');
    expect(code(() => op().onWatermark(0.5))).toBe('INVALID_WATERMARK');
    expect(code(() => op().markIdle(0))).toBe('INVALID_CONFIG');
    expect(code(() => createKeyedProcessOperator({} as never))).toBe('INVALID_CONFIG');
    expect(code(() => createKeyedProcessOperator({ processElement: () => undefined, state: { x: { kind: 'set' } } as never }))).toBe('INVALID_CONFIG');
    expect(code(() => valueState({ toJSON: 5 } as never))).toBe('INVALID_CONFIG');
  });

  it('rejects state, timers and outputs used outside processElement/onTimer, and re-entrant calls', () => {
    let saved: KeyedProcessContext<string, number, { v: ReturnType<typeof valueState<number>> }> | undefined;
    const reentrant = createKeyedProcessOperator<string, number, number, { v: ReturnType<typeof valueState<number>> }>({
      state: { v: valueState<number>() },
      processElement(v, ctx) {
        saved = ctx;
        if (v === 2) reentrant.onElement('b', 1, 1);
      },
    });
    reentrant.onElement('a', 1, 1);
    expect(code(() => saved!.state.v.value())).toBe('INVALID_STATE');
    expect(code(() => saved!.state.v.update(1))).toBe('INVALID_STATE');
    expect(code(() => saved!.timerService.registerEventTimeTimer(5))).toBe('INVALID_STATE');
    expect(code(() => saved!.output(1))).toBe('INVALID_STATE');
    expect(code(() => reentrant.onElement('a', 2, 1))).toBe('INVALID_STATE');
    reentrant.onElement('a', 1, 1); // still usable afterwards
  });

  it('rejects bad state values and map keys', () => {
    const s = { m: mapState<string, number>(), l: listState<number>() };
    const run = (f: (ctx: OnTimerContext<string, never, typeof s> | KeyedProcessContext<string, never, typeof s>) => void) =>
      code(() => createKeyedProcessOperator<string, null, never, typeof s>({ state: s, processElement: (_v, ctx) => f(ctx) }).onElement('a', null, 0));
    expect(run((ctx) => ctx.state.m.put({} as never, 1))).toBe('INVALID_KEY');
    expect(run((ctx) => ctx.state.m.put('x', undefined as never))).toBe('INVALID_STATE');
    expect(run((ctx) => ctx.state.l.add(undefined as never))).toBe('INVALID_STATE');
    expect(run((ctx) => ctx.state.l.update(5 as never))).toBe('INVALID_STATE');
    expect(run((ctx) => ctx.output(1 as never, 0.5))).toBe('INVALID_TIMESTAMP');
    expect(run((ctx) => ctx.sideOutput({} as never, 1))).toBe('INVALID_CONFIG');
  });

  it('a timer without onTimer is a configuration error', () => {
    const noTimer = createKeyedProcessOperator<string, number, never>({ processElement: (v, ctx) => ctx.timerService.registerEventTimeTimer(v) });
    noTimer.onElement('a', 5, 0);
    expect(code(() => noTimer.onWatermark(5))).toBe('INVALID_CONFIG');
  });

  it('refuses snapshots of another configuration or shape', () => {
    const snap = op().snapshot();
    const named = createKeyedProcessOperator<string, number, number>({ name: 'other', state: { v: valueState<number>() }, processElement: () => undefined });
    expect(code(() => named.restore(snap))).toBe('SNAPSHOT_MISMATCH');
    const otherState = createKeyedProcessOperator<string, number, number>({ state: { v: listState<number>() }, processElement: () => undefined });
    expect(code(() => otherState.restore(snap))).toBe('SNAPSHOT_MISMATCH');
    const window = createWindowOperator<string, number, number, number>({ assigner: tumbling({ size: 10 }), aggregate: sum() });
    window.onElement('a', 1, 1);
    expect(code(() => op().restore(window.snapshot() as never))).toBe('INVALID_SNAPSHOT'); // 7-tuple panes
    expect(code(() => op().restore({ ...window.snapshot(), panes: [], eventTimers: [] } as never))).toBe('SNAPSHOT_MISMATCH');
    expect(code(() => op().restore({ ...snap, panes: [['a', { nope: 1 }]] }))).toBe('INVALID_SNAPSHOT');
    expect(code(() => op().restore({ ...snap, panes: [['a', {}], ['a', {}]] }))).toBe('INVALID_SNAPSHOT');
    expect(code(() => op().restore({ ...snap, eventTimers: [[1.5, []]] }))).toBe('INVALID_SNAPSHOT');
    expect(code(() => op().restore({ ...snap, eventTimers: [[1, [0]]] }))).toBe('INVALID_SNAPSHOT');
    expect(code(() => op().restore({ format: 'x' } as unknown as KeyedProcessSnapshot))).toBe('INVALID_SNAPSHOT');
  });

  it('restores a snapshot whose config keys come back reordered (as from a PostgreSQL jsonb column)', () => {
    const snap = op().snapshot();
    const reversed = (o: object): object => Object.fromEntries(Object.entries(o).reverse());
    expect(() => op().restore({ ...snap, config: reversed(snap.config) as typeof snap.config })).not.toThrow();
  });
});

describe('keyed process operator: snapshots', () => {
  it('writes the ecom-windowing/1 envelope with codecs applied', () => {
    const s = { total: valueState<bigint>({ toJSON: (v) => v.toString(), fromJSON: (j) => BigInt(j as string) }), ids: mapState<string, number>() };
    const build = () =>
      createKeyedProcessOperator<string, bigint, string, typeof s>({
        name: 'totals/v1',
        state: s,
        processElement(v, ctx) {
          ctx.state.total.update((ctx.state.total.value() ?? 0n) + v);
          ctx.state.ids.put(`o${ctx.timestamp}`, ctx.timestamp);
          ctx.timerService.registerEventTimeTimer(100);
        },
        onTimer: (_t, ctx) => ctx.output(String(ctx.state.total.value())),
      });
    const op = build();
    op.onElement('a', 2n ** 60n, 1);
    op.onElement('a', 1n, 2);
    const snap = op.snapshot();
    expect(snap).toEqual({
      format: 'ecom-windowing/1',
      config: { operator: 'keyed-process', name: 'totals/v1', state: { total: 'value', ids: 'map' }, watermarks: null },
      watermark: Number.MIN_SAFE_INTEGER,
      panes: [['a', { total: '1152921504606846977', ids: [['o1', 1], ['o2', 2]] }]],
      eventTimers: [[100, [0]]],
      processingTimers: [],
      watermarks: null,
      metrics: { elements: 2, lateElements: 0, outputs: 0, sideOutputs: 0, eventTimersFired: 0, processingTimersFired: 0 },
    });
    const fresh = build();
    fresh.restore(JSON.parse(JSON.stringify(snap)) as KeyedProcessSnapshot);
    fresh.onWatermark(100);
    expect(fresh.drain().outputs).toEqual([{ key: 'a', value: '1152921504606846977', timestamp: 100 }]);
  });
});
