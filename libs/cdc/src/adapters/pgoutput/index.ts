/**
 * The built-in PostgreSQL CDC source (pgoutput logical replication → Debezium-compatible records).
 */
export { createPgoutputSource, type PgoutputSource } from './pgoutput-source.js';
export { type PgoutputSourceOptions } from './source-options.js';
export type { PgDriver, PgClientConfig } from './pg-client.js';
export type { CdcRecord, CdcSink, RecordPosition } from './cdc-record.js';
export { createAsyncIteratorSink, type AsyncIteratorSink } from './async-iterator-sink.js';
export { createKafkaCdcSink, toTopicMessages, type KafkaCdcSinkOptions } from './kafka-cdc-sink.js';
export { PgoutputSourceError, type PgoutputErrorCode } from './errors.js';
export { decodePgoutputMessage } from './decode-pgoutput-message.js';
export type { PgoutputMessage, TupleValue, RelationColumn, ReplicaIdentity } from './pgoutput-messages.js';
export { decodeReplicationFrame, encodeStandbyStatus, type ReplicationFrame } from './replication-frames.js';
export { parseLsn, formatLsn } from './lsn.js';
export { SOURCE_VERSION } from './envelope-builder.js';
