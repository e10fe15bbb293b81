import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements } from './run-statements.js';

/**
 * Migration 6: the state of the stream jobs (apps/jobs), outside the shop tables CDC captures.
 *
 * - `job_results`: the latest truth per result id (job, window, key); `value` NULL = retracted. Upserted in the
 *   same transaction as the checkpoint, so it never disagrees with the offsets.
 * - `job_checkpoints`: per (job, source, partition) the next offset (a Kafka offset or a CDC LSN, as text), the
 *   operator state (jsonb) and the owner's `epoch`. A claim takes a new epoch from `job_checkpoint_epoch_seq` under
 *   the rows' locks; a commit whose epoch is not the stored one is fenced.
 * - `job_outbox`: results committed but not yet relayed to the output topics and files; `value` is `json` (not
 *   `jsonb`) so the relayed text keeps the job's field order.
 *
 * @remarks Timestamps are `timestamptz` (window bounds are epoch ms, exact at microsecond precision); decimals stay
 * exact strings inside the jsonb values. No foreign keys: job state never blocks shop deletes, and these tables are
 * not in the CDC publication.
 *
 * @example
 * ```ts
 * import { DataSource } from 'typeorm';
 * new DataSource({ type: 'postgres', migrations: [...ALL_MIGRATIONS] });
 * ```
 */
export class CreateJobState1767225600005 implements MigrationInterface {
  /** Migration name recorded in the migrations table. */
  readonly name = 'CreateJobState1767225600005';

  /** Creates the tables and the epoch sequence. */
  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, [
      String.raw`CREATE TABLE job_results (
  job text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  key text NOT NULL,
  topic text NOT NULL,
  value jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT job_results_pkey PRIMARY KEY (job, window_start, window_end, key),
  CONSTRAINT job_results_job_check CHECK (job <> ''),
  CONSTRAINT job_results_key_check CHECK (key <> ''),
  CONSTRAINT job_results_topic_check CHECK (topic <> ''),
  CONSTRAINT job_results_window_check CHECK (window_end > window_start),
  CONSTRAINT job_results_value_check CHECK (value IS NULL OR jsonb_typeof(value) = 'object')
)`,
      'CREATE TRIGGER job_results_set_updated_at BEFORE UPDATE ON job_results FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION ecom_set_updated_at()',
      'CREATE SEQUENCE job_checkpoint_epoch_seq AS bigint START WITH 1',
      String.raw`CREATE TABLE job_checkpoints (
  job text NOT NULL,
  source text NOT NULL,
  partition integer NOT NULL,
  next_offset text,
  state jsonb,
  epoch bigint NOT NULL,
  owner text,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT job_checkpoints_pkey PRIMARY KEY (job, source, partition),
  CONSTRAINT job_checkpoints_job_check CHECK (job <> ''),
  CONSTRAINT job_checkpoints_source_check CHECK (source <> ''),
  CONSTRAINT job_checkpoints_partition_check CHECK (partition >= 0),
  CONSTRAINT job_checkpoints_next_offset_check CHECK (next_offset <> ''),
  CONSTRAINT job_checkpoints_epoch_check CHECK (epoch >= 0)
)`,
      'CREATE TRIGGER job_checkpoints_set_updated_at BEFORE UPDATE ON job_checkpoints FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION ecom_set_updated_at()',
      String.raw`CREATE TABLE job_outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  job text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  key text NOT NULL,
  topic text NOT NULL,
  value json,
  enqueued_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT job_outbox_pkey PRIMARY KEY (job, window_start, window_end, key),
  CONSTRAINT job_outbox_seq_key UNIQUE (seq)
)`,
      'CREATE INDEX job_outbox_job_seq_idx ON job_outbox (job, seq)',
    ]);
  }

  /** Drops the tables and the sequence. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, [
      'DROP TABLE job_outbox',
      'DROP TABLE job_checkpoints',
      'DROP SEQUENCE job_checkpoint_epoch_seq',
      'DROP TABLE job_results',
    ]);
  }
}
