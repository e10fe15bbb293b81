import { loadChangeLogConfig } from './changelog-config.js';
import { lakeChangeLogJob } from './lake-changelog-job.js';

describe('loadChangeLogConfig', () => {
  it('defaults: Kafka, every shop table, 10 000 changes / 16 MiB / 60 s per roll', () => {
    const config = loadChangeLogConfig({});
    expect(config.source).toBe('kafka');
    expect(config.tables).toHaveLength(10);
    expect(config.roll).toEqual({ maxRecords: 10_000, maxBytes: 16 * 1024 * 1024, maxAgeMs: 60_000 });
    expect(config.slot).toBe('ecom_lake_changelog');
  });

  it('reads the keys; empty values count as unset', () => {
    const config = loadChangeLogConfig({
      LAKE_CHANGELOG_SOURCE: 'pgoutput',
      LAKE_CHANGELOG_TABLES: 'orders, payments',
      LAKE_CHANGELOG_MAX_RECORDS: '250',
      LAKE_CHANGELOG_ROLL_MS: '',
    });
    expect(config).toMatchObject({ source: 'pgoutput', tables: ['orders', 'payments'] });
    expect(config.roll).toMatchObject({ maxRecords: 250, maxAgeMs: 60_000 });
  });

  it('names every bad key, never its value', () => {
    let message = '';
    try {
      loadChangeLogConfig({
        LAKE_CHANGELOG_SOURCE: 'kinesis',
        LAKE_CHANGELOG_TABLES: 'orders,nope',
        LAKE_CHANGELOG_MAX_BYTES: '-1',
        LAKE_CHANGELOG_SLOT: 'Bad-Slot',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const key of [
      'LAKE_CHANGELOG_SOURCE',
      'LAKE_CHANGELOG_TABLES',
      'LAKE_CHANGELOG_MAX_BYTES',
      'LAKE_CHANGELOG_SLOT',
    ])
      expect(message).toContain(`${key}: `);
    expect(message).not.toContain('kinesis');
  });

  it('the job refuses to start without what its source needs, naming the key, before connecting anywhere', async () => {
    const base = {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      LAKE_S3_ACCESS_KEY: 'k',
      LAKE_S3_SECRET_KEY: 's',
    };
    await expect(lakeChangeLogJob(base).start()).rejects.toThrow(
      /KAFKA_BROKERS: is required with LAKE_CHANGELOG_SOURCE=kafka/,
    );
    await expect(
      lakeChangeLogJob({ DATABASE_URL: base.DATABASE_URL, LAKE_CHANGELOG_SOURCE: 'pgoutput' }).start(),
    ).rejects.toThrow(/env LAKE_S3_ACCESS_KEY: required/);
  });
});
