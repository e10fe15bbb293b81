import type { KafkaRecordLike } from '@ecom/cdc';
import { EcomError } from '@ecom/domain';
import { JobRuntimeError } from '../errors.js';
import { readRepartitionRecord } from '../repartition/repartition-message.js';
import { UpstreamSequences } from '../repartition/upstream-sequences.js';
import type { JsonValue, MergeStageCore } from '../stream-job.js';
import { refused, type DeadLetter } from './dead-letters.js';
import type { Task, TaskOutput } from './task.js';

/**
 * The merging task of a two-phase job, over one partition of its repartition topic: each record read back
 * (`INVALID_REPARTITION` dead-lettered), resends dropped ({@link UpstreamSequences}), partials and upstream
 * watermarks fed to the core; after each batch, idle inputs checked and the final results committed.
 *
 * @example
 * import { createRevenueMergeJob } from '../../jobs/revenue/revenue-merge-job.js';
 * const task = new MergeTask(createRevenueMergeJob({ inputs: ['orders:0'] }));
 * task.restore(null);
 */
export class MergeTask implements Task {
  private readonly seen = new UpstreamSequences();
  /** Resends dropped since the task started. */
  duplicates = 0;

  constructor(private readonly core: MergeStageCore) {}

  async process(record: KafkaRecordLike): Promise<DeadLetter | null> {
    const { core } = this;
    try {
      const r = readRepartitionRecord(record);
      if (!this.seen.accept(r)) {
        this.duplicates++;
        return null;
      }
      if (r.partial !== undefined) core.onPartial(r.from, r.partial);
      else core.onInputWatermark(r.from, r.watermark);
      return null;
    } catch (e) {
      if (e instanceof EcomError && (!(e instanceof JobRuntimeError) || e.code === 'INVALID_REPARTITION'))
        return refused(core.name, record, e);
      throw e;
    }
  }

  finish(): TaskOutput {
    this.core.checkIdle();
    return { results: this.core.drain(), forward: [], tooLate: this.core.drainTooLate() };
  }

  snapshot(): JsonValue {
    return { core: this.core.snapshot(), seen: this.seen.snapshot() };
  }

  restore(state: JsonValue): void {
    if (state === null) return this.seen.restore(null);
    const s = state as { core?: JsonValue; seen?: JsonValue };
    if (typeof s !== 'object' || s.core === undefined)
      throw new JobRuntimeError('STORE_FAILED', 'checkpoint holds a corrupt merge state', { raw: state });
    this.core.restore(s.core);
    this.seen.restore(s.seen ?? null);
  }
}
