import type { CheckpointCommit, CheckpointStore } from '../checkpoints/checkpoint-store.js';
import { JobRuntimeError } from '../errors.js';

/**
 * How often a `STORE_UNAVAILABLE` commit is retried, and the first delay (doubling).
 *
 * @example
 * const retry: CommitRetry = { attempts: 8, delayMs: 100 };
 */
export interface CommitRetry {
  readonly attempts: number;
  readonly delayMs: number;
}

/**
 * Commits, retrying the same commit while the store answers `STORE_UNAVAILABLE` (harmless: same rows, same
 * offsets); `onRetry` counts the retries. Any other error, or the last attempt's, is thrown.
 *
 * @example
 * import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
 * const store = new MemoryCheckpointStore();
 * const { epoch } = await store.claim('revenue', [{ source: 'orders', partition: 0 }]);
 * await commitWithRetry(store, { job: 'revenue', epoch, partitions: [{ source: 'orders', partition: 0, nextOffset: '1', state: null }], results: [] });
 */
export async function commitWithRetry(
  store: CheckpointStore,
  commit: CheckpointCommit,
  retry: CommitRetry = { attempts: 8, delayMs: 100 },
  onRetry: () => void = () => undefined,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.commit(commit);
      return;
    } catch (e) {
      const transient = e instanceof JobRuntimeError && e.code === 'STORE_UNAVAILABLE';
      if (!transient || attempt >= retry.attempts) throw e;
      onRetry();
      await new Promise((resolve) => setTimeout(resolve, retry.delayMs * 2 ** (attempt - 1)));
    }
  }
}
