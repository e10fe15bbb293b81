/**
 * The `lake` CLI run in-process on the real stack with main.ts's wiring (`lakeServices`), and the env that points
 * it at a spec's own database, prefix and Trino schema.
 */
import { lakeServices } from '../src/cli/lake-services.js';
import { runLakeCli } from '../src/cli/run-lake-cli.js';
import { LAKE_STACK } from './lake-stack.js';

/** The CLI env of a spec: the stack's S3 and Trino, the spec's database, prefix and schema, then `extra`. */
export function lakeCliEnv(
  own: { databaseUrl: string; prefix: string; schema: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    LAKE_DATABASE_URL: own.databaseUrl,
    LAKE_S3_ENDPOINT: `http://127.0.0.1:${LAKE_STACK.s3.port}`,
    LAKE_S3_ACCESS_KEY: LAKE_STACK.s3.accessKey,
    LAKE_S3_SECRET_KEY: LAKE_STACK.s3.secretKey,
    LAKE_S3_BUCKET: LAKE_STACK.s3.bucket,
    LAKE_PREFIX: own.prefix,
    TRINO_URL: `http://127.0.0.1:${LAKE_STACK.trinoPort}`,
    LAKE_TRINO_SCHEMA: own.schema,
    ...extra,
  };
}

/** Runs `lake <argv>` in-process; resolves to its exit code and output. */
export async function runLake(
  argv: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runLakeCli(argv, {
    env,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    services: lakeServices,
  });
  return { code, stdout, stderr };
}
