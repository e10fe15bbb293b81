import fc from 'fast-check';
import { fcParams } from '../test/fc-params.js';
import {
  MAX_TIMESTAMP,
  count,
  session,
  sliding,
  sum,
  tumbling,
  type AggregateFunction,
  type StateSize,
  type TriggerSpec,
  type WindowAssigner,
  type WindowResult,
} from './index.js';
import { runWindowed, type TestEvent, type WindowedSpec } from './testing/index.js';

const params = fcParams(20_261_125);

type AssignerCfg =
  | { type: 'tumbling'; size: number; offset: number }
  | { type: 'sliding'; size: number; slide: number; offset: number }
  | { type: 'session'; gap: number };

const assignerCfg: fc.Arbitrary<AssignerCfg> = fc.oneof(
  fc.integer({ min: 1, max: 60 }).chain((size) =>
    fc.integer({ min: -(size - 1), max: size - 1 }).map((offset) => ({ type: 'tumbling' as const, size, offset })),
  ),
  fc
    .integer({ min: 1, max: 20 })
    .chain((slide) =>
      fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: -(slide - 1), max: slide - 1 })).map(([k, offset]) => ({
        type: 'sliding' as const,
        size: slide * k + (k > 1 ? offset & 1 : 0),
        slide,
        offset,
      })),
    ),
  fc.integer({ min: 1, max: 40 }).map((gap) => ({ type: 'session' as const, gap })),
);

function build(cfg: AssignerCfg): WindowAssigner<number> {
  if (cfg.type === 'tumbling') return tumbling(cfg);
  if (cfg.type === 'sliding') return sliding(cfg);
  return session({ gap: cfg.gap });
}

interface Ev {
  key: string;
  value: number;
  ts: number;
}
const events = fc.array(
  fc.record({ key: fc.constantFrom('a', 'b', 'c'), value: fc.integer({ min: 0, max: 9 }), ts: fc.integer({ min: -200, max: 600 }) }),
  { maxLength: 60, size: 'medium' },
);

/** The batch reference: windows computed from the whole, sorted data set. */
function batch(cfg: AssignerCfg, evs: Ev[]): string[] {
  const sorted = [...evs].sort((x, y) => x.ts - y.ts);
  const sums = new Map<string, number>();
  if (cfg.type === 'session') {
    for (const key of new Set(sorted.map((e) => e.key))) {
      let cur: { start: number; end: number; sum: number } | undefined;
      const flush = () => cur && sums.set(`${key}|${cur.start}|${cur.end}`, cur.sum);
      for (const e of sorted.filter((x) => x.key === key)) {
        if (cur && e.ts <= cur.end) {
          cur.end = Math.max(cur.end, e.ts + cfg.gap);
          cur.sum += e.value;
        } else {
          flush();
          cur = { start: e.ts, end: e.ts + cfg.gap, sum: e.value };
        }
      }
      flush();
    }
  } else {
    const a = build(cfg);
    for (const e of sorted) {
      for (const w of a.assign(e.value, e.ts)) {
        const k = `${e.key}|${w.start}|${w.end}`;
        sums.set(k, (sums.get(k) ?? 0) + e.value);
      }
    }
  }
  return [...sums].map(([k, v]) => `${k}|${v}`).sort();
}

const line = (r: WindowResult<string, number>): string => `${r.key}|${r.window.start}|${r.window.end}|${r.value}`;

describe('properties', () => {
  it('stream == batch: disorder within the bound gives the batch result on sorted data', () => {
    fc.assert(
      fc.property(
        assignerCfg,
        fc.integer({ min: 0, max: 40 }),
        events.chain((evs) => fc.tuple(fc.constant(evs), fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: evs.length, maxLength: evs.length }))),
        (cfg, bound, [evs, jitter]) => {
          // Arrival order: by ts + ⌊jitter·bound⌋ (jitter < 1, integer delays: no float rounding up to `bound`), so an
          // element is less than `bound` behind the max seen before it. (Exactly `bound` behind is not late, but a
          // session that it would touch may already have closed, as in Flink.)
          const arrival = evs
            .map((e, i) => ({ e, at: e.ts + Math.floor(jitter[i] * bound), i }))
            .sort((x, y) => x.at - y.at || x.i - y.i);
          const run = runWindowed(
            arrival.map(({ e }) => ({ key: e.key, value: e.value, timestamp: e.ts })),
            { assigner: build(cfg), aggregate: sum(), watermarks: { type: 'bounded', outOfOrderness: bound } },
          );
          expect(run.late).toEqual([]);
          expect(run.results.map(line).sort()).toEqual(batch(cfg, evs));
          expect(run.operator.stateSize().panes).toBe(0);
        },
      ),
      params,
    );
  });

  it('nothing lost: beyond the bound, each element is counted once in a result or in the side output', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 60 }).map((size): AssignerCfg => ({ type: 'tumbling', size, offset: 0 })),
          fc.integer({ min: 1, max: 40 }).map((gap): AssignerCfg => ({ type: 'session', gap })),
        ),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 30 }),
        fc.boolean(),
        events,
        (cfg, bound, lateness, final, evs) => {
          const trigger: TriggerSpec = final ? { type: 'event-time' } : { type: 'purging', trigger: { type: 'event-time' } };
          const run = runWindowed(
            evs.map((e) => ({ key: e.key, value: e.value, timestamp: e.ts })),
            {
              assigner: build(cfg),
              trigger,
              emit: final ? 'final' : 'updates',
              allowedLateness: lateness,
              aggregate: count(),
              watermarks: { type: 'bounded', outOfOrderness: bound },
            },
          );
          const counted = run.results.reduce((n, r) => n + r.value, 0);
          expect(counted + run.late.length).toBe(evs.length);
          expect(run.operator.metrics.lateDropped).toBe(0);
        },
      ),
      params,
    );
  });

  it('the tumbling/sliding fast path emits exactly what the generic per-pane path emits', () => {
    const step: fc.Arbitrary<TestEvent<string, number>> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ key: fc.constantFrom('a', 'b', 'c'), value: fc.integer({ min: 0, max: 9 }), timestamp: fc.integer({ min: -50, max: 300 }) }) },
      { weight: 1, arbitrary: fc.record({ watermark: fc.integer({ min: -50, max: 350 }) }) },
    );
    fc.assert(
      fc.property(assignerCfg.filter((c) => c.type !== 'session'), fc.integer({ min: 0, max: 40 }), fc.boolean(), fc.array(step, { maxLength: 60, size: 'medium' }), (cfg, lateness, final, script) => {
        const base = { assigner: build(cfg), allowedLateness: lateness, emit: final ? ('final' as const) : ('updates' as const), aggregate: sum(), lateOutput: true };
        const fast = runWindowed(script, { ...base, trigger: { type: 'event-time' } });
        const generic = runWindowed(script, { ...base, trigger: { type: 'event-time', earlyEveryElements: 1e9 } });
        expect(fast.results).toEqual(generic.results);
        expect(fast.late).toEqual(generic.late);
      }),
      params,
    );
  });

  it('the sliced sliding path (commutative aggregate) equals the generic path, across snapshot/restore at any points', () => {
    /** A commutative aggregate with a mutable accumulator: slices must never be modified by window merges. */
    const mutableSum: AggregateFunction<number, { n: number; s: number }, string> = {
      create: () => ({ n: 0, s: 0 }),
      add: (a, v) => ((a.n += 1), (a.s += v), a),
      merge: (a, b) => ((a.n += b.n), (a.s += b.s), a),
      result: (a) => `${a.s}/${a.n}`,
      toJSON: (a) => [a.n, a.s],
      fromJSON: (j) => ({ n: (j as number[])[0], s: (j as number[])[1] }),
      commutative: true,
    };
    const slidingMultiple = fc
      .integer({ min: 1, max: 12 })
      .chain((slide) =>
        fc
          .tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: -(slide - 1), max: slide - 1 }))
          .map(([k, offset]) => ({ type: 'sliding' as const, size: slide * k, slide, offset })),
      );
    const step: fc.Arbitrary<TestEvent<string | number, number>> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ key: fc.constantFrom<string | number>('a', 'b', 'c', 7), value: fc.integer({ min: 0, max: 9 }), timestamp: fc.integer({ min: -40, max: 120 }) }) },
      { weight: 1, arbitrary: fc.record({ watermark: fc.integer({ min: -40, max: 140 }) }) },
      { weight: 1, arbitrary: fc.constant({ snapshotRestore: true as const }) },
    );
    fc.assert(
      fc.property(
        slidingMultiple,
        fc.integer({ min: 0, max: 30 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(step, { maxLength: 70, size: 'medium' }),
        (cfg, lateness, final, mutable, script) => {
          const aggregate = (mutable ? mutableSum : sum()) as AggregateFunction<number, unknown, unknown>;
          const base = { assigner: sliding(cfg), allowedLateness: lateness, emit: final ? ('final' as const) : ('updates' as const), lateOutput: true, flushAtEnd: false };
          const plain = script.filter((e) => !('snapshotRestore' in e));
          const sliced = runWindowed(script, { ...base, aggregate }); // snapshot → JSON → restore at every such step
          const perWindow = runWindowed(plain, { ...base, aggregate: { ...aggregate, commutative: false } });
          const generic = runWindowed(plain, { ...base, aggregate, trigger: { type: 'event-time', earlyEveryElements: 1e9 } });
          expect(sliced.operator.snapshot().config.layout).toBe('slices');
          expect(perWindow.operator.snapshot().config.layout).toBeUndefined();
          const size = (s: StateSize) => [s.panes, s.windows];
          expect(size(sliced.operator.stateSize())).toEqual(size(generic.operator.stateSize()));
          for (const run of [sliced, perWindow, generic]) run.operator.onWatermark(MAX_TIMESTAMP);
          expect(sliced.results).toEqual(generic.results);
          expect(perWindow.results).toEqual(generic.results);
          expect(sliced.late).toEqual(generic.late);
          expect(sliced.operator.metrics).toEqual(generic.operator.metrics);
          expect(sliced.operator.stateSize().panes).toBe(0);
        },
      ),
      params,
    );
  });

  it('sliding windows with gaps (slide > size): fast == generic, and every element is in a result, the side output or metrics.unassigned', () => {
    const gapped = fc
      .integer({ min: 2, max: 30 })
      .chain((slide) =>
        fc
          .tuple(fc.integer({ min: 1, max: slide - 1 }), fc.integer({ min: -(slide - 1), max: slide - 1 }))
          .map(([size, offset]) => ({ size, slide, offset })),
      );
    const step: fc.Arbitrary<TestEvent<string, number>> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ key: fc.constantFrom('a', 'b'), value: fc.constant(1), timestamp: fc.integer({ min: -50, max: 300 }) }) },
      { weight: 1, arbitrary: fc.record({ watermark: fc.integer({ min: -50, max: 350 }) }) },
      { weight: 1, arbitrary: fc.constant({ snapshotRestore: true as const }) },
    );
    fc.assert(
      fc.property(gapped, fc.integer({ min: 0, max: 40 }), fc.array(step, { maxLength: 60, size: 'medium' }), (cfg, lateness, script) => {
        const base = { assigner: sliding(cfg), allowedLateness: lateness, emit: 'final' as const, aggregate: count(), lateOutput: true };
        const fast = runWindowed(script, base);
        const generic = runWindowed(script, { ...base, trigger: { type: 'event-time', earlyEveryElements: 1e9 } });
        expect(fast.results).toEqual(generic.results);
        expect(fast.late).toEqual(generic.late);
        expect(fast.operator.metrics).toEqual(generic.operator.metrics);
        const m = fast.operator.metrics;
        const counted = fast.results.reduce((n, r) => n + r.value, 0);
        expect(counted + m.lateSideOutput + m.unassigned).toBe(m.elements);
        expect(m.lateSideOutput).toBe(fast.late.length);
      }),
      params,
    );
  });

  const fnCfg = fc.constantFrom('sum', 'reduce', 'process');
  const triggerCfg: fc.Arbitrary<TriggerSpec> = fc.oneof(
    fc.constant<TriggerSpec>({ type: 'event-time' }),
    fc.record({ type: fc.constant('event-time' as const), earlyEveryElements: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ type: fc.constant('event-time' as const), earlyEveryMs: fc.integer({ min: 1, max: 50 }) }),
    fc.record({ type: fc.constant('count' as const), count: fc.integer({ min: 1, max: 4 }) }),
    fc.constant<TriggerSpec>({ type: 'purging', trigger: { type: 'event-time', earlyEveryElements: 2 } }),
    fc.constant<TriggerSpec>({ type: 'purging', trigger: { type: 'count', count: 2 } }),
  );
  const step: fc.Arbitrary<TestEvent<string, number>> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ key: fc.constantFrom('a', 'b'), value: fc.integer({ min: 0, max: 9 }), timestamp: fc.integer({ min: 0, max: 400 }), partition: fc.constantFrom(0, 1) }) },
    { weight: 1, arbitrary: fc.record({ watermark: fc.integer({ min: 0, max: 450 }) }) },
    { weight: 1, arbitrary: fc.record({ advanceMs: fc.integer({ min: 0, max: 60 }) }) },
    { weight: 1, arbitrary: fc.record({ idle: fc.constantFrom(0, 1) }) },
  );

  it('snapshot → JSON → restore at any point gives identical outputs', () => {
    fc.assert(
      fc.property(
        assignerCfg,
        triggerCfg,
        fc.integer({ min: 0, max: 30 }),
        fc.boolean(),
        fnCfg,
        fc.option(fc.record({ outOfOrderness: fc.integer({ min: 0, max: 30 }), idleTimeout: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }) }), { nil: undefined }),
        fc.array(step, { maxLength: 50, size: 'medium' }),
        fc.nat(),
        (cfg, trigger, lateness, final, fn, wm, steps, cut) => {
          const emitFinal = final && trigger.type !== 'purging';
          const script = wm ? steps : steps.filter((s) => !('idle' in s));
          const spec = {
            assigner: build(cfg),
            trigger,
            allowedLateness: lateness,
            emit: emitFinal ? 'final' : 'updates',
            ...(fn === 'sum'
              ? { aggregate: sum() }
              : fn === 'reduce'
                ? { reduce: (a: number, b: number) => Math.max(a, b) }
                : { process: (xs: readonly number[]) => xs.join(',') }),
            ...(wm ? { watermarks: { type: 'bounded' as const, ...wm, partitions: [0, 1] } } : {}),
          } as WindowedSpec<string, number, unknown>;
          const k = cut % (script.length + 1);
          const whole = runWindowed(script, spec);
          const resumed = runWindowed([...script.slice(0, k), { snapshotRestore: true }, ...script.slice(k)], spec);
          expect(resumed.results).toEqual(whole.results);
          expect(resumed.late).toEqual(whole.late);
          expect(resumed.retractions).toEqual(whole.retractions);
          expect(resumed.operator.metrics).toEqual(whole.operator.metrics);
        },
      ),
      params,
    );
  });
});
