import type { Pane } from '../operator/pane.js';
import type { TriggerSpec } from './trigger-spec.js';

/**
 * Bit flags a trigger returns: 0 = continue, {@link FIRE}, {@link PURGE} or both.
 *
 * @example
 * const fireAndPurge: TriggerResult = FIRE | PURGE;
 */
export type TriggerResult = number;

/**
 * Emit the pane's contents.
 *
 * @example
 * if (result & FIRE) emit();
 */
export const FIRE = 1;

/**
 * Clear the pane's contents (keep the window and its timers).
 *
 * @example
 * if (result & PURGE) clear();
 */
export const PURGE = 2;

/**
 * What a trigger may ask of the operator (Flink's `Trigger.TriggerContext`).
 *
 * @example
 * ctx.registerEventTimer(pane, pane.window.end - 1);
 */
export interface TriggerContext {
  /** The operator's current event-time watermark. */
  readonly watermark: number;
  /** Processing time from the operator's clock. */
  now(): number;
  registerEventTimer(pane: Pane, time: number): void;
  deleteEventTimer(pane: Pane, time: number): void;
  registerProcessingTimer(pane: Pane, time: number): void;
  deleteProcessingTimer(pane: Pane, time: number): void;
}

/**
 * Internal trigger behaviour, built from a {@link TriggerSpec} by `createTrigger`.
 *
 * @example
 * const t: Trigger = createTrigger({ type: 'event-time' });
 */
export interface Trigger {
  readonly spec: TriggerSpec;
  /** Whether a firing purges the contents (the `purging` wrapper). */
  readonly purging: boolean;
  onElement(pane: Pane, ts: number, ctx: TriggerContext): TriggerResult;
  onEventTime(pane: Pane, time: number, ctx: TriggerContext): TriggerResult;
  onProcessingTime(pane: Pane, time: number, ctx: TriggerContext): TriggerResult;
  /** Called on the merged pane after its `count` was merged; sets timers for it. */
  onMerge(pane: Pane, ctx: TriggerContext): void;
  /** Deletes the timers and state this trigger set for `pane`. */
  clear(pane: Pane, ctx: TriggerContext): void;
}
