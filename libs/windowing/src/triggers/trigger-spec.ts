/**
 * A JSON trigger configuration. Unknown `type`s throw `UNKNOWN_TRIGGER`; bad or unknown fields throw
 * `INVALID_TRIGGER`.
 *
 * - `event-time` (Flink's `EventTimeTrigger`): fires when the watermark reaches `window.end − 1`, and again at once
 *   for every element that arrives later but within the allowed lateness. Optional early firings before that:
 *   `earlyEveryMs` (processing time, at most once per interval and only if elements arrived since the last
 *   firing; aligned to the interval like Flink's `ContinuousProcessingTimeTrigger`) and/or `earlyEveryElements`.
 * - `count` (Flink's `CountTrigger`): fires every `count` elements.
 * - `purging` (Flink's `PurgingTrigger`): turns every firing of `trigger` into fire-and-purge (discarding panes).
 *
 * @example
 * const onTime: TriggerSpec = { type: 'event-time' };
 * const lowLatency: TriggerSpec = { type: 'event-time', earlyEveryMs: 1000 };
 * const discarding: TriggerSpec = { type: 'purging', trigger: { type: 'count', count: 100 } };
 */
export type TriggerSpec =
  | { readonly type: 'event-time'; readonly earlyEveryMs?: number; readonly earlyEveryElements?: number }
  | { readonly type: 'count'; readonly count: number }
  | { readonly type: 'purging'; readonly trigger: TriggerSpec };

/**
 * Flink's `EventTimeTrigger.create()`.
 *
 * @example
 * createWindowOperator({ assigner: tumbling({ size: 1000 }), trigger: eventTimeTrigger(), aggregate: sum() });
 */
export function eventTimeTrigger(early: { everyMs?: number; everyElements?: number } = {}): TriggerSpec {
  return {
    type: 'event-time',
    ...(early.everyMs === undefined ? {} : { earlyEveryMs: early.everyMs }),
    ...(early.everyElements === undefined ? {} : { earlyEveryElements: early.everyElements }),
  };
}

/**
 * Flink's `CountTrigger.of(count)`.
 *
 * @example
 * countTrigger(100); // { type: 'count', count: 100 }
 */
export function countTrigger(count: number): TriggerSpec {
  return { type: 'count', count };
}

/**
 * Flink's `PurgingTrigger.of(trigger)`.
 *
 * @example
 * purgingTrigger(eventTimeTrigger()); // { type: 'purging', trigger: { type: 'event-time' } }
 */
export function purgingTrigger(trigger: TriggerSpec): TriggerSpec {
  return { type: 'purging', trigger };
}
