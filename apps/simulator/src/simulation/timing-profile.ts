const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Delays (milliseconds, [min, max]) that shape a simulation in time. */
export interface TimingProfile {
  /** Think time between two actions of a session. */
  readonly think: readonly [number, number];
  /** Placed order → payment completed or failed. */
  readonly payment: readonly [number, number];
  /** Payment → shipment in transit. */
  readonly shipping: readonly [number, number];
  /** In transit → delivered. */
  readonly delivery: readonly [number, number];
  /** Low stock → restocked. */
  readonly restock: readonly [number, number];
}

/**
 * Live mode: the original's 1–3 s think time, and a compressed order lifecycle (paid within seconds, delivered within
 * minutes) so CDC sees every status update during a short run.
 *
 * @example
 * LIVE_PROFILE.think; // [1000, 3000]
 */
export const LIVE_PROFILE: TimingProfile = {
  think: [1 * SECOND, 3 * SECOND],
  payment: [2 * SECOND, 15 * SECOND],
  shipping: [15 * SECOND, 60 * SECOND],
  delivery: [30 * SECOND, 2 * MINUTE],
  restock: [20 * SECOND, 60 * SECOND],
};

/**
 * Historical mode: realistic browsing (3–45 s between clicks) and a real order lifecycle (paid within 20 minutes,
 * shipped within 4–36 hours, delivered 1–4 days later).
 *
 * @example
 * HISTORICAL_PROFILE.delivery; // [86400000, 345600000]
 */
export const HISTORICAL_PROFILE: TimingProfile = {
  think: [3 * SECOND, 45 * SECOND],
  payment: [1 * MINUTE, 20 * MINUTE],
  shipping: [4 * HOUR, 36 * HOUR],
  delivery: [1 * DAY, 4 * DAY],
  restock: [6 * HOUR, 2 * DAY],
};
