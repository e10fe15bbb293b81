/**
 * @ecom/cdc/adapters — the infrastructure side of @ecom/cdc: an HTTP schema registry (Confluent-compatible,
 * raw schema JSON), kafkajs record conversion, a Kafka dead-letter sink, and a Kafka Connect REST client.
 * kafkajs is an optional peer dependency: only the Kafka helpers need it.
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
