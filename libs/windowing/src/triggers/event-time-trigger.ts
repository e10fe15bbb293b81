import type { Pane } from '../operator/pane.js';
import { FIRE, type Trigger, type TriggerContext, type TriggerResult } from './trigger.js';
import type { TriggerSpec } from './trigger-spec.js';

/**
 * Flink's `EventTimeTrigger`, plus optional early firings (every N ms of processing time and/or every N elements)
 * while the watermark is still before the window's end.
 *
 * @example
 * const t = new EventTimeTrigger(0, 0); // plain on-time + late firings
 */
export class EventTimeTrigger implements Trigger {
  readonly purging = false;
  readonly spec: TriggerSpec;

  constructor(
    /** Early firing period in processing-time ms (0 = none). */
    private readonly everyMs: number,
    /** Early firing every N elements (0 = none). */
    private readonly everyElements: number,
  ) {
    this.spec = {
      type: 'event-time',
      ...(everyMs ? { earlyEveryMs: everyMs } : {}),
      ...(everyElements ? { earlyEveryElements: everyElements } : {}),
    };
  }

  onElement(pane: Pane, _ts: number, ctx: TriggerContext): TriggerResult {
    const maxTs = pane.window.end - 1;
    if (maxTs <= ctx.watermark) return FIRE; // late firing (Flink: fire immediately)
    if ((pane.timers & 1) === 0) ctx.registerEventTimer(pane, maxTs);
    if (this.everyElements !== 0 && ++pane.count >= this.everyElements) {
      pane.count = 0;
      return FIRE;
    }
    if (this.everyMs !== 0 && Number.isNaN(pane.processingTimer)) {
      const now = ctx.now();
      ctx.registerProcessingTimer(pane, now - mod(now, this.everyMs) + this.everyMs);
    }
    return 0;
  }

  onEventTime(pane: Pane, time: number, ctx: TriggerContext): TriggerResult {
    if (time !== pane.window.end - 1) return 0;
    if (!Number.isNaN(pane.processingTimer)) ctx.deleteProcessingTimer(pane, pane.processingTimer);
    pane.count = 0;
    return FIRE;
  }

  onProcessingTime(pane: Pane, _time: number, ctx: TriggerContext): TriggerResult {
    // The timer is consumed; the next element sets the next one (no repeated firings without new data).
    if (ctx.watermark >= pane.window.end - 1) return 0;
    pane.count = 0;
    return FIRE;
  }

  onMerge(pane: Pane, ctx: TriggerContext): void {
    const maxTs = pane.window.end - 1;
    if (maxTs > ctx.watermark) {
      ctx.registerEventTimer(pane, maxTs);
      if (this.everyMs !== 0 && Number.isNaN(pane.processingTimer)) {
        const now = ctx.now();
        ctx.registerProcessingTimer(pane, now - mod(now, this.everyMs) + this.everyMs);
      }
    }
  }

  clear(pane: Pane, ctx: TriggerContext): void {
    ctx.deleteEventTimer(pane, pane.window.end - 1);
    if (!Number.isNaN(pane.processingTimer)) ctx.deleteProcessingTimer(pane, pane.processingTimer);
    pane.count = 0;
  }
}

function mod(a: number, b: number): number {
  const r = a % b;
  return r < 0 ? r + b : r;
}
