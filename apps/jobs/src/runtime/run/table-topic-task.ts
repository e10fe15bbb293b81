import type { KafkaRecordLike, RawBytes } from '@ecom/cdc';
import { MIN_TIMESTAMP } from '@ecom/windowing';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import type { SourceBatch } from '../source/change-source.js';
import type { JobResult, JsonValue } from '../stream-job.js';
import { upstreamName } from './cdc-task.js';
import type { DeadLetter } from './dead-letters.js';
import type { Task, TaskOutput } from './task.js';
import { UpstreamOutput } from './upstream-output.js';

/**
 * The value of the partial a {@link TableTopicTask} forwards for one record: its key and value as text (`null` for
 * none: a tombstone) and its offset. The merging core parses and validates them (and dead-letters what it refuses).
 *
 * @example
 * const change: TableTopicChange = { key: 'velocity-1m', value: null, offset: '42' };
 */
export interface TableTopicChange {
  readonly key: string | null;
  readonly value: string | null;
  readonly offset: string;
}

const text = (raw: RawBytes | undefined): string | null =>
  raw === null || raw === undefined
    ? null
    : typeof raw === 'string'
      ? raw
      : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');

/**
 * Reads a {@link TableTopicChange} back from a forwarded partial's value (`null` for anything else).
 *
 * @example
 * tableTopicChange({ key: 'r1', value: null, offset: '3' }); // { key: 'r1', value: null, offset: '3' }
 * tableTopicChange({ table: 'orders' }); // null
 */
export function tableTopicChange(value: JobResult['value']): TableTopicChange | null {
  if (value === null) return null;
  const { key, value: v, offset } = value as Record<string, JsonValue | undefined>;
  const nullableText = (x: unknown) => x === null || typeof x === 'string';
  if (!nullableText(key) || !nullableText(v) || typeof offset !== 'string') return null;
  return { key: key as string | null, value: v as string | null, offset };
}

/**
 * A phase-one task over one partition of a plain (not CDC) compacted topic read as a table, like the fraud job's
 * rules (`TwoPhaseJob.tableTopics`): each record is forwarded to the merging task, unparsed, as a partial of `job`
 * (`topic` = the table topic, key = the record's key, value a {@link TableTopicChange}), in offset order. It has no
 * event time: its watermark stays `MIN_TIMESTAMP` (the merge reads it as an untimed input). Its checkpoint is the
 * last sequence sent, so a replay after a crash resends the same sequences and the merge drops them.
 *
 * @example
 * const task = new TableTopicTask('fraud', { source: 'fraud_rules', partition: 0 });
 * task.restore(null);
 */
export class TableTopicTask implements Task {
  private readonly output: UpstreamOutput;
  private pending: JobResult[] = [];

  constructor(
    private readonly job: string,
    private readonly partition: SourcePartition,
  ) {
    this.output = new UpstreamOutput(upstreamName(partition));
  }

  async process(record: KafkaRecordLike): Promise<DeadLetter | null> {
    const key = text(record.key);
    const change: TableTopicChange = {
      key,
      value: text(record.value),
      offset: String(record.offset ?? ''),
    };
    this.pending.push({
      topic: this.partition.source,
      id: { job: this.job, windowStart: 0, windowEnd: 1, key: key ?? '' },
      value: { ...change },
    });
    return null;
  }

  finish(batch: SourceBatch): TaskOutput {
    const partials = this.pending.splice(0);
    return { results: [], forward: this.output.records(batch, partials, MIN_TIMESTAMP), tooLate: [] };
  }

  snapshot(): JsonValue {
    return { sent: this.output.snapshot() };
  }

  restore(state: JsonValue): void {
    this.pending = [];
    this.output.restore(state === null ? null : (state as { sent?: JsonValue }).sent);
  }
}
