/**
 * A {@link CheckpointStore} in memory, for unit tests of whatever drives a store (the run loop): the same
 * validation, epochs and fencing as the Postgres store, and the same contract spec.
 */
import { isDeepStrictEqual } from 'node:util';
import { compareResultIds, latestById, resultIdJson } from '../results/result-id.js';
import type { JobResult, JsonValue } from '../stream-job.js';
import type {
  Checkpoint,
  CheckpointCommit,
  CheckpointStore,
  Claim,
  CommitReceipt,
  SourcePartition,
} from './checkpoint-store.js';
import {
  assertClaimed,
  assertCommit,
  assertOwner,
  assertPartitions,
  partitionKey,
} from './validate-checkpoints.js';

const copy = <T extends JsonValue>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Checkpoints and results in maps. Not durable and not shared between processes: tests only.
 *
 * @example
 * const store = new MemoryCheckpointStore();
 * const claim = await store.claim('revenue', [{ source: 'orders', partition: 0 }]);
 * await store.commit({ job: 'revenue', epoch: claim.epoch, partitions: [{ source: 'orders', partition: 0, nextOffset: '1', state: 3 }], results: [] });
 * store.results('revenue'); // []
 */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly #checkpoints = new Map<string, Checkpoint>();
  readonly #results = new Map<string, JobResult>();
  #lastEpoch = 0;

  async claim(
    job: string,
    partitions: readonly SourcePartition[],
    options: { owner?: string } = {},
  ): Promise<Claim> {
    assertPartitions(job, partitions);
    assertOwner(options.owner);
    const epoch = ++this.#lastEpoch;
    const checkpoints = (await this.load(job, partitions)).map((c) => ({
      ...c,
      epoch,
      owner: options.owner ?? null,
    }));
    for (const c of checkpoints) this.#checkpoints.set(`${job}\u0000${partitionKey(c)}`, c);
    return { job, epoch, checkpoints: checkpoints.map((c) => ({ ...c, state: copy(c.state) })) };
  }

  async load(job: string, partitions: readonly SourcePartition[]): Promise<Checkpoint[]> {
    assertPartitions(job, partitions);
    return partitions.map(({ source, partition }) => {
      const stored = this.#checkpoints.get(`${job}\u0000${partitionKey({ source, partition })}`);
      return stored
        ? { ...stored, state: copy(stored.state) }
        : { source, partition, nextOffset: null, state: null, epoch: 0, owner: null };
    });
  }

  async commit(commit: CheckpointCommit): Promise<CommitReceipt> {
    assertCommit(commit);
    const { job } = commit;
    const current = await this.load(job, commit.partitions);
    assertClaimed(commit, new Map(current.map((c) => [partitionKey(c), c.epoch])));
    let changedResults = 0;
    for (const result of latestById(commit.results)) {
      const key = resultIdJson(result.id);
      const old = this.#results.get(key);
      if (old && old.topic === result.topic && isDeepStrictEqual(old.value, result.value)) continue;
      this.#results.set(key, {
        topic: result.topic,
        id: { ...result.id },
        value: result.value && copy(result.value),
      });
      changedResults += 1;
    }
    current.forEach((c, i) => {
      const part = commit.partitions[i] as CheckpointCommit['partitions'][number];
      const next = { ...c, nextOffset: part.nextOffset, state: copy(part.state) };
      this.#checkpoints.set(`${job}\u0000${partitionKey(c)}`, next);
    });
    return { changedResults };
  }

  /** The stored results of `job`, in window then key order. */
  results(job: string): JobResult[] {
    return [...this.#results.values()].filter((r) => r.id.job === job).sort(compareResultIds);
  }
}
