/**
 * The inputs of a merging core (one per upstream task, `'<topic>:<partition>'`) and their combined watermark: the
 * minimum over the inputs' punctuated watermarks, an input silent longer than the idle timeout (processing time)
 * skipped until it speaks again. Shared by every core that merges upstream partials.
 */
import {
  PartitionWatermarks,
  systemClock,
  type Clock,
  type PartitionWatermarksSnapshot,
} from '@ecom/windowing';
import type { JsonValue } from '../runtime/stream-job.js';
import { invalidOption, invalidSnapshot } from './job-error.js';

/**
 * Options of {@link MergeInputs}.
 *
 * @example
 * const options: MergeInputsOptions = { inputs: ['orders:0', 'orders:1'], idleTimeoutMs: 30_000 };
 */
export interface MergeInputsOptions {
  readonly inputs: readonly string[];
  /** Processing time (ms) an input may stay silent before it stops holding the watermark back; 0 = never. */
  readonly idleTimeoutMs?: number;
  readonly clock?: Clock;
}

/**
 * The inputs of one merging core, checked once when the core is built.
 *
 * @throws JobError `INVALID_OPTION` (naming `job`) for an empty or repeated input list or a bad idle timeout.
 *
 * @example
 * const inputs = new MergeInputs('revenue', { inputs: ['orders:0', 'orders:1'] });
 * inputs.watermark('orders:0', 59_999); // false: orders:1 still holds it back
 * inputs.watermark('orders:1', 59_999); // true
 * inputs.combined; // 59999
 */
export class MergeInputs {
  readonly names: readonly string[];
  private readonly named: ReadonlySet<string>;
  private readonly watermarks: PartitionWatermarks<number | undefined>;

  constructor(
    private readonly job: string,
    options: MergeInputsOptions,
  ) {
    const { inputs } = options;
    if (
      !Array.isArray(inputs) ||
      inputs.length === 0 ||
      new Set(inputs).size !== inputs.length ||
      !inputs.every((i) => typeof i === 'string' && i.length > 0)
    ) {
      throw invalidOption(job, 'inputs', 'a non-empty list of distinct input names', inputs);
    }
    const idle = options.idleTimeoutMs ?? 0;
    if (!Number.isSafeInteger(idle) || idle < 0)
      throw invalidOption(job, 'idleTimeoutMs', 'a non-negative integer of ms', idle);
    this.names = [...inputs];
    this.named = new Set(inputs);
    this.watermarks = new PartitionWatermarks<number | undefined>(
      {
        type: 'punctuated',
        extract: (w) => w,
        partitions: this.names,
        ...(idle > 0 ? { idleTimeout: idle } : {}),
      },
      options.clock ?? systemClock,
    );
  }

  /** The minimum over the active inputs' watermarks. */
  get combined(): number {
    return this.watermarks.combined;
  }

  /** `input` sent something (it is not idle). Throws `INVALID_OPTION` for an input the core was not built with. */
  activity(input: string): void {
    this.known(input);
    this.watermarks.onEvent(input, undefined, 0);
  }

  /** `input`'s watermark advanced; whether the combined watermark did. */
  watermark(input: string, watermark: number): boolean {
    this.known(input);
    return this.watermarks.onEvent(input, watermark, 0);
  }

  /** Marks the inputs idle that were silent too long; whether the combined watermark advanced. */
  checkIdle(): boolean {
    return this.watermarks.onPeriodicEmit();
  }

  snapshot(): JsonValue {
    return this.watermarks.snapshot() as unknown as JsonValue;
  }

  /** Throws `INVALID_SNAPSHOT` for a malformed snapshot. */
  restore(snapshot: unknown): void {
    try {
      this.watermarks.restore(snapshot as PartitionWatermarksSnapshot);
    } catch (e) {
      throw invalidSnapshot(this.job, 'the input watermarks are malformed', e);
    }
  }

  private known(input: string): void {
    if (!this.named.has(input)) {
      throw invalidOption(this.job, 'inputs', `one of ${this.names.join(', ')}`, input);
    }
  }
}
