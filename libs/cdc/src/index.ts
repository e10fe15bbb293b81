/**
 * @ecom/cdc — a pure Debezium change-event decoder (JSON with or without schema, ExtractNewRecordState-unwrapped,
 * Avro in the Confluent wire format) with typed results and typed errors. No Kafka or Postgres client inside.
 */
export { createDecoder, type Decoder, type DecoderOptions } from './decoder.js';
export { decodeStream, type DeadLetterSink, type DecodeStreamOptions } from './decode-stream.js';
export type {
  ChangeEvent,
  DecodeResult,
  DecodedEvent,
  Heartbeat,
  KafkaHeaders,
  KafkaOffset,
  KafkaRecordLike,
  LogicalValue,
  OpCode,
  Operation,
  RawBytes,
  Row,
  SnapshotMarker,
  SourceBlock,
  Tombstone,
  TransactionBlock,
  TransactionMarker,
  WireFormat,
} from './types.js';
export {
  CdcError,
  DecodeError,
  DECODE_ERROR_CODES,
  type DecodeErrorCode,
  type DecodeErrorInit,
  type PathSegment,
} from './errors.js';
export { toCanonicalJson, type CanonicalJsonOptions } from './canonical-json.js';
export { decodeConnectField, type DecodeConnectFieldOptions } from './decode-connect-field.js';
export type { ConnectSchema, ConnectType } from './connect-schema.js';
export {
  UNAVAILABLE,
  isUnavailable,
  fillUnavailable,
  DEFAULT_UNAVAILABLE_PLACEHOLDER,
  DEFAULT_UNAVAILABLE_UUID,
  type Unavailable,
  type FilledRow,
} from './unavailable.js';
export { pgTypeToConnectSchema, type TypeMap, type ColumnType } from './type-map.js';
export { typeMapFromShopTables, type TypeMapSourceTable } from './shop-type-map.js';
export { InMemorySchemaRegistry, type SchemaRegistry, type AvroSchema } from './schema-registry.js';
export { parseSourceSequence } from './source-block.js';
export { tableFromTopic } from './envelope.js';
export {
  toDomainRecord,
  type DomainRecord,
  type DomainRecordOf,
  type DomainRow,
  type DomainTable,
  type DomainTables,
  type SafeParseSchema,
} from './to-domain-record.js';
export { TIMESTAMP_POSITIVE_INFINITY, TIMESTAMP_NEGATIVE_INFINITY } from './temporal.js';
export {
  debeziumConnectorConfig,
  DEFAULT_CONNECTOR_NAME,
  DEFAULT_TOPIC_PREFIX,
  type DebeziumConnectorOptions,
  type DebeziumConnectorConfig,
  type ConnectorFormat,
  type DecimalHandlingMode,
} from './connector/debezium-connector-config.js';
export { ConnectorConfigError } from './connector/connector-config-error.js';
export { SHOP_CDC_TABLES, type ShopCdcTable } from './connector/shop-cdc-tables.js';
export {
  ConnectRestError,
  type ConnectRestApi,
  type ConnectRestErrorCode,
  type ConnectorStatus,
  type ConnectState,
} from './connector/connect-rest-api.js';
export { ConnectorSetupError, type ConnectorSetupErrorCode } from './connector/connector-setup-error.js';
export type {
  PublicationAdmin,
  PublicationAdminVia,
  PublicationFacts,
  PublicationRequest,
  TableFacts,
} from './connector/publication-admin.js';
export {
  planPublication,
  type PublicationAction,
  type PublicationPlan,
} from './connector/publication-plan.js';
export { preparePublication, type PublicationSetup } from './connector/prepare-publication.js';
export type { QualifiedTable, TableAccess } from './connector/publication-sql.js';
