/** Offset of Vietnam time (UTC+7, no daylight saving) in milliseconds. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * Relative shopping intensity per local hour (0–23, Vietnam time): quiet nights, a lunch peak and the evening peak
 * (20–22h). Mean 1.
 *
 * @example
 * HOURLY_RHYTHM[21] > HOURLY_RHYTHM[3]; // true
 */
export const HOURLY_RHYTHM: readonly number[] = (() => {
  const raw = [
    0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.35, 0.6, 0.85, 1.0, 1.1, 1.3, 1.5, 1.3, 1.1, 1.0, 1.0, 1.1, 1.3, 1.6,
    1.9, 2.1, 1.7, 0.9,
  ];
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((v) => v / mean);
})();

/**
 * Relative intensity at an instant: the hourly rhythm, 15 % busier on weekends (Saturday, Sunday local time).
 *
 * @example
 * rhythmAt(Date.parse('2026-01-03T14:00:00Z')); // 21h on a Saturday in Hanoi: the busiest time of the week
 */
export function rhythmAt(epochMs: number): number {
  const local = new Date(epochMs + VIETNAM_OFFSET_MS);
  const day = local.getUTCDay();
  const weekend = day === 0 || day === 6 ? 1.15 : 1;
  return (HOURLY_RHYTHM[local.getUTCHours()] as number) * weekend;
}

/**
 * The largest value {@link rhythmAt} can return (for Poisson thinning).
 *
 * @example
 * MAX_RHYTHM >= rhythmAt(Date.now()); // true
 */
export const MAX_RHYTHM = Math.max(...HOURLY_RHYTHM) * 1.15;
