/**
 * The stack services the lake specs need (PostgreSQL, S3Proxy and Trino): started with the workspace's one stack starter
 * (libs/cdc/test/stack-services.ts, `npm run stack -- up --only postgres,s3,trino`, which reuses running services), endpoints
 * from the same ECOM_STACK_* variables and defaults as infra/stack/stack-config.ts.
 */
import { Client } from 'minio';
import presto from 'presto-client';
import { PRESTO_CHECK_INTERVAL_MS, prestoTrino } from '../src/adapters/index.js';
import type { TrinoQueryPort } from '../src/index.js';
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

/** Starts (or reuses) postgres, s3 and trino; a failure throws with the stack's output (integration specs never skip). */
export function startLakeStack(): void {
  startStack(['postgres', 's3', 'trino']);
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

/** The stack's Trino through the lake's own adapter (presto-client, engine 'trino', catalog `lake`). */
export function stackTrino(port = LAKE_STACK.trinoPort): TrinoQueryPort {
  const client = new presto.Client({
    host: '127.0.0.1',
    port,
    user: 'ecom-lakehouse-it',
    engine: 'trino',
    catalog: 'lake',
    checkInterval: PRESTO_CHECK_INTERVAL_MS,
  });
  return prestoTrino(client, `http://127.0.0.1:${port}`);
}

/** Runs one statement on the stack's Trino and returns every row. */
export function trinoRows(query: string): Promise<unknown[][]> {
  return stackTrino().query(query);
}

/** What Trino's CAST(... AS VARCHAR) prints for an expected value (ISO `…Z` timestamps without T and Z). */
export function asTrinoText(v: unknown): unknown {
  if (v === null) return null;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T.*Z$/.test(v)) return v.replace('T', ' ').replace('Z', '');
  return String(v);
}
