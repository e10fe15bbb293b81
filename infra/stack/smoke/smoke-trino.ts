import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parquet from '@dsnp/parquetjs';
import presto from 'presto-client';
import { s3Client } from '../services/s3.js';
import type { StackConfig } from '../stack-config.js';
import { check, withTimeout, type SmokeCheck } from './smoke-check.js';

/**
 * Runs one statement through presto-client (engine 'trino') and collects all rows.
 *
 * @example
 * ```ts
 * const rows = await trinoQuery(cfg, 'SELECT 1');
 * ```
 */
export function trinoQuery(cfg: StackConfig, query: string): Promise<unknown[][]> {
  const client = new presto.Client({ host: '127.0.0.1', port: cfg.ports.trino, user: 'ecom-smoke', engine: 'trino', catalog: 'lake', checkInterval: 200 });
  const rows: unknown[][] = [];
  return withTimeout(
    new Promise((resolve, reject) => {
      client.execute({
        query,
        data: (_e, data) => rows.push(...data),
        success: (err) => (err ? reject(new Error(String(err))) : resolve(rows)),
        error: (err) => {
          const e = err as { message?: string; error?: { message?: string } };
          reject(new Error(`trino: ${e.message ?? e.error?.message ?? JSON.stringify(err)} — ${query}`));
        },
      });
    }),
    90_000,
    query,
  );
}

/**
 * presto-client with engine 'trino': SELECT 1, then a Parquet file written to S3 and read through a Hive external
 * table in catalog `lake`.
 *
 * @example
 * ```ts
 * await trinoSmoke.run(cfg, 'r1');
 * ```
 */
export const trinoSmoke: SmokeCheck = {
  name: 'trino',
  async run(cfg, runId) {
    const one = await trinoQuery(cfg, 'SELECT 1');
    check(one[0]?.[0] === 1, `SELECT 1 returned ${JSON.stringify(one)}`);

    const bucket = cfg.s3.bucket;
    const prefix = `smoke/${runId}/orders/`;
    const dir = mkdtempSync(join(tmpdir(), 'ecom-smoke-'));
    const file = join(dir, 'part-0.parquet');
    const schema = new parquet.ParquetSchema({
      id: { type: 'INT64' },
      customer: { type: 'UTF8' },
      amount: { type: 'UTF8' },
    });
    const writer = await parquet.ParquetWriter.openFile(schema, file);
    for (let i = 1; i <= 100; i++) await writer.appendRow({ id: BigInt(i), customer: `c${i % 7}`, amount: `${i}.25` });
    await writer.close();
    const s3 = s3Client(cfg);
    await s3.putObject(bucket, `${prefix}part-0.parquet`, readFileSync(file));
    rmSync(dir, { recursive: true, force: true });

    const schemaName = `smoke_${runId}`;
    try {
      await trinoQuery(cfg, `CREATE SCHEMA IF NOT EXISTS lake.${schemaName} WITH (location = 's3://${bucket}/smoke/${runId}/')`);
      await trinoQuery(
        cfg,
        `CREATE TABLE lake.${schemaName}.orders (id bigint, customer varchar, amount varchar) ` +
          `WITH (external_location = 's3://${bucket}/${prefix}', format = 'PARQUET')`,
      );
      const rows = await trinoQuery(cfg, `SELECT count(*), sum(id), count(DISTINCT customer), max(CAST(amount AS decimal(10,2))) FROM lake.${schemaName}.orders`);
      check(
        JSON.stringify(rows[0]) === JSON.stringify([100, 5050, 7, '100.25']),
        `Parquet query returned ${JSON.stringify(rows)}`,
      );
      return 'SELECT 1 + Parquet on S3 via Hive external table lake.*';
    } finally {
      await trinoQuery(cfg, `DROP TABLE IF EXISTS lake.${schemaName}.orders`).catch(() => undefined);
      await trinoQuery(cfg, `DROP SCHEMA IF EXISTS lake.${schemaName}`).catch(() => undefined);
      const keys: string[] = [];
      for await (const item of s3.listObjectsV2(bucket, `smoke/${runId}/`, true)) if ('name' in item && item.name) keys.push(item.name);
      await s3.removeObjects(bucket, keys).catch(() => undefined);
    }
  },
};
