import { assertTimestamp, MIN_TIMESTAMP } from '../time.js';
import type { WatermarkGenerator } from './watermark-generator.js';

/**
 * Returns a watermark carried by an element (e.g. a heartbeat or an end-of-batch marker), or `undefined`.
 *
 * @example
 * const fromMarker: WatermarkExtractor<{ watermark?: number }> = (e) => e.watermark;
 */
export type WatermarkExtractor<V> = (value: V, ts: number) => number | undefined;

/**
 * Punctuated watermarks: the watermark moves only when an element carries one; it never goes back.
 *
 * @example
 * const g = new PunctuatedWatermarks<{ wm?: number }>((e) => e.wm);
 * g.onEvent({ wm: 5000 }, 5001);
 * g.currentWatermark(); // 5000
 */
export class PunctuatedWatermarks<V> implements WatermarkGenerator<V> {
  private watermark = MIN_TIMESTAMP;

  constructor(private readonly extract: WatermarkExtractor<V>) {}

  onEvent(value: V, ts: number): void {
    const wm = this.extract(value, ts);
    if (wm === undefined) return;
    assertTimestamp(wm, 'punctuated watermark');
    if (wm > this.watermark) this.watermark = wm;
  }

  currentWatermark(): number {
    return this.watermark;
  }

  snapshot(): number {
    return this.watermark;
  }

  restore(state: number): void {
    this.watermark = state;
  }
}
