import type { KafkaRecordLike } from '@ecom/cdc';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import { JobRuntimeError } from '../errors.js';
import { repartitionMessage, type RepartitionRecord } from '../repartition/repartition-message.js';
import type { SourceBatch } from '../source/change-source.js';
import type { JsonValue } from '../stream-job.js';
import type { DeadLetter } from './dead-letters.js';
import type { Task, TaskOutput } from './task.js';

/**
 * One stage after the head of a {@link ChainedTask}: its task (a `MergeTask`) and the partition name its input
 * records carry (what a repartition topic's partition would be called: `<job>.keyed:0`, `<job>.repartition:0`).
 *
 * @example
 * import { MergeTask } from './merge-task.js';
 * declare const merge: MergeTask;
 * const stage: ChainedStage = { task: merge, partition: { source: 'revenue.repartition', partition: 0 } };
 */
export interface ChainedStage {
  readonly task: Task;
  readonly partition: SourcePartition;
}

const asRecord = (r: RepartitionRecord, partition: SourcePartition, offset: number): KafkaRecordLike => {
  const m = repartitionMessage(r, partition.partition);
  return {
    topic: partition.source,
    partition: partition.partition,
    offset: String(offset),
    key: m.key,
    value: m.value,
  };
};

/**
 * The stages of a two-phase job fused into one task over one source partition, for a source without Kafka (the
 * in-process pgoutput slot): what the head task forwards is handed to the next stage in memory, in the
 * repartition records' own format, and the last stage's results are the chain's. Because the chain is one task,
 * one checkpoint row holds every stage's state with the source position, committed with the results in one
 * transaction: a crash rolls every stage back together, so nothing between the stages is lost or counted twice.
 *
 * Inside, each `finish` is one step of a sequence kept in the chain's state: the stages' upstream sequences
 * (`[step, index]`) stay increasing across restarts, whatever the source's offsets look like (a WAL position).
 *
 * @example
 * import { MergeTask } from './merge-task.js';
 * declare const head: Task;
 * declare const merge: MergeTask;
 * const chain = new ChainedTask(head, [{ task: merge, partition: { source: 'revenue.repartition', partition: 0 } }]);
 * chain.restore(null);
 */
export class ChainedTask implements Task {
  private step = 0;

  constructor(
    private readonly head: Task,
    private readonly stages: readonly ChainedStage[],
  ) {
    if (stages.length === 0)
      throw new JobRuntimeError('INVALID_CONFIG', 'a chained task needs at least one stage after its head');
  }

  /** The last stage's watermark when it has one, else the head's. */
  get watermark(): number | undefined {
    return this.stages[this.stages.length - 1]?.task.watermark ?? this.head.watermark;
  }

  process(record: KafkaRecordLike): Promise<DeadLetter | null> {
    return this.head.process(record);
  }

  async finish(batch: SourceBatch): Promise<TaskOutput> {
    this.step++;
    const nextOffset = String(this.step);
    let out = await this.head.finish({ ...batch, nextOffset });
    const tooLate = [...out.tooLate];
    const letters: DeadLetter[] = [];
    for (const stage of this.stages) {
      const records = out.forward.map((r, i) => asRecord(r, stage.partition, i));
      for (const record of records) {
        const letter = await stage.task.process(record);
        if (letter !== null) letters.push(letter);
      }
      out = await stage.task.finish({ partition: stage.partition, records, nextOffset });
      tooLate.push(...out.tooLate);
    }
    if (out.forward.length > 0)
      throw new JobRuntimeError('INVALID_COMMIT', 'the last stage of a chained task forwards records');
    return {
      results: out.results,
      forward: [],
      tooLate,
      ...(letters.length > 0 ? { deadLetters: letters } : {}),
    };
  }

  snapshot(): JsonValue {
    return { step: this.step, head: this.head.snapshot(), stages: this.stages.map((s) => s.task.snapshot()) };
  }

  restore(state: JsonValue): void {
    if (state === null) {
      this.step = 0;
      this.head.restore(null);
      for (const s of this.stages) s.task.restore(null);
      return;
    }
    const s = state as { step?: unknown; head?: JsonValue; stages?: unknown };
    if (
      typeof s !== 'object' ||
      !Number.isSafeInteger(s.step) ||
      s.head === undefined ||
      !Array.isArray(s.stages) ||
      s.stages.length !== this.stages.length
    )
      throw new JobRuntimeError('STORE_FAILED', 'checkpoint holds a corrupt chained-task state', {
        raw: state,
      });
    this.step = s.step as number;
    this.head.restore(s.head);
    this.stages.forEach((stage, i) => stage.task.restore((s.stages as JsonValue[])[i] ?? null));
  }
}
