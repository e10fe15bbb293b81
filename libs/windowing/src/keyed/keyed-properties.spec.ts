import fc from 'fast-check';
import { fcParams } from '../../test/fc-params.js';
import {
  MAX_TIMESTAMP,
  createKeyedProcessOperator,
  listState,
  mapState,
  outputTag,
  valueState,
  type KeyedOutput,
  type KeyedProcessOptions,
  type KeyedProcessSnapshot,
  type KeyedSideOutput,
  type PartitionId,
  type StateDescriptors,
} from '../index.js';
import { TestClock } from '../testing/index.js';

const params = fcParams(20_261_126);

type Step =
  | { key: string; value: number; timestamp: number; partition: PartitionId }
  | { watermark: number }
  | { advanceMs: number }
  | { idle: PartitionId }
  | { snapshotRestore: true };

/** Runs a script through a fresh operator; `snapshotRestore` steps round-trip the state through JSON into a new one. */
function runKeyed<S extends StateDescriptors>(steps: readonly Step[], options: KeyedProcessOptions<string, number, string, S>) {
  const clock = new TestClock(0);
  const outputs: KeyedOutput<string, string>[] = [];
  const sideOutputs: KeyedSideOutput<string>[] = [];
  const build = () =>
    createKeyedProcessOperator<string, number, string, S>({ ...options, clock, onOutput: (o) => outputs.push(o), onSideOutput: (o) => sideOutputs.push(o) });
  let op = build();
  for (const s of steps) {
    if ('timestamp' in s) op.onElement(s.key, s.value, s.timestamp, s.partition);
    else if ('watermark' in s) op.onWatermark(s.watermark);
    else if ('advanceMs' in s) {
      clock.advance(s.advanceMs);
      op.advance();
    } else if ('idle' in s) op.markIdle(s.idle);
    else {
      const bytes = JSON.stringify(op.snapshot());
      op = build();
      op.restore(JSON.parse(bytes) as KeyedProcessSnapshot);
    }
  }
  op.onWatermark(MAX_TIMESTAMP);
  return { outputs, sideOutputs, op };
}

const state = {
  total: valueState<bigint>({ toJSON: (v) => v.toString(), fromJSON: (j) => BigInt(j as string) }),
  lastByBucket: mapState<string, number>(),
  recent: listState<number>(),
};
const flagged = outputTag<number>('flagged');

/** A function that exercises every state kind, both timer domains, deletes and chained timers. */
function everything(watermarks: boolean): KeyedProcessOptions<string, number, string, typeof state> {
  return {
    state,
    ...(watermarks ? { watermarks: { type: 'bounded' as const, outOfOrderness: 15, idleTimeout: 40, partitions: [0, 1] } } : {}),
    processElement(n, ctx) {
      const total = (ctx.state.total.value() ?? 0n) + BigInt(n);
      ctx.state.total.update(total);
      ctx.state.lastByBucket.put(`m${n % 3}`, ctx.timestamp);
      ctx.state.recent.add(n);
      if (ctx.state.recent.length > 4) ctx.state.recent.update(ctx.state.recent.get().slice(-4));
      if (n % 4 === 0) ctx.timerService.registerEventTimeTimer(ctx.timestamp + n * 3);
      if (n % 5 === 0) ctx.timerService.registerProcessingTimeTimer(ctx.timerService.currentProcessingTime() + n + 1);
      if (n === 7) ctx.timerService.deleteEventTimeTimer(ctx.timestamp + 12);
      if (n === 3) ctx.sideOutput(flagged, n);
      ctx.output(`${total}|${ctx.state.lastByBucket.entries().join(';')}|${ctx.state.recent.get().join(',')}|wm=${ctx.watermark}`);
      if (n === 9) {
        ctx.state.total.clear();
        ctx.state.lastByBucket.clear();
        ctx.state.recent.clear();
      }
    },
    onTimer(time, ctx) {
      ctx.output(`t${time}:${ctx.timeDomain}:${String(ctx.state.total.value())}:${ctx.state.lastByBucket.size}`);
      if (ctx.timeDomain === 'event-time' && time % 2 === 0 && ctx.state.recent.length > 0) {
        ctx.timerService.registerEventTimeTimer(time + 5);
        ctx.state.recent.update(ctx.state.recent.get().slice(1));
      }
      if (ctx.timeDomain === 'processing-time') ctx.state.lastByBucket.remove('m0');
    },
  };
}

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      key: fc.constantFrom('a', 'b', 'c'),
      value: fc.integer({ min: 0, max: 9 }),
      timestamp: fc.integer({ min: 0, max: 300 }),
      partition: fc.constantFrom<PartitionId>(0, 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ watermark: fc.integer({ min: 0, max: 350 }) }) },
  { weight: 1, arbitrary: fc.record({ advanceMs: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ idle: fc.constantFrom<PartitionId>(0, 1) }) },
);

describe('keyed process operator properties', () => {
  it('snapshot → JSON → restore at any points gives identical outputs, side outputs, metrics and state', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { maxLength: 60, size: 'medium' }), fc.array(fc.nat(), { maxLength: 4 }), (wm, steps, cuts) => {
        const script = wm ? steps : steps.filter((s) => !('idle' in s));
        const withCuts: Step[] = [...script];
        for (const c of cuts.map((c) => c % (script.length + 1)).sort((x, y) => y - x)) withCuts.splice(c, 0, { snapshotRestore: true });
        const whole = runKeyed(script, everything(wm));
        const resumed = runKeyed(withCuts, everything(wm));
        expect(resumed.outputs).toEqual(whole.outputs);
        expect(resumed.sideOutputs).toEqual(whole.sideOutputs);
        expect(resumed.op.metrics).toEqual(whole.op.metrics);
        expect(resumed.op.snapshot()).toEqual(whole.op.snapshot());
      }),
      params,
    );
  });

  it('velocity rule (> N orders of a customer in the span ending at each order) equals the batch computation', () => {
    const SPAN = 50;
    const BOUND = 20;
    const velocity = { pending: mapState<number, number>(), recent: mapState<number, number>() };
    const build = (n: number) =>
      createKeyedProcessOperator<string, null, number, typeof velocity>({
        state: velocity,
        watermarks: { type: 'bounded', outOfOrderness: BOUND },
        processElement(_order, ctx) {
          ctx.state.pending.put(ctx.timestamp, (ctx.state.pending.get(ctx.timestamp) ?? 0) + 1);
          ctx.timerService.registerEventTimeTimer(ctx.timestamp);
        },
        onTimer(time, ctx) {
          const arrived = ctx.state.pending.get(time);
          if (arrived === undefined) {
            if (ctx.state.pending.isEmpty() && ctx.state.recent.keys().every((t) => t < time - SPAN)) ctx.state.recent.clear(); // expiry timer
            return;
          }
          ctx.state.pending.remove(time);
          ctx.state.recent.put(time, arrived);
          let count = 0;
          for (const [t, c] of ctx.state.recent.entries()) {
            if (t < time - SPAN) ctx.state.recent.remove(t);
            else count += c;
          }
          for (let i = 0; i < arrived; i++) if (count > n) ctx.output(count);
          ctx.timerService.registerEventTimeTimer(time + SPAN + 1);
        },
      });
    const orders = fc.array(fc.record({ key: fc.constantFrom('a', 'b'), ts: fc.integer({ min: 0, max: 400 }) }), { maxLength: 80, size: 'max' });
    fc.assert(
      fc.property(orders, fc.integer({ min: 1, max: 5 }), fc.array(fc.nat(BOUND - 1), { minLength: 80, maxLength: 80 }), (list, n, delay) => {
        const arrival = list.map((o, i) => ({ ...o, at: o.ts + delay[i], i })).sort((x, y) => x.at - y.at || x.i - y.i);
        const op = build(n);
        for (const o of arrival) op.onElement(o.key, null, o.ts);
        op.onWatermark(MAX_TIMESTAMP);
        const streamed = op.drain().outputs.map((o) => `${o.key}@${o.timestamp}:${o.value}`).sort();
        const batch = list
          .map((o) => ({ o, count: list.filter((p) => p.key === o.key && p.ts >= o.ts - SPAN && p.ts <= o.ts).length }))
          .filter(({ count }) => count > n)
          .map(({ o, count }) => `${o.key}@${o.ts}:${count}`)
          .sort();
        expect(streamed).toEqual(batch);
        expect(op.metrics.lateElements).toBe(0);
        expect(op.stateSize()).toEqual({ keys: 0, values: 0, eventTimers: 0, processingTimers: 0 });
      }),
      params,
    );
  });
});
