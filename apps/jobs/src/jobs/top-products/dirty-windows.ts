/**
 * Which of the windows marked dirty (their rows may have changed) to compute: those the watermark has reached
 * (fire them: final results and corrections) or those it has not (open: early results). Every open window with
 * counted items is dirty (a window leaves the set only when it fires), so the open dirty windows are all the open
 * windows there are.
 */

/**
 * The dirty windows whose end − 1 the watermark has reached, in window order.
 *
 * @example
 * readyWindows(new Set([60_000, 0]), 60_000, 59_999); // [0]
 */
export function readyWindows(dirty: ReadonlySet<number>, windowSize: number, watermark: number): number[] {
  return [...dirty].filter((w) => w + windowSize - 1 <= watermark).sort((a, b) => a - b);
}

/**
 * The dirty windows the watermark has not reached yet, in window order.
 *
 * @example
 * openWindows(new Set([60_000, 0]), 60_000, 59_999); // [60000]
 */
export function openWindows(dirty: ReadonlySet<number>, windowSize: number, watermark: number): number[] {
  return [...dirty].filter((w) => w + windowSize - 1 > watermark).sort((a, b) => a - b);
}
