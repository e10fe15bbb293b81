import type { Pane } from '../operator/pane.js';
import { FIRE, PURGE, type Trigger, type TriggerContext, type TriggerResult } from './trigger.js';
import type { TriggerSpec } from './trigger-spec.js';

/**
 * Flink's `PurgingTrigger`: every FIRE of the inner trigger becomes FIRE_AND_PURGE.
 *
 * @example
 * const t = new PurgingTrigger(new CountTrigger(10));
 */
export class PurgingTrigger implements Trigger {
  readonly purging = true;
  readonly spec: TriggerSpec;

  constructor(private readonly inner: Trigger) {
    this.spec = { type: 'purging', trigger: inner.spec };
  }

  onElement(pane: Pane, ts: number, ctx: TriggerContext): TriggerResult {
    return purge(this.inner.onElement(pane, ts, ctx));
  }

  onEventTime(pane: Pane, time: number, ctx: TriggerContext): TriggerResult {
    return purge(this.inner.onEventTime(pane, time, ctx));
  }

  onProcessingTime(pane: Pane, time: number, ctx: TriggerContext): TriggerResult {
    return purge(this.inner.onProcessingTime(pane, time, ctx));
  }

  onMerge(pane: Pane, ctx: TriggerContext): void {
    this.inner.onMerge(pane, ctx);
  }

  clear(pane: Pane, ctx: TriggerContext): void {
    this.inner.clear(pane, ctx);
  }
}

function purge(result: TriggerResult): TriggerResult {
  return result & FIRE ? FIRE | PURGE : result;
}
