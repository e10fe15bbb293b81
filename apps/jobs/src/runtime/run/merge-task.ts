import type { KafkaRecordLike } from '@ecom/cdc';
import { EcomError } from '@ecom/domain';
import { JobRuntimeError } from '../errors.js';
import { readRepartitionRecord } from '../repartition/repartition-message.js';
import { UpstreamSequences } from '../repartition/upstream-sequences.js';
import type { SourceBatch } from '../source/change-source.js';
import type { JsonValue, KeyedStageCore, MergeStageCore } from '../stream-job.js';
import { refused, type DeadLetter } from './dead-letters.js';
import { EarlyTrigger, type TaskEarlyResults } from './early-trigger.js';
import type { Task, TaskOutput } from './task.js';
import { UpstreamOutput } from './upstream-output.js';

/**
 * Options of {@link MergeTask}. With `forward` (the keyed stage of a job that re-keys, whose core is a
 * `KeyedStageCore`), the core's results are sent on downstream as partials tagged `forward.from`.
 *
 * @example
 * const options: MergeTaskOptions = { earlyResults: { everyMs: 5_000 } };
 */
export interface MergeTaskOptions extends TaskEarlyResults {
  readonly forward?: { readonly from: string };
}

/**
 * A task over one partition of a repartition topic: each record read back (`INVALID_REPARTITION` dead-lettered),
 * resends dropped ({@link UpstreamSequences}), partials and upstream watermarks fed to the core; after each batch,
 * idle inputs checked and the core's results committed (the merging task of a job) or, with `forward` (the keyed
 * stage of a job that re-keys), sent on downstream as partials with the core's watermark, tagged `forward.from`.
 * Before that drain, once idle inputs are checked, it asks the core for early results when its {@link EarlyTrigger}
 * fires (records read and processing time: ticks count).
 *
 * @example
 * import { createRevenueMergeJob } from '../../jobs/revenue/revenue-merge-job.js';
 * const task = new MergeTask(createRevenueMergeJob({ inputs: ['orders:0'] }));
 * task.restore(null);
 */
export class MergeTask implements Task {
  private readonly seen = new UpstreamSequences();
  private readonly output: UpstreamOutput | null;
  private readonly early: EarlyTrigger;
  private readonly clock: () => number;
  /** Resends dropped since the task started. */
  duplicates = 0;

  constructor(core: MergeStageCore, options?: TaskEarlyResults);
  constructor(core: KeyedStageCore, options: MergeTaskOptions);
  constructor(
    private readonly core: MergeStageCore | KeyedStageCore,
    options: MergeTaskOptions = {},
  ) {
    this.output = options.forward ? new UpstreamOutput(options.forward.from) : null;
    this.early = new EarlyTrigger(options.earlyResults);
    this.clock = options.clock ?? Date.now;
  }

  /** The core's merged watermark (epoch ms), when it exposes one. */
  get watermark(): number | undefined {
    return this.core.watermark;
  }

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

  finish(batch: SourceBatch): TaskOutput {
    const { core, output } = this;
    core.checkIdle();
    if (this.early.onEvents(batch.records.length, this.clock())) core.emitEarly?.();
    const results = core.drain();
    const tooLate = core.drainTooLate();
    if (output === null) return { results, forward: [], tooLate };
    const watermark = (core as KeyedStageCore).watermark;
    return { results: [], forward: output.records(batch, results, watermark), tooLate };
  }

  snapshot(): JsonValue {
    const state = { core: this.core.snapshot(), seen: this.seen.snapshot() };
    return this.output ? { ...state, sent: this.output.snapshot() } : state;
  }

  restore(state: JsonValue): void {
    if (state === null) {
      this.output?.restore(null);
      return this.seen.restore(null);
    }
    const s = state as { core?: JsonValue; seen?: JsonValue; sent?: JsonValue };
    if (typeof s !== 'object' || s.core === undefined)
      throw new JobRuntimeError('STORE_FAILED', 'checkpoint holds a corrupt merge state', { raw: state });
    this.core.restore(s.core);
    this.seen.restore(s.seen ?? null);
    this.output?.restore(s.sent);
  }
}
