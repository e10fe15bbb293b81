import type { Decoder, KafkaRecordLike } from '@ecom/cdc';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import { JobRuntimeError } from '../errors.js';
import type { SourceBatch } from '../source/change-source.js';
import type { JsonValue, StreamJobCore } from '../stream-job.js';
import type { DeadLetter } from './dead-letters.js';
import { feedRecord } from './decode-record.js';
import { EarlyTrigger, type TaskEarlyResults } from './early-trigger.js';
import { SourceWatermarks, type SourceWatermarkOptions } from './source-watermarks.js';
import type { Task, TaskOutput } from './task.js';
import { UpstreamOutput } from './upstream-output.js';

/**
 * Options of {@link CdcTask}. With `forward`, the core's results are partials: they are sent to the merging task
 * (tagged with this partition and the batch's sequence), followed by the partition's watermark, instead of being
 * committed as results.
 *
 * @example
 * import { createDecoder } from '@ecom/cdc';
 * import { createRevenuePartialsJob } from '../../jobs/revenue/revenue-partials-job.js';
 * const options: CdcTaskOptions = {
 *   core: createRevenuePartialsJob(), decoder: createDecoder(), forward: true,
 *   partition: { source: 'ecommerce-cdc.public.orders', partition: 0 },
 *   watermarks: { outOfOrdernessMs: 5_000 },
 * };
 */
export interface CdcTaskOptions extends TaskEarlyResults {
  readonly core: StreamJobCore;
  readonly decoder: Decoder;
  readonly partition: SourcePartition;
  /** Idleness does not apply: one partition (the merging task handles idle inputs). */
  readonly watermarks: Pick<SourceWatermarkOptions, 'outOfOrdernessMs'>;
  readonly forward: boolean;
  /**
   * Tables whose records never move the watermark (read as tables, not events), when several tables share this one
   * partition (the in-process source). On Kafka each table has its own partitions: leave it unset.
   */
  readonly untimedTables?: readonly string[];
}

/**
 * The input name of a source partition in a merging task: `'<topic>:<partition>'`.
 *
 * @example
 * upstreamName({ source: 'ecommerce-cdc.public.orders', partition: 2 }); // 'ecommerce-cdc.public.orders:2'
 */
export function upstreamName(partition: SourcePartition): string {
  return `${partition.source}:${partition.partition}`;
}

/**
 * A task over one CDC partition: decode and validate each record (`@ecom/cdc`), feed the core, advance the
 * partition's bounded-out-of-orderness watermark. After each batch (or tick) it asks the core for early results
 * when its {@link EarlyTrigger} fires (each record's watermark is applied by then), then drains it. Its checkpoint
 * holds the core's snapshot and the watermark.
 *
 * @example
 * declare const options: CdcTaskOptions;
 * const task = new CdcTask(options);
 * task.restore(null);
 */
export class CdcTask implements Task {
  private readonly watermarks: SourceWatermarks;
  private readonly output: UpstreamOutput;
  private readonly early: EarlyTrigger;
  private readonly clock: () => number;
  private readonly untimed: ReadonlySet<string> | undefined;

  constructor(private readonly options: CdcTaskOptions) {
    this.untimed = options.untimedTables ? new Set(options.untimedTables) : undefined;
    this.early = new EarlyTrigger(options.earlyResults);
    this.clock = options.clock ?? Date.now;
    this.watermarks = new SourceWatermarks(
      { outOfOrdernessMs: options.watermarks.outOfOrdernessMs, idleTimeoutMs: 0 },
      [options.partition],
    );
    this.output = new UpstreamOutput(upstreamName(options.partition));
  }

  /** The partition's bounded-out-of-orderness watermark (epoch ms). */
  get watermark(): number {
    return this.watermarks.current;
  }

  async process(record: KafkaRecordLike): Promise<DeadLetter | null> {
    const { core, decoder, partition } = this.options;
    return feedRecord(core, decoder, partition, record, this.watermarks, this.untimed);
  }

  finish(batch: SourceBatch): TaskOutput {
    const { core, forward } = this.options;
    if (this.early.onEvents(batch.records.length, this.clock())) core.emitEarly?.();
    const results = core.drain();
    const tooLate = core.drainTooLate();
    if (!forward) return { results, forward: [], tooLate };
    return { results: [], forward: this.output.records(batch, results, this.watermarks.current), tooLate };
  }

  snapshot(): JsonValue {
    return {
      core: this.options.core.snapshot(),
      watermark: this.watermarks.partitionState(this.options.partition),
      sent: this.output.snapshot(),
    };
  }

  restore(state: JsonValue): void {
    if (state === null) return this.output.restore(null);
    const s = state as { core?: JsonValue; watermark?: JsonValue; sent?: JsonValue };
    if (typeof s !== 'object' || s.core === undefined)
      throw new JobRuntimeError('STORE_FAILED', 'checkpoint holds a corrupt task state', { raw: state });
    this.options.core.restore(s.core);
    this.watermarks.restore(null, [[this.options.partition, s.watermark ?? null]]);
    this.output.restore(s.sent);
  }
}
