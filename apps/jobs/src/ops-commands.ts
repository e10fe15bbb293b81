import { createDecoder, typeMapFromShopTables } from '@ecom/cdc';
import { HttpSchemaRegistry } from '@ecom/cdc/adapters';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { runRulesCommand } from './jobs/fraud/fraud-rules-command.js';
import type { JobsOps } from './program.js';
import { loadJobsConfig } from './runtime/config/jobs-config.js';
import { loadKafkaConfig } from './runtime/config/kafka-config.js';
import { formatJobStatus, kafkaSources, readJobStatus } from './runtime/ops/job-status.js';
import { peekTopic } from './runtime/ops/topic-peek.js';

type Env = Readonly<Record<string, string | undefined>>;

const kafkaOf = (brokers: readonly string[], clientId: string) =>
  new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.NOTHING });

/**
 * The real `status` and `topics peek` over the environment's config: `status` needs `DATABASE_URL` (and uses
 * `KAFKA_BROKERS`, when set, for the lag); `peek` needs only the Kafka keys (`loadKafkaConfig`: `KAFKA_BROKERS`, and
 * `JOBS_SCHEMA_REGISTRY_URL` for Avro); `rules` needs `DATABASE_URL`, and for a change the Kafka keys and
 * `FRAUD_RULES_TOPIC` (see `runRulesCommand`). A missing or bad key rejects with a `JobsConfigError` naming it.
 *
 * @example
 * import { buildProgram } from './program.js';
 * await buildProgram([], console.log, opsFromEnv()).parseAsync(['status'], { from: 'user' });
 */
export function opsFromEnv(env: Env = process.env): JobsOps {
  return {
    async status(job) {
      const config = loadJobsConfig(env);
      const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
      try {
        const statuses = await readJobStatus(pool, job);
        const ends = new Map<string, string>();
        if (config.kafkaBrokers !== null) {
          const admin = kafkaOf(config.kafkaBrokers, config.kafkaClientId).admin();
          await admin.connect();
          try {
            for (const topic of kafkaSources(statuses)) {
              const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
              for (const o of offsets) ends.set(`${topic}:${o.partition}`, o.high);
            }
          } finally {
            await admin.disconnect();
          }
        }
        return formatJobStatus(ends.size === 0 ? statuses : await readJobStatus(pool, job, ends));
      } finally {
        await pool.end();
      }
    },
    async peek(topic, options, write) {
      const config = loadKafkaConfig(env); // Kafka keys only: peeking needs no database
      const registry = config.schemaRegistryUrl
        ? { registry: new HttpSchemaRegistry({ url: config.schemaRegistryUrl }) }
        : {};
      return peekTopic({
        kafka: kafkaOf(config.kafkaBrokers, config.kafkaClientId),
        topic,
        ...options,
        decoder: createDecoder({ typeMap: typeMapFromShopTables(), ...registry }),
        write,
      });
    },
    rules: (command) => runRulesCommand(command, env),
  };
}
