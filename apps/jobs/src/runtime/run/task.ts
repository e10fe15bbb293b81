import type { KafkaRecordLike } from '@ecom/cdc';
import type { SourceBatch } from '../source/change-source.js';
import type { JobResult, JsonValue } from '../stream-job.js';
import type { DeadLetter } from './dead-letters.js';
import type { RepartitionRecord } from '../repartition/repartition-message.js';

/**
 * What a task produced for one batch: results to commit with the batch, records to send to a repartition topic
 * before the commit, and too-late reports (dead-lettered).
 *
 * @example
 * const none: TaskOutput = { results: [], forward: [], tooLate: [] };
 */
export interface TaskOutput {
  readonly results: readonly JobResult[];
  readonly forward: readonly RepartitionRecord[];
  readonly tooLate: readonly object[];
  /** Dead letters found while finishing (a {@link ChainedTask}'s later stages refusing what the head sent). */
  readonly deadLetters?: readonly DeadLetter[];
}

/**
 * One task of a job: the work of one source partition (its own core, its own state, checkpointed in the
 * partition's row), as the {@link TaskRunner} drives it.
 *
 * @example
 * const idle: Task = {
 *   process: async () => null,
 *   finish: () => ({ results: [], forward: [], tooLate: [] }),
 *   snapshot: () => null,
 *   restore: () => undefined,
 * };
 */
export interface Task {
  /** Applies one record of the task's partition; the dead letter of a record it refuses. */
  process(record: KafkaRecordLike): Promise<DeadLetter | null>;
  /** The batch is done: what it produced. */
  finish(batch: SourceBatch): TaskOutput | Promise<TaskOutput>;
  snapshot(): JsonValue;
  /** `null`: the partition was never committed (a fresh task). */
  restore(state: JsonValue): void;
  /** The task's event-time watermark (epoch ms; `MIN_TIMESTAMP` before any event), when it has one: for metrics. */
  readonly watermark?: number;
}
