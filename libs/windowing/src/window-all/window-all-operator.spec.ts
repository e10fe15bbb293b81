import {
  createWindowAllOperator,
  decimalSum,
  sliding,
  sumBy,
  topN,
  tumbling,
  type WindowAllOptions,
  type WindowAllPartial,
  type WindowAllSnapshot,
} from '../index.js';
import { TestClock } from '../testing/index.js';
import { errorCode as code } from '../../test/error-code.js';

type Part = WindowAllPartial<string, number>;
const W = { start: 0, end: 1000 };
const total = sumBy((p: Part) => p.value);
const stage = (extra: Partial<WindowAllOptions<string, number, number, number>> = {}) =>
  createWindowAllOperator<string, number, number, number>({ assigner: tumbling({ size: 1000 }), inputs: [0, 1], aggregate: total, lateOutput: true, ...extra });
const line = (r: { window: { start: number }; value: unknown; timing: string; pane: number }) => `${r.window.start}=${String(r.value)}/${r.timing}#${r.pane}`;

describe('window-all stage', () => {
  it('fires one result per window when the minimum of the input watermarks reaches end − 1', () => {
    const s = stage();
    s.onResult(0, { key: 'a', window: W, value: 3 });
    s.onResult(1, { key: 'a', window: W, value: 4 });
    s.onResult(1, { key: 'b', window: W, value: 5 });
    s.onResult(0, { key: 'a', window: { start: 1000, end: 2000 }, value: 1 });
    s.onWatermark(0, 5000);
    expect(s.watermark).toBe(Number.MIN_SAFE_INTEGER); // input 1 holds it
    s.onWatermark(1, 998);
    expect(s.drain().results).toEqual([]);
    s.onWatermark(1, 1999);
    expect(s.drain().results.map(line)).toEqual(['0=12/on-time#0', '1000=1/on-time#0']);
    expect(s.metrics).toMatchObject({ partials: 4, results: 2 });
  });

  it('replaces a partial by a later one for the same (input, key, window); corrects a fired window at once', () => {
    const s = stage({ allowedLateness: 500 });
    s.onResult(0, { key: 'a', window: W, value: 3 });
    s.onResult(0, { key: 'a', window: W, value: 7 }); // early → on-time upsert upstream
    s.onResult(1, { key: 'a', window: W, value: 1 });
    s.onWatermark(0, 999);
    s.onWatermark(1, 999);
    expect(s.drain().results.map(line)).toEqual(['0=8/on-time#0']);
    s.onResult(1, { key: 'a', window: W, value: 2 }); // upstream late firing
    s.onResult(1, { key: 'b', window: W, value: 10 });
    s.onRetract(0, { key: 'a', window: W });
    s.onRetract(0, { key: 'zz', window: W }); // nothing held: no output
    expect(s.drain().results.map(line)).toEqual(['0=9/late#1', '0=19/late#2', '0=12/late#3']);
    s.onRetract(1, { key: 'a', window: W });
    s.onRetract(1, { key: 'b', window: W });
    const out = s.drain();
    expect(out.results.map(line)).toEqual(['0=10/late#4']);
    expect(out.retractions).toEqual([{ window: W, timestamp: 999 }]);
    s.onWatermark(0, 1499);
    s.onWatermark(1, 1499); // cleanup
    expect(s.stateSize()).toEqual({ windows: 0, partials: 0 });
    s.onResult(0, { key: 'a', window: W, value: 1 });
    expect(s.drain().late).toEqual([{ input: 0, kind: 'result', key: 'a', window: W, value: 1 }]);
    expect(s.metrics).toEqual({ partials: 6, retractions: 4, results: 5, retracted: 1, lateSideOutput: 1, lateDropped: 0 });
  });

  it('a first partial after the on-time point fires at once as a late result', () => {
    const s = stage({ allowedLateness: 500 });
    s.onWatermark(0, 1200);
    s.onWatermark(1, 1200);
    s.onResult(0, { key: 'a', window: W, value: 3 });
    expect(s.drain().results.map(line)).toEqual(['0=3/late#0']);
  });

  it('emit "final": one result per window at end − 1 + allowedLateness, with every correction in it', () => {
    const s = stage({ allowedLateness: 500, emit: 'final' });
    s.onResult(0, { key: 'a', window: W, value: 3 });
    s.onWatermark(0, 1000);
    s.onWatermark(1, 1000);
    s.onResult(1, { key: 'a', window: W, value: 4 });
    expect(s.drain().results).toEqual([]);
    s.onWatermark(0, 1499);
    s.onWatermark(1, 1499);
    expect(s.drain().results.map(line)).toEqual(['0=7/final#0']);
  });

  it('idle inputs leave the minimum (markIdle or idleTimeout) until they send again', () => {
    const clock = new TestClock(0);
    const s = stage({ idleTimeout: 100, clock });
    s.onResult(0, { key: 'a', window: W, value: 3 });
    s.onWatermark(0, 2000);
    s.markIdle(1);
    expect(s.drain().results.map(line)).toEqual(['0=3/on-time#0']);
    s.onResult(1, { key: 'a', window: { start: 2000, end: 3000 }, value: 1 }); // active again, its watermark is still MIN
    s.onWatermark(0, 4000);
    expect(s.watermark).toBe(2000);
    s.advance(); // both inputs were active since the last check
    clock.advance(101);
    s.advance(); // both quiet since: countdowns start
    clock.advance(50);
    s.onWatermark(0, 4001); // input 0 active again
    clock.advance(51);
    s.advance(); // input 1 quiet for 101 ms > 100: idle
    expect(s.watermark).toBe(4001);
    expect(s.drain().results.map(line)).toEqual(['2000=1/on-time#0']);
  });

  it('two-phase aggregates: global top-N from per-product partials, global revenue from partial decimal sums', () => {
    const top = createWindowAllOperator({
      assigner: sliding({ size: 2000, slide: 1000 }),
      inputs: ['p0', 'p1'],
      aggregate: topN({ n: 2, item: (p: Part) => p.key, score: (p) => p.value }),
    });
    const W2 = { start: 0, end: 2000 };
    top.onResult('p0', { key: 'x', window: W2, value: 5 });
    top.onResult('p1', { key: 'x', window: W2, value: 1 });
    top.onResult('p1', { key: 'y', window: W2, value: 6 });
    top.onResult('p0', { key: 'z', window: W2, value: 2 });
    top.onWatermark('p0', 1999);
    top.onWatermark('p1', 1999);
    expect(top.drain().results[0].value).toEqual([
      { rank: 1, item: 'x', score: 6 },
      { rank: 2, item: 'y', score: 6 },
    ]);
    const revenue = createWindowAllOperator({
      assigner: tumbling({ size: 1000 }),
      inputs: [0, 1, 2],
      aggregate: decimalSum((p: WindowAllPartial<string, string>) => p.value),
    });
    revenue.onResult(0, { key: 'all', window: W, value: '0.10' });
    revenue.onResult(1, { key: 'all', window: W, value: '0.20' });
    revenue.onResult(2, { key: 'all', window: W, value: '9007199254740993.005' });
    for (const i of [0, 1, 2]) revenue.onWatermark(i, 999);
    expect(revenue.drain().results[0].value).toBe('9007199254740993.305');
  });

  it('snapshots in the ecom-windowing/1 envelope and continues identically after restore', () => {
    const s = stage({ allowedLateness: 500 });
    s.onResult(0, { key: 'a', window: W, value: 3 });
    s.onResult(1, { key: 'b', window: { start: 1000, end: 2000 }, value: 4 });
    s.onWatermark(0, 999);
    s.onWatermark(1, 999);
    s.drain();
    const snap = s.snapshot();
    expect(snap).toMatchObject({
      format: 'ecom-windowing/1',
      config: { operator: 'window-all', assigner: { type: 'tumbling', size: 1000, offset: 0 }, inputs: [0, 1], allowedLateness: 500, emit: 'updates', idleTimeout: null },
      watermark: 999,
      panes: [
        [0, 1000, 1, [[0, 'a', 3]]],
        [1000, 2000, 0, [[1, 'b', 4]]],
      ],
      eventTimers: [],
    });
    const fresh = stage({ allowedLateness: 500 });
    fresh.restore(JSON.parse(JSON.stringify(snap)) as WindowAllSnapshot);
    for (const op of [s, fresh]) {
      op.onResult(1, { key: 'a', window: W, value: 1 });
      op.onWatermark(0, 1999);
      op.onWatermark(1, 1999);
    }
    expect(fresh.drain()).toEqual(s.drain());
    expect(fresh.metrics).toEqual(s.metrics);
    expect(fresh.snapshot()).toEqual(s.snapshot());
  });

  it('rejects bad input with typed errors', () => {
    const s = stage();
    expect(code(() => s.onResult(2, { key: 'a', window: W, value: 1 }))).toBe('INVALID_CONFIG');
    expect(code(() => s.onResult(0, { key: {} as never, window: W, value: 1 }))).toBe('INVALID_KEY');
    expect(code(() => s.onResult(0, { key: 'a', window: { start: 0, end: 999 }, value: 1 }))).toBe('INVALID_CONFIG');
    expect(code(() => s.onResult(0, { key: 'a', window: { start: 500, end: 1500 }, value: 1 }))).toBe('INVALID_CONFIG');
    expect(code(() => s.onResult(0, null as never))).toBe('INVALID_CONFIG');
    expect(code(() => s.onWatermark(0, Number.NaN))).toBe('INVALID_WATERMARK');
    expect(code(() => stage({ inputs: [] }))).toBe('INVALID_CONFIG');
    expect(code(() => stage({ inputs: [1, 1] }))).toBe('INVALID_CONFIG');
    expect(code(() => stage({ aggregate: {} as never }))).toBe('INVALID_CONFIG');
    expect(code(() => stage({ allowedLateness: -1 }))).toBe('INVALID_LATENESS');
    expect(code(() => stage({ idleTimeout: 0 }))).toBe('INVALID_TIMEOUT');
    expect(code(() => createWindowAllOperator({ assigner: {} as never, inputs: [0], aggregate: total }))).toBe('INVALID_CONFIG');
    const topScores = createWindowAllOperator({ assigner: tumbling({ size: 1000 }), inputs: [0], aggregate: topN({ n: 1, item: (p: Part) => p.key, score: (p) => p.value }) });
    expect(code(() => topScores.onResult(0, { key: 'a', window: W, value: 0.5 }))).toBe('INVALID_SCORE'); // the aggregate's validate, before any change
    expect(topScores.stateSize()).toEqual({ windows: 0, partials: 0 });
  });

  it('refuses snapshots of another configuration or shape', () => {
    const s = stage();
    s.onResult(0, { key: 'a', window: W, value: 3 });
    const snap = s.snapshot();
    expect(code(() => stage({ inputs: [0, 2] }).restore(snap))).toBe('SNAPSHOT_MISMATCH');
    expect(code(() => stage({ emit: 'final' }).restore(snap))).toBe('SNAPSHOT_MISMATCH');
    expect(code(() => stage().restore({ ...snap, panes: [[0, 999, 0, []]] }))).toBe('INVALID_SNAPSHOT');
    expect(code(() => stage().restore({ ...snap, panes: [[0, 1000, 0, [[7, 'a', 1]]]] }))).toBe('INVALID_SNAPSHOT');
    expect(code(() => stage().restore({ ...snap, panes: [[0, 1000, -1, []]] }))).toBe('INVALID_SNAPSHOT');
    expect(code(() => stage().restore({ ...snap, panes: [['a', 1]] as never }))).toBe('INVALID_SNAPSHOT');
  });
});
