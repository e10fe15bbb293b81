import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findJava } from '../java-runtime.js';
import { extractOnce, fetchArtifact, resolveClosure } from '../maven-artifacts.js';
import { spawnDetached } from '../process-control.js';
import { serviceDir, smallJvmFlags, stackMarker, toProperties, type ServiceDefinition } from '../service-definition.js';
import { VERSIONS, type StackConfig } from '../stack-config.js';
import { StackError } from '../stack-error.js';
import { httpGet } from '../wait-for.js';
import { kafkaLibs, LOG4J2_PROPERTIES } from './kafka.js';

/** Class name Connect must list before the worker counts as healthy. */
export const DEBEZIUM_POSTGRES_CONNECTOR = 'io.debezium.connector.postgresql.PostgresConnector';
/** Apicurio's Avro converter (Confluent wire format when configured as in `apicurioAvroConverterConfig`). */
export const APICURIO_AVRO_CONVERTER = 'io.apicurio.registry.utils.converter.AvroConverter';

/**
 * Connector-level settings that make Debezium write Avro through Apicurio in the Confluent wire format
 * (4-byte content id, no headers), so `@kafkajs/confluent-schema-registry` can decode the records.
 *
 * @example
 * ```ts
 * const conf = { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', ...apicurioAvroConverterConfig(cfg, 'value') };
 * ```
 */
export function apicurioAvroConverterConfig(cfg: StackConfig, side: 'key' | 'value'): Record<string, string> {
  const p = `${side}.converter`;
  return {
    [p]: APICURIO_AVRO_CONVERTER,
    [`${p}.apicurio.registry.url`]: `http://127.0.0.1:${cfg.ports.registry}/apis/registry/v2`,
    [`${p}.apicurio.registry.auto-register`]: 'true',
    [`${p}.apicurio.registry.find-latest`]: 'true',
    [`${p}.apicurio.registry.headers.enabled`]: 'false',
    [`${p}.apicurio.registry.as-confluent`]: 'true',
    [`${p}.apicurio.registry.use-id`]: 'contentId',
  };
}

/** Distributed worker settings (JSON by default; connectors may switch to Apicurio Avro). */
export function connectWorkerProperties(cfg: StackConfig, pluginPath: string) {
  return {
    'bootstrap.servers': `127.0.0.1:${cfg.ports.kafka}`,
    'group.id': 'ecom-stack-connect',
    listeners: `http://127.0.0.1:${cfg.ports.connect}`,
    'rest.advertised.host.name': '127.0.0.1',
    'rest.advertised.port': cfg.ports.connect,
    'plugin.path': pluginPath,
    'plugin.discovery': 'hybrid_warn',
    'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable': false,
    'value.converter.schemas.enable': false,
    'config.storage.topic': '_connect_configs',
    'offset.storage.topic': '_connect_offsets',
    'status.storage.topic': '_connect_status',
    'config.storage.replication.factor': 1,
    'offset.storage.replication.factor': 1,
    'status.storage.replication.factor': 1,
    'offset.storage.partitions': 1,
    'status.storage.partitions': 1,
    'offset.flush.interval.ms': 1000,
    'topic.creation.enable': true,
    'scheduled.rebalance.max.delay.ms': 0,
  };
}

/** Downloads (once) Debezium's plugin archive and the Apicurio converter; returns the plugin.path value. */
export async function connectPluginPath(cfg: StackConfig): Promise<string> {
  const tgz = await fetchArtifact('connect', cfg.cacheDir, `io.debezium:debezium-connector-postgres:${VERSIONS.debezium}:tar.gz:plugin`);
  const debezium = await extractOnce('connect', tgz, join(cfg.cacheDir, `debezium-postgres-plugin-${VERSIONS.debezium}`));
  if (!existsSync(join(debezium, 'debezium-connector-postgres'))) {
    throw new StackError('connect', `unexpected layout of ${tgz}: no debezium-connector-postgres/ folder`);
  }
  // 3.x's converter distribution is not on the mirror: take the 2.6 converter's jars, minus what Connect provides.
  // Its folder holds jars/ (the plugin) next to pom.xml, so the folder itself is a plugin.path entry.
  const converter = await resolveClosure(
    'connect',
    cfg.cacheDir,
    `apicurio-converter-${VERSIONS.apicurioConverter}`,
    [`io.apicurio:apicurio-registry-utils-converter:${VERSIONS.apicurioConverter}`],
    { excludeArtifactIds: ['kafka-clients', 'connect-api', 'connect-json', 'slf4j-api', 'lz4-java', 'snappy-java', 'zstd-jni'] },
  );
  return `${debezium},${converter}`;
}

/**
 * Kafka Connect 4.3.1 distributed worker with Debezium PostgreSQL 3.6.1.Final and Apicurio's converter on plugin.path.
 *
 * @example
 * ```ts
 * connectService.endpoint(cfg); // 'http://127.0.0.1:18083'
 * ```
 */
export const connectService: ServiceDefinition = {
  name: 'connect',
  deps: ['postgres', 'kafka'],
  version: `${VERSIONS.kafka} + debezium ${VERSIONS.debezium}`,
  ports: (cfg) => [cfg.ports.connect],
  endpoint: (cfg) => `http://127.0.0.1:${cfg.ports.connect}`,
  logFile: (cfg) => join(serviceDir(cfg, 'connect'), 'connect.log'),

  async prepare(cfg) {
    findJava('connect', { min: 17, preferredHome: cfg.java17Home });
    await kafkaLibs(cfg, 'connect');
    await connectPluginPath(cfg);
  },

  async start(cfg) {
    const java = findJava('connect', { min: 17, preferredHome: cfg.java17Home });
    const dir = serviceDir(cfg, 'connect');
    mkdirSync(dir, { recursive: true });
    const conf = join(dir, 'connect-distributed.properties');
    writeFileSync(conf, toProperties(connectWorkerProperties(cfg, await connectPluginPath(cfg))));
    writeFileSync(join(dir, 'log4j2.properties'), LOG4J2_PROPERTIES);
    const pid = spawnDetached(
      java,
      [
        ...smallJvmFlags('512m'),
        `-Dlog4j2.configurationFile=${join(dir, 'log4j2.properties')}`,
        stackMarker(cfg, 'connect'),
        '-cp',
        `${await kafkaLibs(cfg, 'connect')}/*`,
        'org.apache.kafka.connect.cli.ConnectDistributed',
        conf,
      ],
      { cwd: dir, logFile: connectService.logFile(cfg) },
    );
    return { pid, marker: stackMarker(cfg, 'connect') };
  },

  async healthy(cfg) {
    const plugins = await httpGet(`${connectService.endpoint(cfg)}/connector-plugins?connectorsOnly=false`);
    if (plugins.status !== 200 || !plugins.body.includes(DEBEZIUM_POSTGRES_CONNECTOR)) return false;
    const connectors = await httpGet(`${connectService.endpoint(cfg)}/connectors`);
    return connectors.status === 200;
  },

  compose: (cfg) => ({
    image: `quay.io/debezium/connect:${VERSIONS.debezium}`,
    dependsOn: ['kafka', 'postgres'],
    environment: {
      BOOTSTRAP_SERVERS: `127.0.0.1:${cfg.ports.kafka}`,
      GROUP_ID: 'ecom-stack-connect',
      REST_PORT: String(cfg.ports.connect),
      REST_HOST_NAME: '127.0.0.1',
      CONFIG_STORAGE_TOPIC: '_connect_configs',
      OFFSET_STORAGE_TOPIC: '_connect_offsets',
      STATUS_STORAGE_TOPIC: '_connect_status',
      KEY_CONVERTER: 'org.apache.kafka.connect.json.JsonConverter',
      VALUE_CONVERTER: 'org.apache.kafka.connect.json.JsonConverter',
      CONNECT_KEY_CONVERTER_SCHEMAS_ENABLE: 'false',
      CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE: 'false',
      CONNECT_OFFSET_FLUSH_INTERVAL_MS: '1000',
      ENABLE_APICURIO_CONVERTERS: 'true',
    },
    healthcheck: ['CMD-SHELL', `curl -fs http://127.0.0.1:${cfg.ports.connect}/connectors >/dev/null`],
  }),
};
