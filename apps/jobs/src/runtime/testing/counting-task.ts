/**
 * The counting job ({@link CountingCore}) as a runtime {@link Task}, fed raw records whose value is a JSON
 * {@link CountEvent}: for unit tests of the task runner, its commit interval, ticks and metrics on in-memory fakes.
 */
import type { KafkaRecordLike } from '@ecom/cdc';
import { MIN_TIMESTAMP } from '@ecom/windowing';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import type { SourceBatch } from '../source/change-source.js';
import type { JobResult, JsonValue } from '../stream-job.js';
import type { Task, TaskOutput } from '../run/task.js';
import { refused, type DeadLetter } from '../run/dead-letters.js';
import { JobRuntimeError } from '../errors.js';
import { CountingCore, type CountEvent } from './counting-job.js';

/**
 * A task over a {@link CountingCore}: a record whose value is not a JSON event is dead-lettered, a key `late` is
 * reported too late, and its watermark is the core's (the largest event time − 5 s).
 *
 * @example
 * const task = new CountingTask('count');
 * task.restore(null);
 * await task.process({ value: JSON.stringify({ ts: 1_000, key: 'a' }) }); // null
 * task.watermark; // -4000
 */
export class CountingTask implements Task {
  private readonly core: CountingCore;
  private maxTs = MIN_TIMESTAMP;
  private late: object[] = [];
  /** Results the next `finish` adds (a test's way to make a tick produce something). */
  readonly extra: JobResult[] = [];

  constructor(job: string) {
    this.core = new CountingCore(job);
  }

  get watermark(): number {
    return this.maxTs === MIN_TIMESTAMP ? MIN_TIMESTAMP : this.maxTs - 5_000;
  }

  async process(record: KafkaRecordLike): Promise<DeadLetter | null> {
    let event: CountEvent;
    try {
      event = JSON.parse(String(record.value)) as CountEvent;
      if (!Number.isSafeInteger(event.ts) || typeof event.key !== 'string') throw new Error('not an event');
    } catch {
      return refused(this.core.name, record, new JobRuntimeError('INVALID_REPARTITION', 'not a count event'));
    }
    if (event.key === 'late') {
      this.late.push({ ts: event.ts });
      return null;
    }
    this.core.onEvent(event);
    this.maxTs = Math.max(this.maxTs, event.ts);
    return null;
  }

  finish(): TaskOutput {
    const results = [...this.core.drain(), ...this.extra.splice(0)];
    const tooLate = this.late;
    this.late = [];
    return { results, forward: [], tooLate };
  }

  snapshot(): JsonValue {
    return { core: this.core.snapshot(), maxTs: this.maxTs };
  }

  restore(state: JsonValue): void {
    const s = state as { core: JsonValue; maxTs: number } | null;
    this.core.restore(s?.core ?? null);
    this.maxTs = s?.maxTs ?? MIN_TIMESTAMP;
  }
}

/**
 * A batch of count events of `partition` from offset `from` (each record's offset its position).
 *
 * @example
 * const p = { source: 'counts', partition: 0 };
 * countBatch(p, 10, [{ ts: 1_000, key: 'a' }]).nextOffset; // '11'
 */
export function countBatch(
  partition: SourcePartition,
  from: number,
  events: readonly (CountEvent | string)[],
): SourceBatch {
  const records: KafkaRecordLike[] = events.map((e, i) => ({
    topic: partition.source,
    partition: partition.partition,
    offset: String(from + i),
    key: null,
    value: typeof e === 'string' ? e : JSON.stringify(e),
  }));
  return { partition, records, nextOffset: String(from + events.length) };
}
