/**
 * The records of a repartition topic, between the per-partition tasks of a job and its merging task: a partial
 * (a `JobResult` of the upstream core) or an upstream watermark, each tagged with its upstream task (`from`,
 * `'<topic>:<partition>'`) and a sequence `[offset, index]`: the next source offset of the upstream batch that sent
 * it, and its place in that batch. See {@link UpstreamSequences} for why that makes resends harmless.
 */
import type { KafkaRecordLike } from '@ecom/cdc';
import { JobRuntimeError } from '../errors.js';
import type { JobResult } from '../stream-job.js';

/**
 * Where a repartition record comes from and its place in the upstream's output.
 *
 * @example
 * const tag: UpstreamTag = { from: 'ecommerce-cdc.public.orders:1', seq: ['1042', 3] };
 */
export interface UpstreamTag {
  readonly from: string;
  /** [next source offset of the upstream batch (decimal text), index in the batch's output]. */
  readonly seq: readonly [string, number];
}

/**
 * One repartition record.
 *
 * @example
 * const mark: RepartitionRecord = { from: 'orders:0', seq: ['10', 0], watermark: 59_999 };
 */
export type RepartitionRecord =
  | (UpstreamTag & { readonly partial: JobResult; readonly watermark?: undefined })
  | (UpstreamTag & { readonly watermark: number; readonly partial?: undefined });

/**
 * The Kafka message of a record: key `from` (one upstream's records stay in order in a partition), value JSON.
 *
 * @example
 * const m = repartitionMessage({ from: 'orders:0', seq: ['10', 0], watermark: 59_999 }, 0);
 * m.partition; // 0
 */
export function repartitionMessage(
  record: RepartitionRecord,
  partition: number,
): { key: string; value: string; partition: number } {
  return { key: record.from, value: JSON.stringify(record), partition };
}

function invalid(why: string, record: KafkaRecordLike): JobRuntimeError {
  return new JobRuntimeError('INVALID_REPARTITION', `repartition record: ${why}`, {
    raw: { topic: record.topic, partition: record.partition, offset: record.offset },
  });
}

/**
 * Reads a repartition record (throws `INVALID_REPARTITION`, which the runtime dead-letters, for anything else).
 *
 * @example
 * const record = readRepartitionRecord({ key: 'orders:0', value: '{"from":"orders:0","seq":["10",0],"watermark":59999}' });
 * record.watermark; // 59999
 */
export function readRepartitionRecord(record: KafkaRecordLike): RepartitionRecord {
  const raw = record.value;
  if (raw === null || raw === undefined) throw invalid('no value', record);
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      typeof raw === 'string'
        ? raw
        : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'),
    );
  } catch {
    throw invalid('the value is not JSON', record);
  }
  const r = parsed as Partial<Record<'from' | 'seq' | 'partial' | 'watermark', unknown>> | null;
  if (typeof r !== 'object' || r === null || typeof r.from !== 'string' || r.from.length === 0)
    throw invalid('no "from"', record);
  const seq = r.seq;
  if (
    !Array.isArray(seq) ||
    seq.length !== 2 ||
    typeof seq[0] !== 'string' ||
    !/^\d+$/.test(seq[0]) ||
    !Number.isSafeInteger(seq[1]) ||
    (seq[1] as number) < 0
  ) {
    throw invalid('"seq" is not [offset, index]', record);
  }
  const tag = { from: r.from, seq: [seq[0], seq[1] as number] as const };
  if (typeof r.watermark === 'number' && Number.isSafeInteger(r.watermark) && r.partial === undefined)
    return { ...tag, watermark: r.watermark };
  const p = r.partial as Partial<JobResult> | undefined;
  const id = p?.id;
  if (
    typeof p !== 'object' ||
    p === null ||
    typeof p.topic !== 'string' ||
    typeof id !== 'object' ||
    id === null ||
    typeof id.job !== 'string' ||
    typeof id.key !== 'string' ||
    !Number.isSafeInteger(id.windowStart) ||
    !Number.isSafeInteger(id.windowEnd) ||
    (p.value !== null && (typeof p.value !== 'object' || Array.isArray(p.value)))
  ) {
    throw invalid('neither a partial result nor a watermark', record);
  }
  return { ...tag, partial: p as JobResult };
}
