import { SHOP_TABLE_NAMES } from '@ecom/domain';
import { ConnectorConfigError } from './connector-config-error.js';
import { debeziumConnectorConfig, type DebeziumConnectorOptions } from './debezium-connector-config.js';
import { SHOP_CDC_TABLES } from './shop-cdc-tables.js';

const database = { hostname: '127.0.0.1', port: 55432, user: 'ecom_cdc', dbname: 'ecom' };
const build = (o: Partial<DebeziumConnectorOptions> = {}) => debeziumConnectorConfig({ database, ...o });

describe('debeziumConnectorConfig', () => {
  test('the captured tables are exactly the @ecom/domain shop tables, parents first', () => {
    expect(SHOP_CDC_TABLES).toEqual(SHOP_TABLE_NAMES);
  });

  test('defaults: pgoutput, filtered publication over all ten tables, precise decimals, heartbeats, JSON with schema', () => {
    const { name, config } = build();
    expect(name).toBe('ecommerce-cdc-postgres');
    expect(config).toMatchObject({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'plugin.name': 'pgoutput',
      'publication.autocreate.mode': 'filtered',
      'publication.name': 'ecommerce_cdc_publication',
      'slot.name': 'ecommerce_cdc_slot',
      'topic.prefix': 'ecommerce-cdc',
      'decimal.handling.mode': 'precise',
      'heartbeat.interval.ms': '10000',
      'topic.heartbeat.prefix': '__debezium-heartbeat',
      'tombstones.on.delete': 'true',
      'snapshot.mode': 'initial',
      'database.hostname': '127.0.0.1',
      'database.port': '55432',
      'database.user': 'ecom_cdc',
      'database.dbname': 'ecom',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'key.converter.schemas.enable': 'true',
      'value.converter.schemas.enable': 'true',
    });
    expect(config['table.include.list']!.split(',')).toEqual(SHOP_CDC_TABLES.map((t) => `public.${t}`));
    expect(config['table.include.list']).toContain('public.customer_events');
    expect(config['database.password']).toBeUndefined();
    expect(config['transforms']).toBeUndefined();
    expect(Object.values(config).every((v) => typeof v === 'string')).toBe(true);
  });

  test('topic prefix drives slot and publication names', () => {
    const { config } = build({ topicPrefix: 'shop-eu.cdc' });
    expect(config['topic.prefix']).toBe('shop-eu.cdc');
    expect(config['slot.name']).toBe('shop_eu_cdc_slot');
    expect(config['publication.name']).toBe('shop_eu_cdc_publication');
  });

  test.each(['precise', 'double', 'string'] as const)('decimal.handling.mode %s', (mode) => {
    expect(build({ decimalHandlingMode: mode }).config['decimal.handling.mode']).toBe(mode);
  });

  test('schemaless JSON', () => {
    const { config } = build({ format: 'json-schemaless' });
    expect(config['value.converter.schemas.enable']).toBe('false');
    expect(config['key.converter.schemas.enable']).toBe('false');
  });

  test('Avro through Apicurio in the Confluent wire format', () => {
    const { config } = build({ format: 'avro', apicurioUrl: 'http://127.0.0.1:18081/apis/registry/v2' });
    for (const side of ['key', 'value']) {
      expect(config[`${side}.converter`]).toBe('io.apicurio.registry.utils.converter.AvroConverter');
      expect(config[`${side}.converter.apicurio.registry.url`]).toBe(
        'http://127.0.0.1:18081/apis/registry/v2',
      );
      expect(config[`${side}.converter.apicurio.registry.as-confluent`]).toBe('true');
      expect(config[`${side}.converter.apicurio.registry.use-id`]).toBe('contentId');
      expect(config[`${side}.converter.schemas.enable`]).toBeUndefined();
    }
    expect(config['schema.name.adjustment.mode']).toBe('avro');
    expect(build().config['schema.name.adjustment.mode']).toBeUndefined();
  });

  test('unwrap, transaction metadata, heartbeats off, extra overrides', () => {
    const { config } = build({
      unwrap: true,
      transactionMetadata: true,
      heartbeatIntervalMs: 0,
      extra: { 'snapshot.mode': 'no_data' },
    });
    expect(config).toMatchObject({
      transforms: 'unwrap',
      'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
      'transforms.unwrap.add.fields': 'op,table,lsn,source.ts_ms',
      'provide.transaction.metadata': 'true',
      'heartbeat.interval.ms': '0',
      'snapshot.mode': 'no_data',
    });
  });

  test('a password given by the caller is passed through (never defaulted)', () => {
    expect(build({ database: { ...database, password: 'from-env' } }).config['database.password']).toBe(
      'from-env',
    );
  });

  test.each([
    [{ topicPrefix: 'bad prefix' }, 'topicPrefix'],
    [{ name: 'a/b' }, 'name'],
    [{ tables: [] }, 'tables'],
    [{ tables: ['orders; drop'] }, 'tables'],
    [{ slotName: 'Has-Upper' }, 'slotName'],
    [{ decimalHandlingMode: 'float' as never }, 'decimalHandlingMode'],
    [{ format: 'protobuf' as never }, 'format'],
    [{ format: 'avro' as const }, 'apicurioUrl'],
    [{ heartbeatIntervalMs: -1 }, 'heartbeatIntervalMs'],
    [{ database: { ...database, port: 0 } }, 'database.port'],
    [{ database: { ...database, user: '' } }, 'database.user'],
  ] as [Partial<DebeziumConnectorOptions>, string][])(
    'bad option %j → ConnectorConfigError naming %s',
    (o, option) => {
      let error: unknown;
      try {
        build(o);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConnectorConfigError);
      expect(error).toMatchObject({ code: 'INVALID_CONNECTOR_OPTION', option });
    },
  );
});
