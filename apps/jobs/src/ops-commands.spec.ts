import { opsFromEnv } from './ops-commands.js';

describe('opsFromEnv', () => {
  it('topics peek needs only the Kafka keys: a missing one is named, DATABASE_URL never asked for', async () => {
    const peek = (env: Record<string, string>) =>
      opsFromEnv(env).peek('statistics_revenue', { fromBeginning: true, limit: 1 }, () => undefined);
    await expect(peek({})).rejects.toMatchObject({ code: 'INVALID_CONFIG', keys: ['KAFKA_BROKERS'] });
    await expect(peek({ KAFKA_BROKERS: 'kafka' })).rejects.toThrow(
      /KAFKA_BROKERS: must be a comma-separated list of host:port/,
    );
    await expect(
      peek({ KAFKA_BROKERS: '127.0.0.1:9092', JOBS_SCHEMA_REGISTRY_URL: 'x' }),
    ).rejects.toMatchObject({
      keys: ['JOBS_SCHEMA_REGISTRY_URL'],
    });
  });
});
