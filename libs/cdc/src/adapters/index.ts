/**
 * @ecom/cdc/adapters — the infrastructure side of @ecom/cdc: an HTTP schema registry (Confluent-compatible,
 * raw schema JSON), kafkajs record conversion, a Kafka dead-letter sink, a Kafka Connect REST client, and the
 * built-in pgoutput CDC source. kafkajs and pg are optional peer dependencies: the source takes the `pg` module as
 * its `driver` option, so nothing here loads them unless you pass them in.
 */
export { HttpSchemaRegistry, type HttpSchemaRegistryOptions } from './http-schema-registry.js';
export { SchemaRegistryError, type SchemaRegistryErrorCode } from './schema-registry-error.js';
export { fromEachMessage, fromKafkaMessage, fromBatch } from './kafkajs-record.js';
export {
  createKafkaDeadLetterSink,
  deadLetterMessage,
  type KafkaDeadLetterSinkOptions,
} from './kafka-dead-letter-sink.js';
export { KafkaConnectClient, type KafkaConnectClientOptions } from './kafka-connect-client.js';
export { loadConnectorEnv, CdcEnvError, type ConnectorEnv } from './connector-env.js';
export {
  createPublicationAdmin,
  publicationAdminFromEnv,
  type PublicationAdminOptions,
} from './publication-admin.js';

export { createPgoutputSource, type PgoutputSource } from './pgoutput/pgoutput-source.js';
export { type PgoutputSourceOptions } from './pgoutput/source-options.js';
export type { PgDriver, PgClientConfig } from './pgoutput/pg-client.js';
export type {
  CdcRecord,
  CdcSink,
  CdcEvent,
  CdcEventSink,
  PgoutputEvent,
  RecordPosition,
} from './pgoutput/cdc-record.js';
export { createAsyncIteratorSink, type AsyncIteratorSink } from './pgoutput/async-iterator-sink.js';
export { createKafkaCdcSink, toTopicMessages, type KafkaCdcSinkOptions } from './pgoutput/kafka-cdc-sink.js';
export { PgoutputSourceError, type PgoutputErrorCode } from './pgoutput/errors.js';
// LSNs for checkpoints (`RecordPosition.commitLsn` ⇄ PostgreSQL's '16/B374D848'); the protocol decoders stay internal.
export { parseLsn, formatLsn } from './pgoutput/lsn.js';
export { SOURCE_VERSION } from './pgoutput/envelope-builder.js';
