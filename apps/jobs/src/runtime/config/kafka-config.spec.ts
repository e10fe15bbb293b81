import { JobsConfigError } from '../errors.js';
import { loadKafkaConfig } from './kafka-config.js';

describe('loadKafkaConfig', () => {
  it('needs only the Kafka keys (no DATABASE_URL)', () => {
    expect(loadKafkaConfig({ KAFKA_BROKERS: ' 127.0.0.1:9092, [::1]:9093 ' })).toEqual({
      kafkaBrokers: ['127.0.0.1:9092', '[::1]:9093'],
      kafkaClientId: 'ecom-jobs',
      schemaRegistryUrl: null,
    });
    expect(
      loadKafkaConfig({
        KAFKA_BROKERS: 'kafka:19092',
        JOBS_KAFKA_CLIENT_ID: 'peek',
        JOBS_SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081',
        DATABASE_URL: 'not a url: never read',
      }),
    ).toEqual({
      kafkaBrokers: ['kafka:19092'],
      kafkaClientId: 'peek',
      schemaRegistryUrl: 'http://127.0.0.1:18081',
    });
  });

  it('names a missing or bad key, zod-validated', () => {
    let error: unknown;
    try {
      loadKafkaConfig({ KAFKA_BROKERS: '  ' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobsConfigError);
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', keys: ['KAFKA_BROKERS'] });
    expect((error as Error).message).toMatch(/KAFKA_BROKERS: is required \(e\.g\. 127\.0\.0\.1:9092\)/);
    expect(() =>
      loadKafkaConfig({ KAFKA_BROKERS: 'localhost', JOBS_SCHEMA_REGISTRY_URL: 'ftp://x' }),
    ).toThrow(expect.objectContaining({ keys: ['KAFKA_BROKERS', 'JOBS_SCHEMA_REGISTRY_URL'] }));
  });
});
