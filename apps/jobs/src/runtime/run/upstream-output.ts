import { JobRuntimeError } from '../errors.js';
import type { RepartitionRecord } from '../repartition/repartition-message.js';
import type { SourceBatch } from '../source/change-source.js';
import type { JobResult, JsonValue } from '../stream-job.js';

/**
 * What one upstream task sends downstream, tagged for {@link UpstreamSequences}: its partials, then its watermark
 * when it moved, each with `[next offset, index]`. A batch with the same next offset as the last one (a tick: idle
 * inputs, no records) continues the indexes after the last sent, so its records are never taken for resends; the
 * last sequence is part of the task's checkpoint.
 *
 * @example
 * const out = new UpstreamOutput('ecommerce-cdc.public.orders:0');
 * const batch = { partition: { source: 'ecommerce-cdc.public.orders', partition: 0 }, records: [], nextOffset: '10' };
 * out.records(batch, [], 59_999); // [{ from: 'ecommerce-cdc.public.orders:0', seq: ['10', 0], watermark: 59999 }]
 * out.records(batch, [], 119_999); // [{ …, seq: ['10', 1], watermark: 119999 }]
 */
export class UpstreamOutput {
  private last: readonly [string, number] | null = null;
  private sentWatermark: number | undefined;

  constructor(readonly from: string) {}

  /** The batch's records to forward. */
  records(batch: SourceBatch, partials: readonly JobResult[], watermark: number): RepartitionRecord[] {
    const offset = batch.nextOffset;
    let index = this.last !== null && this.last[0] === offset ? this.last[1] + 1 : 0;
    const out: RepartitionRecord[] = partials.map((partial) => ({
      from: this.from,
      seq: [offset, index++],
      partial,
    }));
    if (watermark !== this.sentWatermark) out.push({ from: this.from, seq: [offset, index++], watermark });
    this.sentWatermark = watermark;
    if (out.length > 0) this.last = [offset, index - 1];
    return out;
  }

  /** The last sequence sent (`null` before the first). */
  snapshot(): JsonValue {
    return this.last === null ? null : [...this.last];
  }

  /** After a restore the watermark is sent again with the next batch. */
  restore(state: JsonValue | undefined): void {
    this.sentWatermark = undefined;
    if (state === null || state === undefined) {
      this.last = null;
      return;
    }
    const [offset, index] = Array.isArray(state) ? state : [];
    if (typeof offset !== 'string' || !/^\d+$/.test(offset) || !Number.isSafeInteger(index))
      throw new JobRuntimeError('STORE_FAILED', 'checkpoint holds a corrupt upstream sequence', {
        raw: state,
      });
    this.last = [offset, index as number];
  }
}
