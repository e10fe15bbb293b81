import { MAX_TIMESTAMP } from '../time.js';
import type { BaseOperatorOptions, WindowOperatorOptions } from '../operator/options.js';
import type { Key, LateElement, WindowResult, WindowRetraction } from '../operator/results.js';
import type { WindowOperatorSnapshot } from '../operator/snapshot-format.js';
import { WindowOperator } from '../operator/window-operator.js';
import type { PartitionId } from '../watermarks/watermark-strategy.js';
import { TestClock } from './test-clock.js';

/**
 * A scripted step for {@link runWindowed}.
 *
 * @example
 * const steps: TestEvent<string, number>[] = [
 *   { key: 'a', value: 1, timestamp: 10 },
 *   { watermark: 2999 },
 *   { advanceMs: 1000 }, // processing time + operator.advance()
 *   { idle: 1 },
 * ];
 */
export type TestEvent<K, V> =
  | { readonly key: K; readonly value: V; readonly timestamp: number; readonly partition?: PartitionId }
  | { readonly watermark: number }
  | { readonly advanceMs: number }
  | { readonly idle: PartitionId }
  | { readonly snapshotRestore: true };

/**
 * What {@link runWindowed} returns: every output, in order, plus the operator for further inspection.
 *
 * @example
 * const { results, late } = runWindowed(events, spec);
 */
export interface WindowedRun<K, V, R> {
  results: WindowResult<K, R>[];
  late: LateElement<K, V>[];
  retractions: WindowRetraction<K>[];
  operator: WindowOperator<K & Key, V, R>;
  clock: TestClock;
}

/**
 * The operator spec for {@link runWindowed}: operator options without callbacks or clock (a {@link TestClock} is
 * used), plus `flushAtEnd` (default true: a final MAX_TIMESTAMP watermark, like Beam's end of a bounded input).
 *
 * @example
 * const spec: WindowedSpec<string, number, number> = { assigner: tumbling({ size: 1000 }), aggregate: sum() };
 */
export type WindowedSpec<K extends Key, V, R> = Omit<
  WindowOperatorOptions<K, V, R>,
  'onResult' | 'onLate' | 'onRetract' | 'lateOutput' | 'clock'
> & { readonly flushAtEnd?: boolean; readonly startTime?: number };

/**
 * Beam-style test harness: runs scripted events through a fresh operator and collects every output.
 * `{ snapshotRestore: true }` steps round-trip the state through `JSON.stringify` into a new operator.
 *
 * @example
 * const { results } = runWindowed(
 *   [{ key: 'a', value: 1, timestamp: 0 }, { key: 'a', value: 2, timestamp: 999 }],
 *   { assigner: tumbling({ size: 1000 }), aggregate: sum() },
 * );
 * results[0].value; // 3
 */
export function runWindowed<K extends Key, V, R>(
  events: Iterable<TestEvent<K, V>>,
  spec: WindowedSpec<K, V, R>,
): WindowedRun<K, V, R> {
  const { flushAtEnd = true, startTime = 0, ...options } = spec;
  const clock = new TestClock(startTime);
  const out: Omit<WindowedRun<K, V, R>, 'operator' | 'clock'> = { results: [], late: [], retractions: [] };
  const callbacks: Pick<BaseOperatorOptions<K, V, R>, 'onResult' | 'onLate' | 'onRetract' | 'clock'> = {
    onResult: (r) => out.results.push(r),
    onLate: (e) => out.late.push(e),
    onRetract: (r) => out.retractions.push(r),
    clock,
  };
  const build = (): WindowOperator<K, V, R> =>
    new WindowOperator<K, V, R>({ ...options, ...callbacks } as WindowOperatorOptions<K, V, R>);
  let op = build();
  for (const e of events) {
    if ('timestamp' in e) op.onElement(e.key, e.value, e.timestamp, e.partition);
    else if ('watermark' in e) op.onWatermark(e.watermark);
    else if ('advanceMs' in e) {
      clock.advance(e.advanceMs);
      op.advance();
    } else if ('idle' in e) op.markIdle(e.idle);
    else {
      const bytes = JSON.stringify(op.snapshot());
      op = build();
      op.restore(JSON.parse(bytes) as WindowOperatorSnapshot);
    }
  }
  if (flushAtEnd) op.onWatermark(MAX_TIMESTAMP);
  return { ...out, operator: op, clock };
}
