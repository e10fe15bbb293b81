import { assertInteger, assertTimestamp } from '../time.js';
import type { Window } from '../window.js';
import type { AssignerDescription, WindowAssigner } from './window-assigner.js';

/**
 * A per-element session gap: how long (ms, > 0) after this element the session stays open.
 *
 * @example
 * const gap: SessionGap<{ vip: boolean }> = (order) => (order.vip ? 60_000 : 30_000);
 */
export type SessionGap<V> = (value: V, ts: number) => number;

/**
 * Options of {@link session}.
 *
 * @example
 * const o: SessionOptions<unknown> = { gap: 30 * 60_000 };
 */
export interface SessionOptions<V> {
  /** Inactivity gap in ms (> 0), or a function computing it per element (Flink's dynamic gap). */
  readonly gap: number | SessionGap<V>;
}

/**
 * Event-time session windows (Flink's `EventTimeSessionWindows` / `DynamicEventTimeSessionWindows`): each
 * element opens `[ts, ts + gap)`; windows of the same key that intersect **inclusively** merge into their cover.
 *
 * @example
 * new SessionWindows<unknown>(3000).assign(null, 1000); // [{ start: 1000, end: 4000 }]
 */
export class SessionWindows<V> implements WindowAssigner<V> {
  readonly kind = 'session' as const;
  readonly merging = true;
  readonly description: AssignerDescription;
  private readonly gapOf: SessionGap<V> | undefined;
  private readonly fixedGap: number;

  constructor(gap: number | SessionGap<V>) {
    if (typeof gap === 'function') {
      this.gapOf = gap;
      this.fixedGap = 0;
      this.description = { type: 'session', gap: 'dynamic' };
    } else {
      this.gapOf = undefined;
      this.fixedGap = assertInteger(gap, 'session gap', 'INVALID_GAP', 1);
      this.description = { type: 'session', gap };
    }
  }

  /** The gap for this element (validated: a positive safe integer). */
  gap(value: V, ts: number): number {
    if (this.gapOf === undefined) return this.fixedGap;
    return assertInteger(this.gapOf(value, ts), 'dynamic session gap', 'INVALID_GAP', 1);
  }

  assign(value: V, ts: number): Window[] {
    assertTimestamp(ts);
    return [{ start: ts, end: ts + this.gap(value, ts) }];
  }
}

/**
 * Session windows with a fixed or dynamic gap.
 *
 * @example
 * session({ gap: 3000 }); // events 0 and 3000 form ONE session [0, 6000) (touching windows merge, as in Flink)
 * session<{ vip: boolean }>({ gap: (o) => (o.vip ? 60_000 : 30_000) });
 */
export function session<V = unknown>(options: SessionOptions<V>): SessionWindows<V> {
  return new SessionWindows<V>(options.gap);
}
