import type { Window } from '../window.js';

/**
 * JSON description of an assigner, stored in snapshots so a snapshot is only restored into a compatible operator.
 *
 * @example
 * const d: AssignerDescription = { type: 'tumbling', size: 60_000, offset: 0 };
 */
export type AssignerDescription =
  | { readonly type: 'tumbling'; readonly size: number; readonly offset: number }
  | { readonly type: 'sliding'; readonly size: number; readonly slide: number; readonly offset: number }
  | { readonly type: 'session'; readonly gap: number | 'dynamic' }
  | { readonly type: 'global' };

/**
 * Maps an element to the windows it belongs to. Built with {@link tumbling}, {@link sliding}, {@link session} or
 * {@link globalWindows}; the operator specialises on `kind`.
 *
 * @example
 * const a: WindowAssigner<number> = tumbling({ size: 5000 });
 * a.assign(1, 4999); // [{ start: 0, end: 5000 }]
 */
export interface WindowAssigner<V = unknown> {
  /** Which assigner this is. */
  readonly kind: AssignerDescription['type'];
  /** Sessions merge; the others never do. */
  readonly merging: boolean;
  /** JSON-safe description (snapshots keep it). */
  readonly description: AssignerDescription;
  /** The windows `value`@`ts` belongs to (a fresh array; order as Flink returns them). */
  assign(value: V, ts: number): Window[];
}
