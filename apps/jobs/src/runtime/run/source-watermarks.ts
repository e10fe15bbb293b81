import {
  PartitionWatermarks,
  systemClock,
  type Clock,
  type PartitionWatermarksSnapshot,
} from '@ecom/windowing';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import { JobRuntimeError } from '../errors.js';
import type { JsonValue } from '../stream-job.js';

type PartitionTuple = PartitionWatermarksSnapshot['partitions'][number];

/**
 * Watermark options: the bound on out-of-orderness and the idleness timeout (0 = never idle), both in ms.
 *
 * @example
 * const options: SourceWatermarkOptions = { outOfOrdernessMs: 5_000, idleTimeoutMs: 30_000 };
 */
export interface SourceWatermarkOptions {
  readonly outOfOrdernessMs: number;
  readonly idleTimeoutMs: number;
  readonly clock?: Clock;
}

/**
 * Event time of a job's source partitions: one bounded-out-of-orderness watermark per partition (with idleness),
 * the job's watermark the minimum over the active ones (`@ecom/windowing`'s `PartitionWatermarks`). Its state
 * splits per partition (`partitionState`, checkpointed with the partition's offset) plus the combined watermark
 * (`combinedState`, checkpointed with the core), and `restore` puts the pieces back together.
 *
 * @example
 * const p = { source: 'ecommerce-cdc.public.orders', partition: 0 };
 * const w = new SourceWatermarks({ outOfOrdernessMs: 5_000, idleTimeoutMs: 0 }, [p]);
 * w.onEvent(p, 60_000); // true
 * w.current; // 54999
 */
export class SourceWatermarks {
  private readonly inner: PartitionWatermarks<null>;

  constructor(options: SourceWatermarkOptions, partitions: readonly SourcePartition[]) {
    this.inner = new PartitionWatermarks<null>(
      {
        type: 'bounded',
        outOfOrderness: options.outOfOrdernessMs,
        ...(options.idleTimeoutMs > 0 ? { idleTimeout: options.idleTimeoutMs } : {}),
        partitions: partitions.map(watermarkId),
      },
      options.clock ?? systemClock,
    );
  }

  /** The job's watermark (epoch ms; `MIN_TIMESTAMP` before any record). */
  get current(): number {
    return this.inner.combined;
  }

  /** Records an event time of a partition; true when the job's watermark moved. */
  onEvent(partition: SourcePartition, eventTime: number): boolean {
    return this.inner.onEvent(watermarkId(partition), null, eventTime);
  }

  /** Marks partitions idle whose timeout passed; true when the job's watermark moved. */
  checkIdle(): boolean {
    return this.inner.onPeriodicEmit();
  }

  /** The checkpointed state of one partition (`null` when it has none yet). */
  partitionState(partition: SourcePartition): JsonValue {
    const id = watermarkId(partition);
    const tuple = this.inner.snapshot().partitions.find((t) => t[0] === id);
    return tuple === undefined ? null : (tuple as unknown as JsonValue);
  }

  /** The checkpointed combined watermark. */
  combinedState(): JsonValue {
    return { combined: this.inner.combined, idle: this.inner.idle };
  }

  /** Restores from {@link combinedState} and each partition's {@link partitionState} (`null` = fresh). */
  restore(combined: JsonValue, partitions: Iterable<readonly [SourcePartition, JsonValue]>): void {
    const fresh = this.inner.snapshot();
    const stored = new Map<string, PartitionTuple>();
    for (const [partition, state] of partitions) {
      if (state === null) continue;
      if (!isTuple(state)) throw corrupt(`watermark state of ${watermarkId(partition)}`, state);
      stored.set(watermarkId(partition), [watermarkId(partition), ...state.slice(1)] as PartitionTuple);
    }
    let head = { combined: fresh.combined, idle: fresh.idle };
    if (combined !== null) {
      const c = combined as { combined?: unknown; idle?: unknown };
      if (!Number.isSafeInteger(c.combined) || typeof c.idle !== 'boolean')
        throw corrupt('combined watermark', combined);
      head = { combined: c.combined as number, idle: c.idle };
    }
    this.inner.restore({
      ...head,
      partitions: fresh.partitions.map((t) => stored.get(t[0] as string) ?? t),
    });
  }
}

function watermarkId(p: SourcePartition): string {
  return `${p.source}:${p.partition}`;
}

function isTuple(state: JsonValue): state is JsonValue[] {
  return (
    Array.isArray(state) &&
    state.length === 5 &&
    Number.isSafeInteger(state[1]) &&
    Number.isSafeInteger(state[2]) &&
    typeof state[3] === 'boolean'
  );
}

function corrupt(what: string, raw: unknown): JobRuntimeError {
  return new JobRuntimeError('STORE_FAILED', `checkpoint holds a corrupt ${what}`, { raw });
}
