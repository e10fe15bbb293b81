import type { Pane } from '../operator/pane.js';
import { FIRE, type Trigger, type TriggerResult } from './trigger.js';
import type { TriggerSpec } from './trigger-spec.js';

/**
 * Flink's `CountTrigger`: fires when `count` elements arrived since the last firing. Timers never fire it
 * (the window's cleanup still happens at `end − 1 + allowedLateness`).
 *
 * @example
 * const t = new CountTrigger(3);
 */
export class CountTrigger implements Trigger {
  readonly purging = false;
  readonly spec: TriggerSpec;

  constructor(private readonly max: number) {
    this.spec = { type: 'count', count: max };
  }

  onElement(pane: Pane): TriggerResult {
    if (++pane.count >= this.max) {
      pane.count = 0;
      return FIRE;
    }
    return 0;
  }

  onEventTime(): TriggerResult {
    return 0;
  }

  onProcessingTime(): TriggerResult {
    return 0;
  }

  onMerge(): void {
    // counts were summed by the operator; Flink's CountTrigger does not fire on merge
  }

  clear(pane: Pane): void {
    pane.count = 0;
  }
}
