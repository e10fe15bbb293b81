/**
 * The {@link CheckpointStore} on PostgreSQL (`job_checkpoints`, `job_results`, `job_outbox` of migration 6): one
 * transaction per claim and per commit, fenced by row locks and claim epochs.
 */
import { inTransaction, storeError, type PgPool, type PgQueryable } from '../postgres/pg-transaction.js';
import { PostgresResultSink } from '../sinks/postgres-result-sink.js';
import type { JsonValue } from '../stream-job.js';
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

const PARTITIONS = 'SELECT * FROM unnest($2::text[], $3::int[]) AS p(source, partition)';
const IN_PARTITIONS = `job = $1 AND (source, partition) IN (${PARTITIONS})`;
const LOCK = `SELECT source, partition, epoch FROM job_checkpoints WHERE ${IN_PARTITIONS}
  ORDER BY source COLLATE "C", partition FOR UPDATE`;
const CHECKPOINT_COLUMNS = 'source, partition, next_offset, state, epoch, owner';
const PROGRESS_COLUMNS = 'source, partition, next_offset, NULL::jsonb AS state, epoch, owner';

interface CheckpointRow {
  source: string;
  partition: number;
  next_offset: string | null;
  state: JsonValue;
  epoch: string;
  owner: string | null;
}

function partitionArrays(partitions: readonly SourcePartition[]): [string[], number[]] {
  return [partitions.map((p) => p.source), partitions.map((p) => p.partition)];
}

/** The checkpoints of `partitions` in their order; a partition without a row is fresh (epoch 0). */
function inOrder(partitions: readonly SourcePartition[], rows: readonly CheckpointRow[]): Checkpoint[] {
  const byKey = new Map(rows.map((row) => [partitionKey(row), row]));
  return partitions.map(({ source, partition }) => {
    const row = byKey.get(partitionKey({ source, partition }));
    return row
      ? {
          source,
          partition,
          nextOffset: row.next_offset,
          state: row.state,
          epoch: Number(row.epoch),
          owner: row.owner,
        }
      : { source, partition, nextOffset: null, state: null, epoch: 0, owner: null };
  });
}

/**
 * Checkpoints in PostgreSQL. With `outbox: true`, every result a commit changes is also queued in `job_outbox` in
 * the same transaction, for `relayOutbox` to copy to the output topics and files after the commit.
 *
 * @example
 * import pg from 'pg';
 * const store = new PostgresCheckpointStore(new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' }), { outbox: true });
 * const claim = await store.claim('revenue', [{ source: 'ecom.public.orders', partition: 0 }]);
 * await store.commit({
 *   job: 'revenue',
 *   epoch: claim.epoch,
 *   partitions: [{ source: 'ecom.public.orders', partition: 0, nextOffset: '42', state: null }],
 *   results: [],
 * });
 */
export class PostgresCheckpointStore implements CheckpointStore {
  readonly #pool: PgPool;
  readonly #outbox: boolean;

  constructor(pool: PgPool, options: { outbox?: boolean } = {}) {
    this.#pool = pool;
    this.#outbox = options.outbox ?? false;
  }

  /** Locks the partitions' rows (creating missing ones), takes the next epoch and stores it with the owner. */
  async claim(
    job: string,
    partitions: readonly SourcePartition[],
    options: { owner?: string } = {},
  ): Promise<Claim> {
    assertPartitions(job, partitions);
    assertOwner(options.owner);
    const params = [job, ...partitionArrays(partitions)];
    return inTransaction(this.#pool, `claim ${job}`, async (client) => {
      await client.query(
        `INSERT INTO job_checkpoints (job, source, partition, epoch) SELECT $1, source, partition, 0 FROM (${PARTITIONS}) p
         ORDER BY source COLLATE "C", partition ON CONFLICT DO NOTHING`,
        params,
      );
      await client.query(LOCK, params);
      const { rows } = await client.query<CheckpointRow>(
        `WITH next AS (SELECT nextval('job_checkpoint_epoch_seq') AS value)
         UPDATE job_checkpoints SET epoch = next.value, owner = $4, claimed_at = now() FROM next
          WHERE ${IN_PARTITIONS} RETURNING ${CHECKPOINT_COLUMNS}`,
        [...params, options.owner ?? null],
      );
      const checkpoints = inOrder(partitions, rows);
      return { job, epoch: checkpoints[0]?.epoch ?? 0, checkpoints };
    });
  }

  /** The stored checkpoints of `partitions`, in their order (fresh ones for partitions never claimed). */
  async load(
    job: string,
    partitions: readonly SourcePartition[],
    options: { readonly state?: boolean } = {},
  ): Promise<Checkpoint[]> {
    assertPartitions(job, partitions);
    const columns = options.state === false ? PROGRESS_COLUMNS : CHECKPOINT_COLUMNS;
    try {
      const { rows } = await this.#pool.query<CheckpointRow>(
        `SELECT ${columns} FROM job_checkpoints WHERE ${IN_PARTITIONS}`,
        [job, ...partitionArrays(partitions)],
      );
      return inOrder(partitions, rows);
    } catch (error) {
      throw storeError(error, `load ${job}`);
    }
  }

  /** Locks and checks the epochs, upserts the results (and queues them), then stores offsets and states. */
  async commit(commit: CheckpointCommit): Promise<CommitReceipt> {
    assertCommit(commit);
    const { job, partitions } = commit;
    const [sources, numbers] = partitionArrays(partitions);
    return inTransaction(this.#pool, `commit ${job}`, async (client) => {
      const { rows: locked } = await client.query<{ source: string; partition: number; epoch: string }>(
        LOCK,
        [job, sources, numbers],
      );
      assertClaimed(commit, new Map(locked.map((row) => [partitionKey(row), Number(row.epoch)])));
      const changedResults = await new PostgresResultSink(client, { enqueue: this.#outbox }).upsert(
        commit.results,
        job,
      );
      await storeOffsets(client, job, sources, numbers, commit);
      return { changedResults };
    });
  }
}

/** Stores each partition's next offset and state (the rows are locked by the commit). */
async function storeOffsets(
  client: PgQueryable,
  job: string,
  sources: string[],
  numbers: number[],
  commit: CheckpointCommit,
): Promise<void> {
  await client.query(
    `UPDATE job_checkpoints c SET next_offset = u.next_offset, state = u.state::jsonb
       FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS u(source, partition, next_offset, state)
      WHERE c.job = $1 AND c.source = u.source AND c.partition = u.partition`,
    [
      job,
      sources,
      numbers,
      commit.partitions.map((p) => p.nextOffset),
      commit.partitions.map((p) => JSON.stringify(p.state)),
    ],
  );
}
