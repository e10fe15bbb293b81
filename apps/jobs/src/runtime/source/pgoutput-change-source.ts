import type { PgoutputSource } from '@ecom/cdc/adapters';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import { partitionKey } from '../checkpoints/validate-checkpoints.js';
import { JobRuntimeError } from '../errors.js';
import type { ChangeSource, ChangeSourceHandler } from './change-source.js';

/** A WAL position: the commit LSN of the transaction and the record's index in it. */
type Position = readonly [bigint, number];

const after = (a: Position, b: Position | null): boolean =>
  b === null || a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/**
 * The checkpoint text of a WAL position: `'<commitLsn>:<index>'` (decimal).
 *
 * @example
 * walPosition(0x16b3748n, 2); // '23803720:2'
 */
export function walPosition(commitLsn: bigint, index: number): string {
  return `${commitLsn}:${index}`;
}

function parsePosition(text: string | null): Position | null {
  if (text === null) return null;
  const m = /^(\d+):(\d+)$/.exec(text);
  if (m === null)
    throw new JobRuntimeError('STORE_FAILED', `checkpoint holds a corrupt WAL position: ${text}`, {
      raw: text,
    });
  return [BigInt(m[1] ?? '0'), Number(m[2])];
}

/**
 * The built-in pgoutput source in process, as a {@link ChangeSource} (no Kafka): one partition, the slot
 * (`pgoutput:<slot>`), whose checkpoint "offset" is the WAL position of the last record the job committed
 * ({@link walPosition}). PostgreSQL is told an LSN only after the job's batch (a transaction, or a snapshot batch)
 * was committed, so the slot never runs ahead of the checkpoint; after a restart the slot may deliver transactions
 * the checkpoint already holds, and records at or before the stored position are skipped. A job's handler that
 * throws (fenced) stops the source (`lastError`).
 *
 * @example
 * import pg from 'pg';
 * import { createPgoutputSource } from '@ecom/cdc/adapters';
 * declare const handler: ChangeSourceHandler;
 * const pgoutput = createPgoutputSource({ driver: pg, connection: 'postgres://postgres@127.0.0.1:5432/ecom', slotName: 'ecom_jobs', publicationName: 'ecom_jobs', tables: ['public.orders'] });
 * const source = new PgoutputChangeSource({ source: pgoutput, slot: 'ecom_jobs' });
 * await source.start(handler);
 */
export class PgoutputChangeSource implements ChangeSource {
  private running: Promise<void> | undefined;
  private failure: unknown;
  readonly partition: SourcePartition;

  constructor(private readonly options: { readonly source: PgoutputSource; readonly slot: string }) {
    this.partition = { source: `pgoutput:${options.slot}`, partition: 0 };
  }

  async start(handler: ChangeSourceHandler): Promise<void> {
    const { partition } = this;
    const offsets = await handler.assigned([partition]);
    let last = parsePosition(offsets.get(partitionKey(partition)) ?? null);
    this.running = this.options.source
      .run(async (records) => {
        const fresh = records.filter((r) => after([r.position.commitLsn, r.position.index], last));
        const tail = fresh[fresh.length - 1];
        if (tail === undefined) return;
        const nextOffset = walPosition(tail.position.commitLsn, tail.position.index);
        await handler.batch({
          partition,
          records: fresh.map((r) => ({
            topic: r.topic,
            partition: 0,
            offset: walPosition(r.position.commitLsn, r.position.index),
            key: r.key,
            value: r.value,
          })),
          nextOffset,
        });
        last = [tail.position.commitLsn, tail.position.index];
      })
      .catch((e: unknown) => {
        this.failure = e;
      });
  }

  async stop(): Promise<void> {
    await this.options.source.stop();
    await this.running;
  }

  /** Why the source stopped by itself (a handler or PostgreSQL error); `undefined` while it runs. */
  get lastError(): unknown {
    return this.failure;
  }
}
