import type { AssignerDescription } from '../assigners/window-assigner.js';
import { WindowingError } from '../errors.js';
import type { TriggerSpec } from '../triggers/trigger-spec.js';
import type { PartitionWatermarksSnapshot } from '../watermarks/partition-watermarks.js';
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
 * A JSON-safe operator snapshot: `JSON.stringify` it to get bytes, `JSON.parse` + `restore()` to resume. Panes
 * are `[key, windowStart, windowEnd, accumulator | null, hasContents, triggerCount, firings]`; timers are
 * `[time, paneIndexes]`, in firing order.
 *
 * @example
 * const bytes = JSON.stringify(operator.snapshot());
 * fresh.restore(JSON.parse(bytes) as WindowOperatorSnapshot);
 */
export interface WindowOperatorSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  config: SnapshotConfig;
  watermark: number;
  panes: [Key, number, number, unknown, boolean, number, number][];
  eventTimers: [number, number[]][];
  processingTimers: [number, number[]][];
  watermarks: PartitionWatermarksSnapshot | null;
  metrics: OperatorMetrics;
}

/**
 * Throws `INVALID_SNAPSHOT` unless `value` looks like a {@link WindowOperatorSnapshot}.
 *
 * @example
 * assertSnapshotShape(JSON.parse(text));
 */
export function assertSnapshotShape(value: unknown): asserts value is WindowOperatorSnapshot {
  const s = value as Partial<WindowOperatorSnapshot> | null;
  const fail = (why: string): never => {
    throw new WindowingError('INVALID_SNAPSHOT', `not a windowing snapshot: ${why}`);
  };
  if (s === null || typeof s !== 'object') fail('expected an object');
  if (s!.format !== SNAPSHOT_FORMAT) fail(`format must be "${SNAPSHOT_FORMAT}", got ${JSON.stringify(s!.format)}`);
  if (typeof s!.watermark !== 'number') fail('watermark must be a number');
  if (!Array.isArray(s!.panes)) fail('panes must be an array');
  if (!Array.isArray(s!.eventTimers) || !Array.isArray(s!.processingTimers)) fail('timers must be arrays');
  if (s!.config === null || typeof s!.config !== 'object') fail('config must be an object');
  if (s!.metrics === null || typeof s!.metrics !== 'object') fail('metrics must be an object');
  const n = s!.panes!.length;
  for (const p of s!.panes!) {
    if (!Array.isArray(p) || p.length !== 7 || (typeof p[0] !== 'string' && typeof p[0] !== 'number')) fail('bad pane entry');
  }
  for (const [time, idx] of [...s!.eventTimers!, ...s!.processingTimers!]) {
    if (typeof time !== 'number' || !Array.isArray(idx) || idx.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) {
      fail('bad timer entry');
    }
  }
}
