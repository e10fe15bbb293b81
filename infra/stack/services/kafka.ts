import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { findJava } from '../java-runtime.js';
import { resolveClosure } from '../maven-artifacts.js';
import { spawnDetached } from '../process-control.js';
import { serviceDir, smallJvmFlags, stackMarker, toProperties, type ServiceDefinition } from '../service-definition.js';
import { VERSIONS, type StackConfig } from '../stack-config.js';
import { StackError } from '../stack-error.js';

const run = promisify(execFile);

/** Fixed KRaft cluster id (22 chars base64url) so a kept data dir can be reused. */
export const KAFKA_CLUSTER_ID = 'ZWNvbS1zdGFjay1sb2NhbA';

/** Maven coordinates of the broker + Connect runtime classpath (one closure serves both). */
export const KAFKA_COORDINATES = [
  `org.apache.kafka:kafka_2.13:${VERSIONS.kafka}`,
  `org.apache.kafka:connect-runtime:${VERSIONS.kafka}`,
  `org.apache.logging.log4j:log4j-slf4j-impl:${VERSIONS.log4j}`,
] as const;

/** Downloads (once) and returns the folder holding the Kafka/Connect jars. */
export async function kafkaLibs(cfg: StackConfig, service = 'kafka'): Promise<string> {
  const dir = await resolveClosure(service, cfg.cacheDir, `kafka-${VERSIONS.kafka}`, KAFKA_COORDINATES);
  return join(dir, 'jars');
}

/** The broker settings (KRaft combined mode, topic auto-creation OFF, single-node internals). */
export function kafkaServerProperties(cfg: StackConfig, logDirs: string) {
  const host = '127.0.0.1';
  return {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${host}:${cfg.ports.kafkaController}`,
    listeners: `PLAINTEXT://${host}:${cfg.ports.kafka},CONTROLLER://${host}:${cfg.ports.kafkaController}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${cfg.ports.kafka}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDirs,
    'auto.create.topics.enable': false,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'num.network.threads': 2,
    'num.io.threads': 2,
    'log.retention.hours': 1,
    'log.segment.bytes': 16 * 1024 * 1024,
  };
}

/** log4j2 config for the JVMs of Kafka and Connect: INFO to stdout (which goes to the service log). */
export const LOG4J2_PROPERTIES = `status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.reflections.name = org.reflections
logger.reflections.level = ERROR
`;

function kafkaConfigPath(cfg: StackConfig) {
  return join(serviceDir(cfg, 'kafka'), 'server.properties');
}

/**
 * A kafkajs client for the stack's broker, silent. `probe: true` gives a fail-fast client (no retries) for health
 * checks; otherwise kafkajs' default retries apply (needed by idempotent producers and consumer groups).
 *
 * @example
 * ```ts
 * const producer = stackKafka(cfg, 'my-test').producer();
 * ```
 */
export function stackKafka(cfg: StackConfig, clientId = 'ecom-stack', opts: { probe?: boolean } = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: [`127.0.0.1:${cfg.ports.kafka}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 10_000,
    ...(opts.probe ? { retry: { retries: 0 } } : {}),
  });
}

/**
 * Apache Kafka 4.3.1 (jars from Maven Central), single-node KRaft combined broker+controller.
 *
 * @example
 * ```ts
 * await kafkaService.prepare(cfg);
 * ```
 */
export const kafkaService: ServiceDefinition = {
  name: 'kafka',
  deps: [],
  version: VERSIONS.kafka,
  ports: (cfg) => [cfg.ports.kafka, cfg.ports.kafkaController],
  endpoint: (cfg) => `127.0.0.1:${cfg.ports.kafka}`,
  logFile: (cfg) => join(serviceDir(cfg, 'kafka'), 'kafka.log'),

  async prepare(cfg) {
    findJava('kafka', { min: 17, preferredHome: cfg.java17Home });
    await kafkaLibs(cfg);
  },

  async start(cfg) {
    const java = findJava('kafka', { min: 17, preferredHome: cfg.java17Home });
    const dir = serviceDir(cfg, 'kafka');
    mkdirSync(dir, { recursive: true });
    writeFileSync(kafkaConfigPath(cfg), toProperties(kafkaServerProperties(cfg, join(dir, 'data'))));
    writeFileSync(join(dir, 'log4j2.properties'), LOG4J2_PROPERTIES);
    const cp = `${await kafkaLibs(cfg)}/*`;
    const jvm = [
      ...smallJvmFlags('512m'),
      `-Dlog4j2.configurationFile=${join(dir, 'log4j2.properties')}`,
      `-Dkafka.logs.dir=${dir}`,
      stackMarker(cfg, 'kafka'),
    ];
    try {
      await run(java, [...jvm, '-cp', cp, 'kafka.tools.StorageTool', 'format', '-t', KAFKA_CLUSTER_ID, '-c', kafkaConfigPath(cfg), '--ignore-formatted'], {
        timeout: 120_000,
      });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new StackError('kafka', `formatting the KRaft log dir failed: ${e.message.split('\n')[0]}`, `${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
    const pid = spawnDetached(java, [...jvm, '-cp', cp, 'kafka.Kafka', kafkaConfigPath(cfg)], {
      cwd: dir,
      logFile: kafkaService.logFile(cfg),
    });
    return { pid, marker: stackMarker(cfg, 'kafka') };
  },

  async healthy(cfg) {
    const admin = stackKafka(cfg, 'ecom-stack-health', { probe: true }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0 && cluster.controller !== null;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  },

  compose: (cfg) => ({
    image: `apache/kafka:${VERSIONS.kafka}`,
    entrypoint: ['sh', '-c'],
    command: [
      `/opt/kafka/bin/kafka-storage.sh format -t ${KAFKA_CLUSTER_ID} -c /etc/ecom/server.properties --ignore-formatted && ` +
        'exec /opt/kafka/bin/kafka-server-start.sh /etc/ecom/server.properties',
    ],
    configFiles: [
      { name: 'kafka-server.properties', target: '/etc/ecom/server.properties', content: toProperties(kafkaServerProperties(cfg, '/var/lib/kafka/data')) },
    ],
    healthcheck: ['CMD-SHELL', `/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server 127.0.0.1:${cfg.ports.kafka} >/dev/null`],
  }),
};
