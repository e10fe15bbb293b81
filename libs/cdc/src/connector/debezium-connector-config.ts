/**
 * Pure generator of the Debezium PostgreSQL connector config for the shop schema (no HTTP here: the Kafka
 * Connect REST client is in the adapters entry point).
 */
import { ConnectorConfigError } from './connector-config-error.js';
import { SHOP_CDC_TABLES } from './shop-cdc-tables.js';

/**
 * Wire form of the records: JSON with an embedded schema, schemaless JSON, or Avro through Apicurio in the
 * Confluent wire format.
 *
 * @example
 * const format: ConnectorFormat = 'avro';
 */
export type ConnectorFormat = 'json' | 'json-schemaless' | 'avro';

/**
 * `decimal.handling.mode`: `precise` (Connect Decimal, exact; the decoder's default), `string` (exact text) or
 * `double` (lossy, for consumers that cannot handle the other two).
 *
 * @example
 * const mode: DecimalHandlingMode = 'precise';
 */
export type DecimalHandlingMode = 'precise' | 'double' | 'string';

/**
 * Options of {@link debeziumConnectorConfig}. Only `database` is required.
 *
 * @example
 * const options: DebeziumConnectorOptions = { database: { hostname: '127.0.0.1', port: 55432, user: 'ecom_cdc', dbname: 'ecom' } };
 */
export interface DebeziumConnectorOptions {
  /** Where Kafka Connect reaches Postgres (seen from the Connect worker). */
  database: { hostname: string; port: number; user: string; password?: string; dbname: string };
  /** Connector name. Default `ecommerce-cdc-postgres`. */
  name?: string;
  /** `topic.prefix`; topics are `<prefix>.<schema>.<table>`. Default `ecommerce-cdc`. */
  topicPrefix?: string;
  /** Postgres schema of the shop tables. Default `public`. */
  schema?: string;
  /** Tables to capture. Default: all ten shop tables. */
  tables?: readonly string[];
  /** Publication (created by Debezium with `publication.autocreate.mode=filtered`). Default `<prefix>_publication` with `-` → `_`. */
  publicationName?: string;
  /** Replication slot. Default `<prefix>_slot` with `-` → `_`. */
  slotName?: string;
  /** Default `precise`. */
  decimalHandlingMode?: DecimalHandlingMode;
  /** Default `json` (with schema). */
  format?: ConnectorFormat;
  /** Apicurio native v2 API URL, required for `avro` (e.g. `http://127.0.0.1:18081/apis/registry/v2`). */
  apicurioUrl?: string;
  /** Add the ExtractNewRecordState SMT (`__op`, `__table`, `__lsn`, `__source_ts_ms`, `__deleted`). Default false. */
  unwrap?: boolean;
  /** `heartbeat.interval.ms`. Default 10 000; 0 disables heartbeats. */
  heartbeatIntervalMs?: number;
  /** `topic.heartbeat.prefix`. Default `__debezium-heartbeat`. */
  heartbeatTopicPrefix?: string;
  /** `provide.transaction.metadata` (BEGIN/END markers on `<prefix>.transaction`). Default false. */
  transactionMetadata?: boolean;
  /** `snapshot.mode`. Default `initial`. */
  snapshotMode?: 'initial' | 'no_data' | 'never' | 'always' | 'initial_only' | 'when_needed';
  /** Partitions of the topics Connect creates. Default 1. */
  topicPartitions?: number;
  /** Replication factor of the topics Connect creates. Default 1 (a single local broker). */
  topicReplicationFactor?: number;
  /** Extra connector properties, applied last (they override generated ones). */
  extra?: Record<string, string>;
}

/**
 * A connector's name and its config, as `PUT /connectors/{name}/config` takes it.
 *
 * @example
 * const { name, config }: DebeziumConnectorConfig = debeziumConnectorConfig({
 *   database: { hostname: '127.0.0.1', port: 55432, user: 'ecom_cdc', dbname: 'ecom' },
 * });
 */
export interface DebeziumConnectorConfig {
  name: string;
  config: Record<string, string>;
}

const POSTGRES_CONNECTOR = 'io.debezium.connector.postgresql.PostgresConnector';
const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
const APICURIO_AVRO_CONVERTER = 'io.apicurio.registry.utils.converter.AvroConverter';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TOPIC_PREFIX = /^[A-Za-z0-9._-]+$/;

/**
 * Default connector name.
 *
 * @example
 * DEFAULT_CONNECTOR_NAME // 'ecommerce-cdc-postgres'
 */
export const DEFAULT_CONNECTOR_NAME = 'ecommerce-cdc-postgres';
/**
 * Default topic prefix.
 *
 * @example
 * DEFAULT_TOPIC_PREFIX // 'ecommerce-cdc'
 */
export const DEFAULT_TOPIC_PREFIX = 'ecommerce-cdc';

function invalid(option: string, message: string): never {
  throw new ConnectorConfigError(option, message);
}

/** `ecommerce-cdc` → `ecommerce_cdc` (slot and publication names are Postgres identifiers). */
function identifierFrom(prefix: string, suffix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase()}_${suffix}`;
}

function converter(
  side: 'key' | 'value',
  format: ConnectorFormat,
  apicurioUrl: string | undefined,
): Record<string, string> {
  const p = `${side}.converter`;
  if (format === 'avro') {
    if (!apicurioUrl)
      invalid('apicurioUrl', 'format avro needs the Apicurio registry URL (…/apis/registry/v2)');
    return {
      [p]: APICURIO_AVRO_CONVERTER,
      [`${p}.apicurio.registry.url`]: apicurioUrl,
      [`${p}.apicurio.registry.auto-register`]: 'true',
      [`${p}.apicurio.registry.find-latest`]: 'true',
      [`${p}.apicurio.registry.headers.enabled`]: 'false',
      [`${p}.apicurio.registry.as-confluent`]: 'true',
      [`${p}.apicurio.registry.use-id`]: 'contentId',
    };
  }
  return { [p]: JSON_CONVERTER, [`${p}.schemas.enable`]: String(format === 'json') };
}

/**
 * Builds the Debezium PostgreSQL connector config: `plugin.name=pgoutput` with a filtered publication over the
 * shop tables, `decimal.handling.mode=precise`, heartbeats, tombstones on delete, topics created by Connect,
 * and the key/value converters of `format`. Throws {@link ConnectorConfigError} naming the bad option.
 *
 * @example
 * ```ts
 * const { name, config } = debeziumConnectorConfig({
 *   database: { hostname: '127.0.0.1', port: 55432, user: 'ecom_cdc', dbname: 'ecom' },
 *   format: 'avro',
 *   apicurioUrl: 'http://127.0.0.1:18081/apis/registry/v2',
 * });
 * config['table.include.list']; // 'public.customers,public.categories,…,public.customer_events'
 * ```
 */
export function debeziumConnectorConfig(options: DebeziumConnectorOptions): DebeziumConnectorConfig {
  const name = options.name ?? DEFAULT_CONNECTOR_NAME;
  const topicPrefix = options.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
  const schema = options.schema ?? 'public';
  const tables = options.tables ?? SHOP_CDC_TABLES;
  const format = options.format ?? 'json';
  const decimal = options.decimalHandlingMode ?? 'precise';
  const heartbeat = options.heartbeatIntervalMs ?? 10_000;
  const publication = options.publicationName ?? identifierFrom(topicPrefix, 'publication');
  const slot = options.slotName ?? identifierFrom(topicPrefix, 'slot');
  const db = options.database;

  if (!/^[A-Za-z0-9._-]+$/.test(name)) invalid('name', `${JSON.stringify(name)} must match [A-Za-z0-9._-]+`);
  if (!TOPIC_PREFIX.test(topicPrefix))
    invalid('topicPrefix', `${JSON.stringify(topicPrefix)} must match [A-Za-z0-9._-]+`);
  if (!IDENTIFIER.test(schema)) invalid('schema', `${JSON.stringify(schema)} is not a plain identifier`);
  if (tables.length === 0) invalid('tables', 'at least one table is needed');
  for (const t of tables)
    if (!IDENTIFIER.test(t)) invalid('tables', `${JSON.stringify(t)} is not a plain identifier`);
  if (!IDENTIFIER.test(publication))
    invalid('publicationName', `${JSON.stringify(publication)} is not a plain identifier`);
  if (!/^[a-z0-9_]{1,63}$/.test(slot))
    invalid('slotName', `${JSON.stringify(slot)} must match [a-z0-9_]{1,63}`);
  if (!['precise', 'double', 'string'].includes(decimal))
    invalid('decimalHandlingMode', `${JSON.stringify(decimal)} is not precise, double or string`);
  if (!['json', 'json-schemaless', 'avro'].includes(format))
    invalid('format', `${JSON.stringify(format)} is not json, json-schemaless or avro`);
  if (!Number.isInteger(heartbeat) || heartbeat < 0) invalid('heartbeatIntervalMs', 'must be an integer ≥ 0');
  if (!db.hostname) invalid('database.hostname', 'is empty');
  if (!Number.isInteger(db.port) || db.port < 1 || db.port > 65535)
    invalid('database.port', `${db.port} is not a port`);
  if (!db.user) invalid('database.user', 'is empty');
  if (!db.dbname) invalid('database.dbname', 'is empty');

  const config: Record<string, string> = {
    'connector.class': POSTGRES_CONNECTOR,
    'tasks.max': '1',
    'plugin.name': 'pgoutput',
    'database.hostname': db.hostname,
    'database.port': String(db.port),
    'database.user': db.user,
    ...(db.password === undefined ? {} : { 'database.password': db.password }),
    'database.dbname': db.dbname,
    'topic.prefix': topicPrefix,
    'schema.include.list': schema,
    'table.include.list': tables.map((t) => `${schema}.${t}`).join(','),
    'publication.name': publication,
    'publication.autocreate.mode': 'filtered',
    'slot.name': slot,
    'snapshot.mode': options.snapshotMode ?? 'initial',
    'decimal.handling.mode': decimal,
    'tombstones.on.delete': 'true',
    'heartbeat.interval.ms': String(heartbeat),
    'topic.heartbeat.prefix': options.heartbeatTopicPrefix ?? '__debezium-heartbeat',
    'provide.transaction.metadata': String(options.transactionMetadata ?? false),
    'topic.creation.default.replication.factor': String(options.topicReplicationFactor ?? 1),
    'topic.creation.default.partitions': String(options.topicPartitions ?? 1),
    ...converter('key', format, options.apicurioUrl),
    ...converter('value', format, options.apicurioUrl),
  };
  if (format === 'avro') {
    // Topic prefixes such as `ecommerce-cdc` put a `-` into the record names, which is not a valid Avro name:
    // strict registries (Apicurio ccompat, Confluent) and readers refuse such schemas. Debezium sanitises them.
    config['schema.name.adjustment.mode'] = 'avro';
    config['field.name.adjustment.mode'] = 'avro';
  }
  if (options.unwrap) {
    Object.assign(config, {
      transforms: 'unwrap',
      'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
      'transforms.unwrap.add.fields': 'op,table,lsn,source.ts_ms',
      'transforms.unwrap.delete.tombstone.handling.mode': 'rewrite-with-tombstone',
    });
  }
  return { name, config: { ...config, ...options.extra } };
}
