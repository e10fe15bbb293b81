import { JobsConfigError } from '../errors.js';
import { loadJobsConfig } from './jobs-config.js';

const DATABASE_URL = 'postgres://app:s3cret@127.0.0.1:5432/ecom';

describe('loadJobsConfig', () => {
  it('fills the defaults', () => {
    expect(loadJobsConfig({ DATABASE_URL })).toEqual({
      databaseUrl: DATABASE_URL,
      source: 'kafka',
      kafkaBrokers: null,
      kafkaClientId: 'ecom-jobs',
      groupId: 'ecom-jobs',
      instanceId: null,
      outOfOrdernessMs: 5_000,
      idleTimeoutMs: 30_000,
      correctionHorizonMs: 86_400_000,
      commitIntervalMs: 1_000,
      earlyResults: {},
      relayBatchSize: 500,
      outputDir: null,
      pgPoolMax: 4,
      cdcTopicPrefix: 'ecommerce-cdc',
      deadLetterTopic: null,
      deadLetterDir: '.ecom/dead-letters',
      schemaRegistryUrl: null,
      sessionTimeoutMs: 30_000,
      logLevel: 'info',
      metricsPort: 9464,
      metricsHost: '127.0.0.1',
    });
  });

  it('reads every key, treating empty values as unset', () => {
    const config = loadJobsConfig({
      DATABASE_URL,
      KAFKA_BROKERS: ' 127.0.0.1:9092, kafka-2:19092 ,[::1]:9093',
      JOBS_GROUP_ID: 'revenue-group',
      JOBS_INSTANCE_ID: 'jobs-1',
      JOBS_OUT_OF_ORDERNESS_MS: '0',
      JOBS_CORRECTION_HORIZON_MS: '3600000',
      JOBS_OUTPUT_DIR: '/var/out',
      JOBS_RELAY_BATCH_SIZE: '',
      JOBS_SOURCE: 'pgoutput',
      JOBS_DEAD_LETTER_DIR: '/var/dlq',
    });
    expect(config).toMatchObject({
      source: 'pgoutput',
      deadLetterDir: '/var/dlq',
      kafkaBrokers: ['127.0.0.1:9092', 'kafka-2:19092', '[::1]:9093'],
      groupId: 'revenue-group',
      instanceId: 'jobs-1',
      outOfOrdernessMs: 0,
      correctionHorizonMs: 3_600_000,
      outputDir: '/var/out',
      relayBatchSize: 500,
    });
  });

  it('names every bad key and never prints a value', () => {
    let error: unknown;
    try {
      loadJobsConfig({
        DATABASE_URL: 'mysql://app:s3cret@db/ecom',
        KAFKA_BROKERS: 'localhost',
        JOBS_OUT_OF_ORDERNESS_MS: '-1',
        JOBS_COMMIT_INTERVAL_MS: 'soon',
        JOBS_RELAY_BATCH_SIZE: '1.5',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobsConfigError);
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      keys: [
        'DATABASE_URL',
        'KAFKA_BROKERS',
        'JOBS_OUT_OF_ORDERNESS_MS',
        'JOBS_COMMIT_INTERVAL_MS',
        'JOBS_RELAY_BATCH_SIZE',
      ],
    });
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(message).toMatch(/KAFKA_BROKERS: must be a comma-separated list of host:port/);
    expect(message).not.toContain('s3cret');
  });

  it('reads the source keys: topic prefix, dead-letter topic, schema registry', () => {
    const config = loadJobsConfig({
      DATABASE_URL,
      JOBS_CDC_TOPIC_PREFIX: 'shop-eu.cdc',
      JOBS_DEAD_LETTER_TOPIC: 'jobs.dlq',
      JOBS_SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081/apis/ccompat/v7',
    });
    expect(config).toMatchObject({
      cdcTopicPrefix: 'shop-eu.cdc',
      deadLetterTopic: 'jobs.dlq',
      schemaRegistryUrl: 'http://127.0.0.1:18081/apis/ccompat/v7',
    });
    expect(() =>
      loadJobsConfig({ DATABASE_URL, JOBS_CDC_TOPIC_PREFIX: 'a b', JOBS_SCHEMA_REGISTRY_URL: 'ftp://x' }),
    ).toThrow(expect.objectContaining({ keys: ['JOBS_CDC_TOPIC_PREFIX', 'JOBS_SCHEMA_REGISTRY_URL'] }));
  });

  it('reads the session timeout, at least the broker minimum of 6 s', () => {
    expect(loadJobsConfig({ DATABASE_URL, JOBS_SESSION_TIMEOUT_MS: '6000' }).sessionTimeoutMs).toBe(6_000);
    expect(() => loadJobsConfig({ DATABASE_URL, JOBS_SESSION_TIMEOUT_MS: '500' })).toThrow(
      /JOBS_SESSION_TIMEOUT_MS: must be at least 6000/,
    );
  });

  it('reads LOG_LEVEL and JOBS_METRICS_PORT (0 = any free port, off = no server), naming a bad one', () => {
    expect(loadJobsConfig({ DATABASE_URL, LOG_LEVEL: 'debug', JOBS_METRICS_PORT: '0' })).toMatchObject({
      logLevel: 'debug',
      metricsPort: 0,
    });
    expect(loadJobsConfig({ DATABASE_URL, JOBS_METRICS_PORT: 'off' }).metricsPort).toBeNull();
    expect(loadJobsConfig({ DATABASE_URL, JOBS_METRICS_PORT: ' ' }).metricsPort).toBe(9464);
    expect(() => loadJobsConfig({ DATABASE_URL, LOG_LEVEL: 'loud', JOBS_METRICS_PORT: '70000' })).toThrow(
      expect.objectContaining({ keys: ['LOG_LEVEL', 'JOBS_METRICS_PORT'] }),
    );
    expect(() => loadJobsConfig({ DATABASE_URL, JOBS_METRICS_PORT: 'http' })).toThrow(
      /JOBS_METRICS_PORT: must be a TCP port \(0-65535, 0 = any free port\) or off/,
    );
    expect(() => loadJobsConfig({ DATABASE_URL, LOG_LEVEL: 'loud' })).toThrow(
      /LOG_LEVEL: must be one of fatal, error/,
    );
  });

  it('reads the early-results keys (off when unset; either or both), naming a bad one', () => {
    expect(loadJobsConfig({ DATABASE_URL, JOBS_EARLY_RESULTS_EVERY_EVENTS: '1000' }).earlyResults).toEqual({
      everyEvents: 1_000,
    });
    expect(
      loadJobsConfig({
        DATABASE_URL,
        JOBS_EARLY_RESULTS_EVERY_EVENTS: '500',
        JOBS_EARLY_RESULTS_INTERVAL_MS: '5000',
      }).earlyResults,
    ).toEqual({ everyEvents: 500, everyMs: 5_000 });
    expect(loadJobsConfig({ DATABASE_URL, JOBS_EARLY_RESULTS_INTERVAL_MS: ' ' }).earlyResults).toEqual({});
    expect(() =>
      loadJobsConfig({
        DATABASE_URL,
        JOBS_EARLY_RESULTS_EVERY_EVENTS: '0',
        JOBS_EARLY_RESULTS_INTERVAL_MS: '1.5',
      }),
    ).toThrow(
      expect.objectContaining({
        keys: ['JOBS_EARLY_RESULTS_EVERY_EVENTS', 'JOBS_EARLY_RESULTS_INTERVAL_MS'],
      }),
    );
    expect(() => loadJobsConfig({ DATABASE_URL, JOBS_EARLY_RESULTS_INTERVAL_MS: 'often' })).toThrow(
      /JOBS_EARLY_RESULTS_INTERVAL_MS: must be a positive integer \(milliseconds\) or unset/,
    );
  });

  it('requires DATABASE_URL', () => {
    expect(() => loadJobsConfig({ DATABASE_URL: '  ' })).toThrow(/DATABASE_URL: is required/);
  });
});
