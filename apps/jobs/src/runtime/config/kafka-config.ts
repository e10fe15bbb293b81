/**
 * The Kafka part of the jobs' environment, on its own: what `jobs topics peek` needs (no database).
 */
import { z } from 'zod';
import { parseEnv } from './parse-env.js';

const BROKER = /^(\[[0-9a-fA-F:.]+\]|[^\s:,[\]]+):\d{1,5}$/;

/**
 * The zod fields of the Kafka keys, shared with `loadJobsConfig` (where `KAFKA_BROKERS` is optional).
 *
 * @example
 * kafkaFields.KAFKA_BROKERS.parse('127.0.0.1:9092, kafka-2:19092'); // ['127.0.0.1:9092', 'kafka-2:19092']
 */
export const kafkaFields = {
  KAFKA_BROKERS: z
    .string({ error: 'is required (e.g. 127.0.0.1:9092)' })
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter((broker) => broker !== ''),
    )
    .pipe(z.array(z.string().regex(BROKER, { error: 'must be a comma-separated list of host:port' })).min(1)),
  JOBS_KAFKA_CLIENT_ID: z.string().default('ecom-jobs'),
  JOBS_SCHEMA_REGISTRY_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
};

/**
 * The validated Kafka settings.
 *
 * | key                        | default     | meaning                                         |
 * | -------------------------- | ----------- | ----------------------------------------------- |
 * | `KAFKA_BROKERS`            | (required)  | `host:port,…`                                   |
 * | `JOBS_KAFKA_CLIENT_ID`     | `ecom-jobs` | kafkajs client id                               |
 * | `JOBS_SCHEMA_REGISTRY_URL` | (none)      | Confluent-compatible registry, for Avro sources |
 *
 * @example
 * const kafka: KafkaConfig = loadKafkaConfig({ KAFKA_BROKERS: '127.0.0.1:9092' });
 * kafka.kafkaClientId; // 'ecom-jobs'
 */
export interface KafkaConfig {
  readonly kafkaBrokers: readonly string[];
  readonly kafkaClientId: string;
  /** A Confluent-compatible registry for Avro sources; `null` = JSON only. */
  readonly schemaRegistryUrl: string | null;
}

const schema = z.object(kafkaFields);

/**
 * Reads and validates {@link KafkaConfig} (an empty value counts as unset). Throws `JobsConfigError`
 * (`INVALID_CONFIG`) naming every bad key, e.g. `KAFKA_BROKERS: is required …`; no other key is needed.
 *
 * @example
 * loadKafkaConfig({ KAFKA_BROKERS: '127.0.0.1:9092' }).kafkaBrokers; // ['127.0.0.1:9092']
 * loadKafkaConfig({}); // throws JobsConfigError: "KAFKA_BROKERS: is required …"
 */
export function loadKafkaConfig(env: Readonly<Record<string, string | undefined>>): KafkaConfig {
  const c = parseEnv(schema, env, 'Kafka');
  return {
    kafkaBrokers: c.KAFKA_BROKERS,
    kafkaClientId: c.JOBS_KAFKA_CLIENT_ID,
    schemaRegistryUrl: c.JOBS_SCHEMA_REGISTRY_URL ?? null,
  };
}
