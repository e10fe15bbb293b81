/**
 * Exactly-once reading of a repartition topic without Kafka transactions. An upstream task sends its batch's
 * records, then commits its checkpoint; after a crash it replays from the checkpoint and sends again. Its partials
 * are upserts (a window's full content as of the batch's end), a deterministic function of its input prefix, and
 * each carries `[next offset, index]`. A record whose sequence is not above the last one accepted from its upstream
 * was sent before, or describes an older prefix of the same input: dropping it loses nothing, because every
 * earlier record up to the accepted one has been seen in order (one producer, one partition, idempotent sends).
 */
import { JobRuntimeError } from '../errors.js';
import type { JsonValue } from '../stream-job.js';
import type { UpstreamTag } from './repartition-message.js';

const compare = (a: readonly [bigint, number], b: readonly [bigint, number]): number =>
  a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1;

/**
 * The last sequence accepted per upstream task (checkpointed with the merging task's state).
 *
 * @example
 * const seen = new UpstreamSequences();
 * seen.accept({ from: 'orders:0', seq: ['10', 0] }); // true
 * seen.accept({ from: 'orders:0', seq: ['10', 0] }); // false: a resend
 */
export class UpstreamSequences {
  private readonly last = new Map<string, readonly [bigint, number]>();

  /** Whether the record is new (and records its sequence). */
  accept(tag: UpstreamTag): boolean {
    const seq = [BigInt(tag.seq[0]), tag.seq[1]] as const;
    const before = this.last.get(tag.from);
    if (before !== undefined && compare(seq, before) <= 0) return false;
    this.last.set(tag.from, seq);
    return true;
  }

  snapshot(): JsonValue {
    return [...this.last].map(([from, [offset, index]]) => [from, String(offset), index]);
  }

  restore(state: JsonValue): void {
    this.last.clear();
    if (state === null) return;
    if (!Array.isArray(state)) throw corrupt(state);
    for (const entry of state) {
      const [from, offset, index] = Array.isArray(entry) ? entry : [];
      if (
        typeof from !== 'string' ||
        typeof offset !== 'string' ||
        !/^\d+$/.test(offset) ||
        !Number.isSafeInteger(index)
      )
        throw corrupt(state);
      this.last.set(from, [BigInt(offset), index as number]);
    }
  }
}

function corrupt(raw: unknown): JobRuntimeError {
  return new JobRuntimeError('STORE_FAILED', 'checkpoint holds corrupt upstream sequences', { raw });
}
