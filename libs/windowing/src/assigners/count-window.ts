import { assertInteger } from '../time.js';
import { countTrigger, purgingTrigger, type TriggerSpec } from '../triggers/trigger-spec.js';
import { globalWindows, type GlobalWindows } from './global.js';

/**
 * Tumbling count windows, as Flink's `countWindow(size)`: the global window with
 * `PurgingTrigger(CountTrigger(size))`. Spread it into the operator options.
 *
 * @example
 * createWindowOperator({ ...countWindow(100), aggregate: sum() }); // one result per 100 elements of a key
 */
export function countWindow(size: number): { assigner: GlobalWindows; trigger: TriggerSpec } {
  assertInteger(size, 'count window size', 'INVALID_COUNT', 1);
  return { assigner: globalWindows(), trigger: purgingTrigger(countTrigger(size)) };
}
