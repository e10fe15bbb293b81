import {
  count,
  countWindow,
  createWindowOperator,
  globalWindows,
  MAX_TIMESTAMP,
  session,
  sliding,
  sum,
  tumbling,
  WindowOperator,
  type WindowOperatorOptions,
  type WindowResult,
} from '../index.js';
import { runWindowed, TestClock } from '../testing/index.js';
import { errorCode } from '../../test/error-code.js';

const line = (r: WindowResult<string, unknown>): string => `${r.key}[${r.window.start},${r.window.end})=${String(r.value)}@${r.timestamp}`;

describe('WindowOperator – Flink WindowOperatorTest scenarios not in the shared file', () => {
  it('testSideOutputDueToLatenessSliding (3 s / 1 s, lateness 0)', () => {
    const op = createWindowOperator<string, number, number, number>({
      assigner: sliding({ size: 3000, slide: 1000 }),
      aggregate: sum(),
      lateOutput: true,
    });
    const plain = (): string[] => op.drain().results.map((r) => `${r.key}=${r.value}@${r.timestamp}`).sort();
    op.onElement('key2', 1, 1000);
    op.onWatermark(1999);
    expect(plain()).toEqual(['key2=1@1999']);
    op.onElement('key2', 1, 2000);
    op.onWatermark(3000);
    expect(plain()).toEqual(['key2=2@2999']);
    op.onElement('key1', 1, 3001);
    op.onElement('key2', 1, 2400);
    op.onElement('key2', 1, 2400);
    op.onElement('key1', 1, 3001);
    op.onElement('key2', 1, 3900);
    op.onWatermark(6000);
    expect(plain()).toEqual(['key1=2@3999', 'key1=2@4999', 'key1=2@5999', 'key2=1@5999', 'key2=4@4999', 'key2=5@3999'].sort());
    expect(op.drain().late).toEqual([]);
    op.onElement('key1', 1, 3001);
    expect(op.drain().late).toEqual([{ key: 'key1', value: 1, timestamp: 3001, partition: 0 }]);
  });

  const sessionPrefix = (lateness: number, purging: boolean) => {
    const op = createWindowOperator<string, number, number, number>({
      assigner: session({ gap: 3000 }),
      trigger: purging ? { type: 'purging', trigger: { type: 'event-time' } } : { type: 'event-time' },
      allowedLateness: lateness,
      aggregate: sum(),
      lateOutput: true,
    });
    for (const [ts, wm] of [[1000, 1999], [2000, 4998]]) {
      op.onElement('key2', 1, ts);
      op.onWatermark(wm);
    }
    op.onElement('key2', 1, 4500);
    op.onElement('key2', 1, 8500);
    op.onWatermark(7400);
    op.onElement('key2', 1, 7000);
    op.onWatermark(11501);
    expect(op.drain().results.map(line)).toEqual(['key2[1000,11500)=5@11499']);
    op.onElement('key2', 1, 11600);
    op.onWatermark(14600);
    expect(op.drain().results.map(line)).toEqual(['key2[11600,14600)=1@14599']);
    return op;
  };

  it('testNotSideOutputDueToLatenessSessionWithLateness (lateness 10, accumulating)', () => {
    const op = sessionPrefix(10, false);
    op.onElement('key2', 1, 10000);
    let out = op.drain();
    expect(out.results.map(line)).toEqual(['key2[10000,14600)=2@14599']);
    expect(out.results[0].timing).toBe('late');
    expect(out.retractions).toEqual([{ key: 'key2', window: { start: 11600, end: 14600 }, timestamp: 14599 }]);
    op.onElement('key2', 1, 14500);
    op.onWatermark(20000);
    out = op.drain();
    expect(out.results.map(line)).toEqual(['key2[10000,17500)=3@17499']);
    expect(out.late).toEqual([]);
  });

  it('testNotSideOutputDueToLatenessSessionWithHugeLatenessPurgingTrigger (lateness 10000, purging)', () => {
    const op = sessionPrefix(10000, true);
    op.onElement('key2', 1, 10000);
    expect(op.drain().results.map(line)).toEqual(['key2[1000,14600)=1@14599']);
    op.onElement('key2', 1, 14500);
    op.onWatermark(20000);
    const out = op.drain();
    expect(out.results.map(line)).toEqual(['key2[1000,17500)=1@17499']);
    expect(out.late).toEqual([]);
  });

  it('session windows that touch merge (Flink), one gap apart', () => {
    const { results } = runWindowed([{ key: 'k', value: 1, timestamp: 0 }, { key: 'k', value: 1, timestamp: 3000 }], {
      assigner: session({ gap: 3000 }),
      aggregate: count(),
    });
    expect(results.map(line)).toEqual(['k[0,6000)=2@5999']);
  });

  it('dynamic session gaps', () => {
    const { results } = runWindowed(
      [
        { key: 'k', value: 10, timestamp: 0 },
        { key: 'k', value: 1, timestamp: 8 },
        { key: 'k', value: 1, timestamp: 20 },
      ],
      { assigner: session<number>({ gap: (v) => v }), aggregate: sum() },
    );
    expect(results.map(line)).toEqual(['k[0,10)=11@9', 'k[20,21)=1@20']);
  });
});

describe('triggers and emit modes', () => {
  it('early firings every N elements, then the on-time firing, then late firings', () => {
    const { results } = runWindowed(
      [
        { key: 'a', value: 1, timestamp: 1 },
        { key: 'a', value: 1, timestamp: 2 },
        { key: 'a', value: 1, timestamp: 3 },
        { watermark: 999 },
        { key: 'a', value: 1, timestamp: 4 },
      ],
      { assigner: tumbling({ size: 1000 }), trigger: { type: 'event-time', earlyEveryElements: 2 }, allowedLateness: 100, aggregate: sum() },
    );
    expect(results.map((r) => [r.value, r.timing, r.pane])).toEqual([
      [2, 'early', 0],
      [3, 'on-time', 1],
      [4, 'late', 2],
    ]);
  });

  it('early firings by processing time: aligned, only when new elements arrived', () => {
    const clock = new TestClock(0);
    const op = createWindowOperator<string, number, number, number>({
      assigner: tumbling({ size: 60_000 }),
      trigger: { type: 'event-time', earlyEveryMs: 1000 },
      aggregate: sum(),
      clock,
    });
    op.onElement('a', 5, 10);
    clock.advance(999);
    op.advance();
    expect(op.drain().results).toEqual([]);
    clock.advance(1);
    op.advance();
    expect(op.drain().results.map((r) => [r.value, r.timing])).toEqual([[5, 'early']]);
    clock.advance(5000);
    op.advance();
    expect(op.drain().results).toEqual([]); // nothing new → no repeat
    op.onElement('a', 2, 20);
    clock.advance(1000);
    op.advance();
    expect(op.drain().results.map((r) => r.value)).toEqual([7]);
    op.onElement('a', 1, 30);
    op.onWatermark(59_999); // on-time firing cancels the pending early timer
    expect(op.drain().results.map((r) => [r.value, r.timing])).toEqual([[8, 'on-time']]);
    expect(op.stateSize()).toMatchObject({ panes: 0, processingTimers: 0, eventTimers: 0 });
  });

  it('count windows (global window + purging count trigger)', () => {
    const { results } = runWindowed(
      [1, 2, 3, 4, 5, 6, 7].map((v) => ({ key: 'a', value: v, timestamp: v })),
      { ...countWindow(3), aggregate: sum() },
    );
    expect(results.map((r) => r.value)).toEqual([6, 15]);
    expect(results[0].window).toEqual({ start: Number.MIN_SAFE_INTEGER, end: MAX_TIMESTAMP + 1 });
  });

  it('global windows with the default trigger fire at the final watermark', () => {
    const { results } = runWindowed([{ key: 'a', value: 1, timestamp: 5 }, { key: 'a', value: 2, timestamp: -5 }], {
      assigner: globalWindows(),
      reduce: (a: number, b: number) => a + b,
    });
    expect(results.map((r) => r.value)).toEqual([3]);
  });

  it('emit "final" emits once per window at end − 1 + lateness with late updates included', () => {
    const { results } = runWindowed(
      [
        { key: 'a', value: 1, timestamp: 100 },
        { watermark: 1000 },
        { key: 'a', value: 1, timestamp: 200 },
        { watermark: 1498 },
      ],
      { assigner: tumbling({ size: 1000 }), allowedLateness: 500, emit: 'final', aggregate: sum(), flushAtEnd: false },
    );
    expect(results).toEqual([]);
    const done = runWindowed(
      [{ key: 'a', value: 1, timestamp: 100 }, { watermark: 1000 }, { key: 'a', value: 1, timestamp: 200 }, { watermark: 1499 }],
      { assigner: tumbling({ size: 1000 }), allowedLateness: 500, emit: 'final', aggregate: sum(), flushAtEnd: false },
    );
    expect(done.results.map((r) => [r.value, r.timing, r.timestamp])).toEqual([[2, 'final', 999]]);
  });

  it('process-window functions see every element', () => {
    const { results } = runWindowed(
      [
        { key: 'a', value: 'x', timestamp: 1 },
        { key: 'a', value: 'y', timestamp: 2 },
        { key: 'a', value: 'x', timestamp: 3 },
      ],
      { assigner: tumbling({ size: 10 }), process: (els: readonly string[], ctx) => `${ctx.key}:${new Set(els).size}` },
    );
    expect(results.map((r) => r.value)).toEqual(['a:2']);
  });

  it('reports state size and drops late elements without a side output', () => {
    const op = createWindowOperator<string, number, number, number>({ assigner: sliding({ size: 300, slide: 100 }), aggregate: sum() });
    op.onElement('a', 1, 250);
    op.onElement('b', 1, 250);
    expect(op.stateSize()).toEqual({ panes: 6, windows: 3, elements: 0, eventTimers: 3, processingTimers: 0 }); // fast path: timers per window
    op.onWatermark(1000);
    op.onElement('a', 1, 5);
    expect(op.metrics).toMatchObject({ elements: 3, lateDropped: 1, lateSideOutput: 0, results: 6 });
    expect(op.stateSize().panes).toBe(0);
  });
});

describe('sliding windows with slide > size (gaps)', () => {
  it.each([
    ['fast path', { type: 'event-time' } as const],
    ['generic path', { type: 'event-time', earlyEveryElements: 1e9 } as const],
  ])('%s: drops and counts on-time elements in a gap, side-outputs late ones', (_path, trigger) => {
    const op = createWindowOperator<string, number, number, number>({ assigner: sliding({ size: 10, slide: 30 }), trigger, aggregate: sum(), lateOutput: true });
    op.onElement('a', 1, 5);
    op.onElement('a', 2, 15); // gap [10, 30)
    op.onWatermark(20);
    op.onElement('a', 4, 18); // gap, late
    op.onElement('a', 8, 25); // gap, on time
    op.onElement('a', 16, 31);
    op.onWatermark(MAX_TIMESTAMP);
    const out = op.drain();
    expect(out.results.map(line)).toEqual(['a[0,10)=1@9', 'a[30,40)=16@39']);
    expect(out.late).toEqual([{ key: 'a', value: 4, timestamp: 18, partition: 0 }]);
    expect(op.metrics).toEqual({ elements: 5, results: 2, lateSideOutput: 1, lateDropped: 0, unassigned: 2 });
  });

  it('restores a snapshot taken before the unassigned counter existed', () => {
    const op = createWindowOperator<string, number, number, number>({ assigner: sliding({ size: 10, slide: 30 }), aggregate: sum() });
    op.onElement('a', 1, 15);
    const { unassigned, ...older } = op.snapshot().metrics;
    expect(unassigned).toBe(1);
    const fresh = createWindowOperator<string, number, number, number>({ assigner: sliding({ size: 10, slide: 30 }), aggregate: sum() });
    fresh.restore({ ...op.snapshot(), metrics: older as never });
    expect(fresh.metrics).toEqual({ elements: 1, results: 0, lateSideOutput: 0, lateDropped: 0, unassigned: 0 });
  });
});

describe('sliced sliding windows (size a multiple of slide, commutative aggregate)', () => {
  const spec = { assigner: sliding({ size: 20, slide: 10 }), aggregate: sum(), allowedLateness: 30 };

  it('keeps one accumulator per key and slice, and merges the slices when a window fires', () => {
    const op = createWindowOperator<string, number, number, number>(spec);
    op.onElement('a', 1, 5);
    op.onElement('b', 2, 15);
    op.onElement('a', 4, 12);
    const snap = op.snapshot();
    expect(snap.config.layout).toBe('slices');
    expect(snap.panes).toEqual([
      ['a', 0, 10, 1, true, 0, 0],
      ['b', 10, 20, 2, true, 1, 0],
      ['a', 10, 20, 4, true, 2, 0],
    ]);
    expect(snap.eventTimers).toEqual([]); // rebuilt from the slices on restore
    // Logical (key, window) panes, as the per-window path counts them: [-10,10) a; [0,20) a, b; [10,30) b, a.
    expect(op.stateSize()).toMatchObject({ panes: 5, windows: 3 });
    op.onWatermark(19);
    expect(op.drain().results.map(line)).toEqual(['a[-10,10)=1@9', 'a[0,20)=5@19', 'b[0,20)=2@19']);
  });

  it('late firings count their panes per (key, window) across snapshot/restore', () => {
    const { results } = runWindowed<string, number, number>(
      [
        { key: 'a', value: 1, timestamp: 5 },
        { watermark: 19 },
        { key: 'a', value: 1, timestamp: 6 },
        { snapshotRestore: true },
        { key: 'a', value: 1, timestamp: 7 },
        { key: 'b', value: 1, timestamp: 8 },
      ],
      spec,
    );
    expect(results.map((r) => [r.window.start, r.value, r.timing, r.pane])).toEqual([
      [-10, 1, 'on-time', 0],
      [0, 1, 'on-time', 0],
      [0, 2, 'late', 1],
      [-10, 2, 'late', 1],
      [0, 3, 'late', 2],
      [-10, 3, 'late', 2],
      [0, 1, 'late', 0],
      [-10, 1, 'late', 0],
    ]);
  });

  it('is used only for commutative aggregates and sizes that are multiples of the slide', () => {
    const layout = (o: WindowOperatorOptions<string, number, number>) => new WindowOperator(o).snapshot().config.layout;
    expect(layout({ assigner: sliding({ size: 300, slide: 100 }), aggregate: count() })).toBe('slices');
    expect(layout({ assigner: sliding({ size: 300, slide: 100 }), aggregate: { ...sum(), commutative: false } })).toBeUndefined();
    expect(layout({ assigner: sliding({ size: 300, slide: 100 }), reduce: (a, b) => a + b })).toBeUndefined();
    expect(layout({ assigner: sliding({ size: 250, slide: 100 }), aggregate: sum() })).toBeUndefined();
    expect(layout({ assigner: sliding({ size: 100, slide: 100 }), aggregate: sum() })).toBeUndefined();
    expect(layout({ assigner: sliding({ size: 300, slide: 100 }), aggregate: sum(), trigger: { type: 'event-time', earlyEveryMs: 10 } })).toBeUndefined();
  });
});

describe('bad input', () => {
  const code = errorCode;
  const op = () => createWindowOperator<string, number, number, number>({ assigner: tumbling({ size: 10 }), aggregate: sum() });

  it.each([Number.NaN, 1.5, 2 ** 53, -(2 ** 53), Infinity])('rejects timestamp %p', (ts) => {
    expect(code(() => op().onElement('a', 1, ts))).toBe('INVALID_TIMESTAMP');
  });

  it('rejects bad watermarks, keys and configs', () => {
    expect(code(() => op().onWatermark(Number.NaN))).toBe('INVALID_WATERMARK');
    expect(code(() => op().onElement({} as never, 1, 1))).toBe('INVALID_KEY');
    expect(code(() => tumbling({ size: 0 }))).toBe('INVALID_SIZE');
    expect(code(() => tumbling({ size: -5 }))).toBe('INVALID_SIZE');
    expect(code(() => tumbling({ size: 10, offset: 10 }))).toBe('INVALID_OFFSET');
    expect(code(() => tumbling({ size: 10, offset: -10 }))).toBe('INVALID_OFFSET');
    expect(code(() => sliding({ size: 10, slide: 20 }))).toBeUndefined(); // hopping windows with gaps (Flink)
    expect(code(() => sliding({ size: 10, slide: 20, offset: 20 }))).toBe('INVALID_OFFSET');
    expect(code(() => sliding({ size: 10, slide: 0 }))).toBe('INVALID_SLIDE');
    expect(code(() => sliding({ size: 10, slide: 5, offset: 5 }))).toBe('INVALID_OFFSET');
    expect(code(() => session({ gap: 0 }))).toBe('INVALID_GAP');
    expect(code(() => countWindow(0))).toBe('INVALID_COUNT');
    expect(
      code(() => createWindowOperator({ assigner: tumbling({ size: 10 }), trigger: { type: 'continuous' } as never, aggregate: sum() })),
    ).toBe('UNKNOWN_TRIGGER');
    expect(
      code(() => createWindowOperator({ assigner: tumbling({ size: 10 }), trigger: { type: 'count', count: 0 }, aggregate: sum() })),
    ).toBe('INVALID_TRIGGER');
    expect(
      code(() => createWindowOperator({ assigner: tumbling({ size: 10 }), trigger: { type: 'event-time', earlyEvery: 5 } as never, aggregate: sum() })),
    ).toBe('INVALID_TRIGGER');
    expect(code(() => createWindowOperator({ assigner: tumbling({ size: 10 }), allowedLateness: -1, aggregate: sum() }))).toBe('INVALID_LATENESS');
    expect(
      code(() => createWindowOperator({ assigner: tumbling({ size: 10 }), emit: 'final', trigger: { type: 'purging', trigger: { type: 'event-time' } }, aggregate: sum() })),
    ).toBe('INVALID_CONFIG');
    expect(code(() => createWindowOperator({ assigner: session<number>({ gap: () => 0 }), aggregate: sum() }).onElement('a', 1, 1))).toBe('INVALID_GAP');
  });

  it('rejects a snapshot from another configuration or a malformed one', () => {
    const snap = op().snapshot();
    const other = createWindowOperator<string, number, number, number>({ assigner: tumbling({ size: 20 }), aggregate: sum() });
    expect(code(() => other.restore(snap))).toBe('SNAPSHOT_MISMATCH');
    expect(code(() => other.restore({ format: 'nope' } as never))).toBe('INVALID_SNAPSHOT');
  });

  it('does not mix per-window and sliced snapshots', () => {
    const sliced = () => createWindowOperator<string, number, number, number>({ assigner: sliding({ size: 30, slide: 10 }), aggregate: sum() });
    const perWindow = createWindowOperator<string, number, number, number>({
      assigner: sliding({ size: 30, slide: 10 }),
      aggregate: { ...sum(), commutative: false },
    });
    perWindow.onElement('a', 1, 5);
    expect(code(() => sliced().restore(perWindow.snapshot()))).toBe('SNAPSHOT_MISMATCH');
    const snap = sliced().snapshot();
    expect(code(() => sliced().restore({ ...snap, panes: [['a', 0, 30, 1, true, 0, 0]] }))).toBe('INVALID_SNAPSHOT');
    expect(code(() => sliced().restore({ ...snap, panes: [['a', 0, 30, null, false, 0, 2]] }))).toBe('INVALID_SNAPSHOT');
  });
});
