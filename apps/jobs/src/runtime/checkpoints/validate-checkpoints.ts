/**
 * Checks claims and commits before a store touches anything, so bad input is a typed `INVALID_COMMIT` error (or
 * `INVALID_RESULT` for a result) that names the culprit, and never half a transaction.
 */
import { FencedError, JobRuntimeError, type PartitionEpoch } from '../errors.js';
import { jsonProblem, textProblem } from '../results/json-text.js';
import { assertResults } from '../results/validate-results.js';
import type { CheckpointCommit, SourcePartition } from './checkpoint-store.js';

const MAX_PARTITION = 2 ** 31 - 1;

function invalid(message: string, raw?: unknown): JobRuntimeError {
  return new JobRuntimeError('INVALID_COMMIT', message, raw === undefined ? {} : { raw });
}

function assertName(value: unknown, what: string): void {
  const problem =
    typeof value !== 'string' || value === '' ? 'must be a non-empty string' : textProblem(value as string);
  if (problem) throw invalid(`${what} ${problem}`, value);
}

/**
 * A partition's identity as one string (`source` and `partition` joined by a NUL, which names never contain).
 *
 * @example
 * partitionKey({ source: 'ecom.public.orders', partition: 2 }); // 'ecom.public.orders\u00002'
 */
export function partitionKey(p: SourcePartition): string {
  return `${p.source}\u0000${p.partition}`;
}

/**
 * Throws `INVALID_COMMIT` unless `job` is a name and `partitions` a non-empty list of distinct, well-formed
 * partitions.
 *
 * @example
 * assertPartitions('revenue', [{ source: 'ecom.public.orders', partition: 0 }]);
 */
export function assertPartitions(job: string, partitions: readonly SourcePartition[]): void {
  assertName(job, 'job');
  if (!Array.isArray(partitions) || partitions.length === 0) {
    throw invalid(`job ${job}: partitions must be a non-empty array`, partitions);
  }
  const seen = new Set<string>();
  partitions.forEach((p, i) => {
    if (typeof p !== 'object' || p === null) throw invalid(`partitions[${i}] is not an object`, p);
    assertName(p.source, `partitions[${i}].source`);
    if (!Number.isInteger(p.partition) || p.partition < 0 || p.partition > MAX_PARTITION) {
      throw invalid(`partitions[${i}].partition must be an integer from 0 to ${MAX_PARTITION}`, p);
    }
    const key = partitionKey(p);
    if (seen.has(key)) throw invalid(`partitions[${i}]: ${p.source}[${p.partition}] is listed twice`, p);
    seen.add(key);
  });
}

/**
 * Throws `INVALID_COMMIT` unless `owner` is absent or a name.
 *
 * @example
 * assertOwner('instance-1');
 */
export function assertOwner(owner: string | undefined): void {
  if (owner !== undefined) assertName(owner, 'owner');
}

/**
 * Throws `INVALID_COMMIT` (or `INVALID_RESULT`) for a malformed commit: bad job or partitions, an epoch that is not
 * a positive integer, an empty or non-text offset, a state that is not storable JSON, or results of another job.
 *
 * @example
 * assertCommit({ job: 'revenue', epoch: 7, partitions: [{ source: 'o', partition: 0, nextOffset: '5', state: null }], results: [] });
 */
export function assertCommit(commit: CheckpointCommit): void {
  if (typeof commit !== 'object' || commit === null) throw invalid('a commit must be an object', commit);
  const { job, epoch, partitions, results } = commit;
  assertPartitions(job, partitions);
  if (!Number.isSafeInteger(epoch) || epoch <= 0) {
    throw invalid(`job ${job}: epoch must be a positive integer (from claim), got ${String(epoch)}`, epoch);
  }
  partitions.forEach((p, i) => {
    assertName(p.nextOffset, `partitions[${i}].nextOffset`);
    const problem = jsonProblem(p.state, `partitions[${i}].state`);
    if (problem) throw invalid(`job ${job}: ${problem}`, p);
  });
  assertResults(results, job);
}

/**
 * The fence: throws unless every partition of the commit is stored at exactly the commit's epoch (`stored` maps
 * `partitionKey` → epoch, read under the rows' locks). A newer stored epoch means a newer owner claimed it:
 * {@link FencedError}. An older or missing one means this epoch never claimed it: `NOT_CLAIMED`.
 *
 * @example
 * const commit = { job: 'revenue', epoch: 7, partitions: [{ source: 'o', partition: 0, nextOffset: '5', state: null }], results: [] };
 * assertClaimed(commit, new Map([[partitionKey({ source: 'o', partition: 0 }), 7]])); // passes
 */
export function assertClaimed(commit: CheckpointCommit, stored: ReadonlyMap<string, number>): void {
  const newer: PartitionEpoch[] = [];
  const unclaimed: string[] = [];
  for (const { source, partition } of commit.partitions) {
    const epoch = stored.get(partitionKey({ source, partition })) ?? 0;
    if (epoch > commit.epoch) newer.push({ source, partition, epoch });
    else if (epoch < commit.epoch) unclaimed.push(`${source}[${partition}] (epoch ${epoch})`);
  }
  if (newer.length > 0) throw new FencedError(commit.job, commit.epoch, newer);
  if (unclaimed.length > 0) {
    throw new JobRuntimeError(
      'NOT_CLAIMED',
      `job ${commit.job}: epoch ${commit.epoch} never claimed ${unclaimed.join(', ')}; claim before committing`,
    );
  }
}
