/**
 * The inputs of a merging core (one per upstream task, `'<topic>:<partition>'`) and their combined watermark: the
 * minimum over the inputs' punctuated watermarks, an input silent longer than the idle timeout (processing time)
 * skipped until it speaks again. Untimed inputs (the partitions of a table read as a table, like a KTable: products
 * for top products) are inputs all the same, but their watermarks never count: a product updated now must not
 * close the windows of orders still arriving. Shared by every core that merges upstream partials.
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
  /** Inputs (among `inputs`) whose watermarks never count; at least one input must be timed. Default none. */
  readonly untimed?: readonly string[];
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
  /** The inputs, sorted. */
  readonly names: readonly string[];
  readonly untimed: readonly string[];
  private readonly named: ReadonlySet<string>;
  private readonly timed: ReadonlySet<string>;
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
    const untimed = options.untimed ?? [];
    if (
      !Array.isArray(untimed) ||
      !untimed.every((i) => inputs.includes(i)) ||
      new Set(untimed).size >= inputs.length
    ) {
      throw invalidOption(job, 'untimed', 'distinct inputs, leaving at least one timed input', untimed);
    }
    // Sorted: instances list a topic's partitions in any order, and snapshots compare the lists.
    this.names = [...inputs].sort();
    this.untimed = [...untimed].sort();
    this.named = new Set(inputs);
    this.timed = new Set(inputs.filter((i) => !untimed.includes(i)));
    this.watermarks = new PartitionWatermarks<number | undefined>(
      {
        type: 'punctuated',
        extract: (w) => w,
        partitions: [...this.timed],
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
    if (this.timed.has(input)) this.watermarks.onEvent(input, undefined, 0);
  }

  /** `input`'s watermark advanced; whether the combined watermark did (never for an untimed input). */
  watermark(input: string, watermark: number): boolean {
    this.known(input);
    return this.timed.has(input) && this.watermarks.onEvent(input, watermark, 0);
  }

  /** Marks the inputs idle that were silent too long; whether the combined watermark advanced. */
  checkIdle(): boolean {
    return this.watermarks.onPeriodicEmit();
  }

  snapshot(): JsonValue {
    return this.watermarks.snapshot() as unknown as JsonValue;
  }

  /** What a snapshot of a core over these inputs must match: the inputs, and which are untimed. */
  identity(): { readonly inputs: readonly string[]; readonly untimed: readonly string[] } {
    return { inputs: this.names, untimed: this.untimed };
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
