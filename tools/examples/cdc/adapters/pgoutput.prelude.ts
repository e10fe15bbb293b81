/**
 * Placeholders of the examples in libs/cdc/src/adapters/pgoutput (the built-in pgoutput source): the `pg` driver,
 * a connection, the source and its sinks, and the internals' settings, table models and protocol messages. They
 * take precedence over cdc.prelude.ts there. Real types, so a wrong name or call shape still fails `examples:check`.
 */
import type { Kafka } from 'kafkajs';
import type { CdcRecord, CdcSink, PgoutputSource, PgoutputSourceOptions } from '@ecom/cdc/adapters';
import type { CdcEvent, PgoutputEvent } from '../../../../libs/cdc/src/adapters/pgoutput/cdc-record.js';
import type {
  EnvelopeSettings,
  SourcePosition,
} from '../../../../libs/cdc/src/adapters/pgoutput/envelope-builder.js';
import type {
  PgClient,
  PgClientConfig,
  PgDriver,
} from '../../../../libs/cdc/src/adapters/pgoutput/pg-client.js';
import type { PgoutputMessage } from '../../../../libs/cdc/src/adapters/pgoutput/pgoutput-messages.js';
import type { QualifiedTable } from '../../../../libs/cdc/src/adapters/pgoutput/publication-setup.js';
import type { readSnapshot } from '../../../../libs/cdc/src/adapters/pgoutput/read-snapshot.js';
import type { ReplicationFrame } from '../../../../libs/cdc/src/adapters/pgoutput/replication-frames.js';
import type {
  ColumnDescription,
  TableModel,
} from '../../../../libs/cdc/src/adapters/pgoutput/table-model.js';
import type { AssemblerFlags } from '../../../../libs/cdc/src/adapters/pgoutput/transaction-assembler.js';

type Message<T extends PgoutputMessage['tag']> = Extract<PgoutputMessage, { tag: T }>;

/** The `pg` module, as passed in the `driver` option (`import pg from 'pg'`). */
export { default as pg } from 'pg';
/** Any module with pg's `Client` (the option's type), a connected client and its connection config. */
export declare const driver: PgDriver;
export declare const client: PgClient;
export declare const config: PgClientConfig;
/** pg's connection under a replication query. */
export declare const connection: { sendCopyFromChunk(chunk: Buffer): void };
/** A kafkajs client. */
export declare const kafka: Kafka;
/** The source, its options, and what it delivers: records (and one of them) or events (and one of them). */
export declare const options: PgoutputSourceOptions;
export declare const source: PgoutputSource;
export declare const sink: CdcSink;
export declare const records: readonly CdcRecord[];
export declare const r: CdcRecord;
export declare const e: CdcEvent;
/** What the initial snapshot reads (see SnapshotInput). */
export declare const input: Parameters<typeof readSnapshot>[0];
/** The publication's tables. */
export declare const tables: readonly QualifiedTable[];
/** Internals: envelope settings, assembler switches, a table's model and columns, a change's position. */
export declare const settings: EnvelopeSettings;
export declare const flags: AssemblerFlags;
export declare const model: TableModel;
export declare const columns: readonly ColumnDescription[];
export declare const at: SourcePosition;
/** Protocol: a chunk of the replication stream, an XLogData frame, decoded messages and their WAL position. */
export declare const chunk: Buffer;
export declare const xlogData: Extract<ReplicationFrame, { tag: 'xlog' }>;
export declare const m: PgoutputMessage;
export declare const beginMsg: Message<'begin'>;
export declare const insertMsg: Message<'insert'>;
export declare const commitMsg: Message<'commit'>;
export declare const walStart: bigint;
/** The LSN confirmed last. */
export declare const confirmedLsn: bigint;
/** Your code: receive the replication stream's chunks, publish or handle records, apply events. */
export declare function onFrame(chunk: Buffer): void;
export declare function publish(records: readonly CdcRecord[]): Promise<void>;
export declare function handle(record: CdcRecord): void;
export declare function apply(event: PgoutputEvent, commitLsn?: bigint): void;
