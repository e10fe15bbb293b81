import type { AssignerDescription } from '../assigners/window-assigner.js';
import { WindowingError } from '../errors.js';
import type { TriggerSpec } from '../triggers/trigger-spec.js';
import type { PartitionWatermarksSnapshot } from '../watermarks/partition-watermarks.js';
import type { WatermarkStrategy } from '../watermarks/watermark-strategy.js';
import type { EmitMode } from './options.js';
import type { Key, OperatorMetrics } from './results.js';

/**
 * Snapshot format identifier; bumped on incompatible changes.
 *
 * @example
 * snapshot.format === SNAPSHOT_FORMAT; // true
 */
export const SNAPSHOT_FORMAT = 'ecom-windowing/1';

/**
 * The operator configuration a snapshot was taken with; `restore()` refuses a snapshot whose config differs.
 *
 * @example
 * const c: SnapshotConfig = {
 *   assigner: { type: 'tumbling', size: 1000, offset: 0 }, trigger: { type: 'event-time' },
 *   allowedLateness: 0, emit: 'updates', function: 'aggregate', watermarks: null,
 * };
 */
export interface SnapshotConfig {
  assigner: AssignerDescription;
  trigger: TriggerSpec;
  allowedLateness: number;
  emit: EmitMode;
  function: 'aggregate' | 'reduce' | 'process';
  /** Watermark strategy type and bound, or null. */
  watermarks: { type: 'bounded' | 'punctuated'; outOfOrderness?: number; emit?: string; idleTimeout?: number } | null;
  /**
   * `'slices'` when state is kept per slide-long slice (sliding windows with a commutative aggregate): panes are
   * then `[key, sliceStart, sliceEnd, acc, true, arrivalRank, 0]` slices and `[key, start, end, null, false, 0,
   * firings]` late-firing counters, and timers are rebuilt from the slices. Absent: one pane per (key, window).
   */
  layout?: 'slices';
}

/**
 * One state entry of the window operator: `[key, windowStart, windowEnd, accumulator | null, hasContents,
 * triggerCount, firings]` (the sliced layout reuses the shape, see {@link SnapshotConfig.layout}).
 *
 * @example
 * const pane: PaneEntry = ['customer-42', 120_000, 180_000, 1250, true, 0, 0];
 */
export type PaneEntry = [Key, number, number, unknown, boolean, number, number];

/**
 * A timer in a snapshot: `[time, indexes of the state entries that own it]`, owners in firing order.
 *
 * @example
 * const t: TimerEntry = [179_999, [0, 1]];
 */
export type TimerEntry = [number, number[]];

/**
 * The snapshot envelope every operator of this library writes (`ecom-windowing/1`): the format id, the
 * configuration (`restore()` refuses another one with `SNAPSHOT_MISMATCH`), the watermark, the state entries
 * (`panes`: window panes, per-key state of a keyed process operator, partial results of a window-all stage),
 * event- and processing-time timers pointing at entries by index, the per-partition watermark state and the
 * metrics. JSON-safe: a runtime checkpoints any operator with `JSON.stringify(op.snapshot())`.
 *
 * @example
 * function checkpoint(op: { snapshot(): OperatorSnapshot<unknown, unknown, Record<string, number>> }): string {
 *   return JSON.stringify(op.snapshot());
 * }
 */
export interface OperatorSnapshot<C, E, M> {
  format: typeof SNAPSHOT_FORMAT;
  config: C;
  watermark: number;
  panes: E[];
  eventTimers: TimerEntry[];
  processingTimers: TimerEntry[];
  watermarks: PartitionWatermarksSnapshot | null;
  metrics: M;
}

/**
 * A JSON-safe window operator snapshot: `JSON.stringify` it to get bytes, `JSON.parse` + `restore()` to resume.
 * Panes are {@link PaneEntry} tuples; timers are `[time, paneIndexes]`, in firing order.
 *
 * @example
 * const bytes = JSON.stringify(operator.snapshot());
 * fresh.restore(JSON.parse(bytes) as WindowOperatorSnapshot);
 */
export type WindowOperatorSnapshot = OperatorSnapshot<SnapshotConfig, PaneEntry, OperatorMetrics>;

/**
 * Throws `INVALID_SNAPSHOT` unless `value` has the {@link OperatorSnapshot} envelope and every entry passes
 * `entryOk` (timers must point at existing entries).
 *
 * @example
 * const value: unknown = JSON.parse('{"format":"ecom-windowing/1"}');
 * assertEnvelope(value, (e) => Array.isArray(e)); // throws INVALID_SNAPSHOT: watermark must be a number
 */
export function assertEnvelope<E>(value: unknown, entryOk: (entry: unknown) => boolean): asserts value is OperatorSnapshot<unknown, E, unknown> {
  const fail = (why: string): never => {
    throw new WindowingError('INVALID_SNAPSHOT', `not a windowing snapshot: ${why}`);
  };
  if (value === null || typeof value !== 'object') fail('expected an object');
  const s = value as Partial<OperatorSnapshot<unknown, unknown, unknown>>;
  if (s.format !== SNAPSHOT_FORMAT) fail(`format must be "${SNAPSHOT_FORMAT}", got ${JSON.stringify(s.format)}`);
  if (typeof s.watermark !== 'number') fail('watermark must be a number');
  const panes = Array.isArray(s.panes) ? s.panes : fail('panes must be an array');
  const eventTimers = Array.isArray(s.eventTimers) ? s.eventTimers : fail('timers must be arrays');
  const processingTimers = Array.isArray(s.processingTimers) ? s.processingTimers : fail('timers must be arrays');
  if (s.config === null || typeof s.config !== 'object') fail('config must be an object');
  if (s.metrics === null || typeof s.metrics !== 'object') fail('metrics must be an object');
  for (const p of panes) if (!entryOk(p)) fail('bad pane entry');
  for (const t of [...eventTimers, ...processingTimers]) {
    const [time, idx] = Array.isArray(t) ? t : [undefined, undefined];
    if (typeof time !== 'number' || !Array.isArray(idx) || idx.some((i) => !Number.isInteger(i) || i < 0 || i >= panes.length)) {
      fail('bad timer entry');
    }
  }
}

/**
 * Throws `INVALID_SNAPSHOT` unless `value` looks like a {@link WindowOperatorSnapshot}.
 *
 * @example
 * assertSnapshotShape(JSON.parse(text));
 */
export function assertSnapshotShape(value: unknown): asserts value is WindowOperatorSnapshot {
  assertEnvelope(value, (p) => Array.isArray(p) && p.length === 7 && (typeof p[0] === 'string' || typeof p[0] === 'number'));
}

/** JSON text with every object's keys sorted: equal for configs that differ only in key order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Throws `SNAPSHOT_MISMATCH` unless the snapshot was taken with `config` (compared as JSON, whatever the order of
 * the keys: a snapshot kept in a PostgreSQL `jsonb` column comes back with its keys reordered) and agrees on whether
 * per-partition watermarks are configured.
 *
 * @example
 * const op = createWindowOperator({ assigner: tumbling({ size: 1000 }), aggregate: sum() });
 * assertSameConfig(op.snapshot(), { other: true }, false); // throws SNAPSHOT_MISMATCH
 */
export function assertSameConfig(snapshot: OperatorSnapshot<unknown, unknown, unknown>, config: unknown, hasWatermarks: boolean): void {
  const mine = JSON.stringify(config);
  const theirs = JSON.stringify(snapshot.config);
  if (sortedJson(config) !== sortedJson(snapshot.config)) {
    throw new WindowingError('SNAPSHOT_MISMATCH', `snapshot was taken with config ${theirs}, this operator has ${mine}`);
  }
  if ((snapshot.watermarks === null) !== !hasWatermarks) {
    throw new WindowingError('SNAPSHOT_MISMATCH', 'snapshot and operator disagree on options.watermarks');
  }
}

/**
 * The JSON description of a watermark strategy kept in snapshot configs (functions such as `extract` are left
 * out), or null without one.
 *
 * @example
 * watermarksConfig({ type: 'bounded', outOfOrderness: 2000 }); // { type: 'bounded', outOfOrderness: 2000, emit: 'per-element' }
 */
export function watermarksConfig(w: WatermarkStrategy<never> | undefined): SnapshotConfig['watermarks'] {
  if (!w) return null;
  return {
    type: w.type,
    ...(w.type === 'bounded' ? { outOfOrderness: w.outOfOrderness, emit: w.emit ?? 'per-element' } : {}),
    ...(w.idleTimeout === undefined ? {} : { idleTimeout: w.idleTimeout }),
  };
}

/**
 * Copies snapshot counters into `into`; counters the snapshot predates (e.g. `unassigned`) restart at 0.
 *
 * @example
 * const metrics = { elements: 0, unassigned: 0 };
 * restoreMetrics(metrics, { elements: 7 }); // metrics: { elements: 7, unassigned: 0 }
 */
export function restoreMetrics<M extends object>(into: M, from: Partial<M>): void {
  for (const name of Object.keys(into) as (keyof M)[]) {
    const n = from[name];
    if (n !== undefined && !Number.isSafeInteger(n)) throw new WindowingError('INVALID_SNAPSHOT', `metric ${String(name)} must be an integer`);
    into[name] = (n ?? 0) as M[keyof M];
  }
}

/**
 * A deep copy of a JSON-safe value (configs in snapshots).
 *
 * @example
 * const copy = cloneJson({ a: [1, 2] });
 */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
