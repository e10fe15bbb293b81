/**
 * The `lake` CLI's services on real infrastructure: minio for S3, presto-client (engine 'trino') for Trino, pg for
 * PostgreSQL. The composition root of the CLI (main.ts runs it; the integration specs call it in-process).
 */
// The one core file allowed to wire in pg, minio and presto-client (see eslint.config.mjs).
import { Client as MinioClient } from 'minio';
import pg from 'pg';
import presto from 'presto-client';
import { access, constants, mkdir } from 'node:fs/promises';
import {
  PRESTO_CHECK_INTERVAL_MS,
  diskObjectStore,
  minioClientOptions,
  lakePgTypes,
  minioObjectStore,
  pgShopReader,
  prestoTrino,
} from '../adapters/index.js';
import { LakehouseError } from '../errors.js';
import type { LakeConfig } from './lake-config.js';
import type { LakeServices } from './run-lake-cli.js';

const redacted = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};

/**
 * Builds the services of one `lake` run from its config; nothing connects until a command needs it.
 *
 * @example
 * import { loadLakeConfig } from './lake-config.js';
 * const services = lakeServices(loadLakeConfig(process.env));
 * await services.checkStore();
 */
export function lakeServices(config: LakeConfig): LakeServices {
  const s3 = new MinioClient(minioClientOptions(config.s3));
  const trinoUrl = new URL(config.trino.url);
  const where = `bucket ${config.s3.bucket} at ${config.s3.endpoint} (LAKE_S3_ENDPOINT, LAKE_S3_BUCKET)`;
  const dir = config.dir;
  return {
    store: dir === null ? minioObjectStore(s3, config.s3.bucket) : diskObjectStore(dir),
    async checkStore() {
      if (dir !== null) {
        try {
          await mkdir(dir, { recursive: true });
          await access(dir, constants.W_OK);
        } catch (e) {
          throw new LakehouseError(
            'STORE_FAILED',
            `cannot write the lake folder ${dir} (LAKE_DIR): ${(e as Error).message}`,
            {
              cause: e,
            },
          );
        }
        return;
      }
      let exists: boolean;
      try {
        exists = await s3.bucketExists(config.s3.bucket);
      } catch (e) {
        throw new LakehouseError('STORE_FAILED', `cannot reach ${where}: ${(e as Error).message}`, {
          cause: e,
        });
      }
      if (!exists) throw new LakehouseError('STORE_FAILED', `${where} does not exist`);
    },
    trino: prestoTrino(
      new presto.Client({
        host: trinoUrl.hostname,
        port: Number(trinoUrl.port || 80),
        user: config.trino.user,
        engine: 'trino',
        catalog: config.trino.catalog,
        checkInterval: PRESTO_CHECK_INTERVAL_MS,
      }),
      `${config.trino.url} (TRINO_URL)`,
    ),
    async openSource() {
      const client = new pg.Client({
        connectionString: config.databaseUrl,
        types: lakePgTypes(pg.types),
        connectionTimeoutMillis: 10_000,
      });
      client.on('error', () => undefined); // a dropped connection fails the next query instead
      try {
        await client.connect();
      } catch (e) {
        throw new LakehouseError(
          'POSTGRES_FAILED',
          `cannot connect to ${redacted(config.databaseUrl)} (LAKE_DATABASE_URL): ${(e as Error).message}`,
          { cause: e },
        );
      }
      const source = await pgShopReader(client);
      return {
        readTable: (table, batchRows) => source.readTable(table, batchRows),
        async close() {
          await source.close();
          await client.end();
        },
      };
    },
  };
}
