/**
 * Early results (issue 12, "Emission"): a core's `emitEarly()` gives its still-open windows' current figures, for
 * dashboards, before the watermark closes them. This file holds how the cores mark an early value (`final: false`;
 * final results and corrections carry no `final` field, so they stay exactly what they were). When the runtime asks
 * for early results is its own policy: `EarlyTrigger` in runtime/run/early-trigger.ts.
 */

/**
 * The field that marks an early value. A value without it is final (an on-time result or a correction).
 *
 * @example
 * const early = { total_orders: 3, ...EARLY }; // { total_orders: 3, final: false }
 */
export const EARLY = { final: false } as const;

/**
 * A copy of `value` marked as early (`final: false`, last field).
 *
 * @example
 * markEarly({ total_orders: 3 }); // { total_orders: 3, final: false }
 */
export function markEarly<V extends object>(value: V): V & typeof EARLY {
  return { ...value, ...EARLY };
}

/**
 * Whether a result value is early (`final: false`); a retraction (`null`) or a final value is not.
 *
 * @example
 * isEarly({ total_orders: 3, final: false }); // true
 * isEarly({ total_orders: 3 }); // false: final
 */
export function isEarly(value: { readonly [field: string]: unknown } | null): boolean {
  return value !== null && value['final'] === false;
}
