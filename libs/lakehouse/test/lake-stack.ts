/**
 * The stack services the lake specs need (S3Proxy and Trino): started with the workspace's one stack starter
 * (libs/cdc/test/stack-services.ts, `npm run stack -- up --only s3,trino`, which reuses running services), endpoints
 * from the same ECOM_STACK_* variables and defaults as infra/stack/stack-config.ts.
 */
import { Client } from 'minio';
import presto from 'presto-client';
// The workspace's one stack starter for integration specs (libs/cdc/test, not published): reused, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startStack } from '../../cdc/test/stack-services.js';

const env = process.env;

export const LAKE_STACK = {
  s3: {
    port: Number(env['ECOM_STACK_S3_PORT'] ?? 19000),
    accessKey: env['ECOM_STACK_S3_ACCESS_KEY'] ?? 'ecom-stack',
    secretKey: env['ECOM_STACK_S3_SECRET_KEY'] ?? 'ecom-stack-local-only',
    bucket: env['ECOM_STACK_S3_BUCKET'] ?? 'lake',
  },
  trinoPort: Number(env['ECOM_STACK_TRINO_PORT'] ?? 18080),
};

/** Starts (or reuses) s3 and trino; a failure throws with the stack's output (integration specs never skip). */
export function startLakeStack(): void {
  startStack(['s3', 'trino']);
}

/** A minio client on the stack's S3Proxy. */
export function lakeS3Client(): Client {
  const { port, accessKey, secretKey } = LAKE_STACK.s3;
  return new Client({
    endPoint: '127.0.0.1',
    port,
    useSSL: false,
    accessKey,
    secretKey,
    region: 'us-east-1',
    pathStyle: true,
  });
}

/** Runs one statement on the stack's Trino (presto-client, engine 'trino', catalog `lake`) and returns every row. */
export function trinoRows(query: string): Promise<unknown[][]> {
  const client = new presto.Client({
    host: '127.0.0.1',
    port: LAKE_STACK.trinoPort,
    user: 'ecom-lakehouse-it',
    engine: 'trino',
    catalog: 'lake',
    checkInterval: 200,
  });
  const rows: unknown[][] = [];
  return new Promise((resolvePromise, reject) => {
    client.execute({
      query,
      data: (_e, data) => rows.push(...data),
      success: (err) => (err ? reject(new Error(String(err))) : resolvePromise(rows)),
      error: (err) => {
        const e = err as { message?: string; error?: { message?: string } };
        reject(new Error(`trino: ${e.message ?? e.error?.message ?? JSON.stringify(err)} — ${query}`));
      },
    });
  });
}
