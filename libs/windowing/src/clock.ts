/**
 * Processing time source (ms). Only early firings and idleness detection read it; event time never does.
 *
 * @example
 * const clock: Clock = { now: () => Date.now() };
 */
export interface Clock {
  now(): number;
}

/**
 * Wall-clock processing time (`Date.now()`).
 *
 * @example
 * createWindowOperator({ assigner: tumbling({ size: 1000 }), aggregate: sum(), clock: systemClock });
 */
export const systemClock: Clock = { now: () => Date.now() };
