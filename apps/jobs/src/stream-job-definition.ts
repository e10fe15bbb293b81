import { join } from 'node:path';
import { HttpSchemaRegistry } from '@ecom/cdc/adapters';
import { Kafka } from 'kafkajs';
import pg from 'pg';
import type { JobDefinition } from './job.js';
import { JobsConfigError } from './runtime/errors.js';
import { loadJobsConfig, type JobsConfig } from './runtime/config/jobs-config.js';
import { startKafkaJob } from './runtime/run/kafka-job.js';
import { JsonLinesFileSink } from './runtime/sinks/json-lines-file-sink.js';
import type { StreamJobCore } from './runtime/stream-job.js';

/**
 * A registered stream job (`npm run jobs -- run <name>`): on start it reads {@link JobsConfig} from the
 * environment, opens the pg pool, the Kafka client, the optional schema registry and `<JOBS_OUTPUT_DIR>/<job>.jsonl`,
 * and runs one instance with `startKafkaJob`. The returned stop function stops the consumer, then closes the rest.
 *
 * @example
 * import { createRevenueJob } from './jobs/revenue/index.js';
 * const revenue = streamJobDefinition('revenue', 'revenue per window', (config) => createRevenueJob({ correctionHorizon: config.correctionHorizonMs }));
 */
export function streamJobDefinition(
  name: string,
  description: string,
  createCore: (config: JobsConfig) => StreamJobCore,
  env: Readonly<Record<string, string | undefined>> = process.env,
): JobDefinition {
  return {
    name,
    description,
    async start() {
      const config = loadJobsConfig(env);
      if (config.kafkaBrokers === null) throw new JobsConfigError(['KAFKA_BROKERS'], 'KAFKA_BROKERS: is required to run a job');
      const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.pgPoolMax });
      pool.on('error', (e) => console.error(`jobs ${name}: idle pg client error: ${e.message}`));
      const file = config.outputDir === null ? null : await JsonLinesFileSink.open(join(config.outputDir, `${name}.jsonl`));
      const running = await startKafkaJob({
        kafka: new Kafka({ clientId: config.kafkaClientId, brokers: [...config.kafkaBrokers] }),
        pool,
        core: createCore(config),
        groupId: `${config.groupId}.${name}`,
        topicPrefix: config.cdcTopicPrefix,
        deadLetterTopic: config.deadLetterTopic ?? `${config.groupId}.${name}.dlq`,
        watermarks: { outOfOrdernessMs: config.outOfOrdernessMs, idleTimeoutMs: config.idleTimeoutMs },
        relayBatchSize: config.relayBatchSize,
        ...(file ? { sinks: [file] } : {}),
        ...(config.instanceId ? { owner: config.instanceId } : {}),
        ...(config.schemaRegistryUrl ? { registry: new HttpSchemaRegistry({ url: config.schemaRegistryUrl }) } : {}),
      }).catch(async (e: unknown) => {
        await file?.close();
        await pool.end();
        throw e;
      });
      return async () => {
        await running.stop();
        await file?.close();
        await pool.end();
      };
    },
  };
}
