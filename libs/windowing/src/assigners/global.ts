import { assertTimestamp } from '../time.js';
import { GLOBAL_WINDOW, type Window } from '../window.js';
import type { AssignerDescription, WindowAssigner } from './window-assigner.js';

/**
 * One window holding everything (Flink's `GlobalWindows`). Watermarks never close it, so pair it with a count
 * or early-firing trigger; state is never cleaned up by time.
 *
 * @example
 * new GlobalWindows().assign(null, 42); // [GLOBAL_WINDOW]
 */
export class GlobalWindows implements WindowAssigner<unknown> {
  readonly kind = 'global' as const;
  readonly merging = false;
  readonly description: AssignerDescription = { type: 'global' };

  assign(_value: unknown, ts: number): Window[] {
    assertTimestamp(ts);
    return [GLOBAL_WINDOW];
  }
}

/**
 * The global-window assigner.
 *
 * @example
 * createWindowOperator({ assigner: globalWindows(), trigger: { type: 'purging', trigger: { type: 'count', count: 100 } }, aggregate: sum() });
 */
export function globalWindows(): GlobalWindows {
  return new GlobalWindows();
}
