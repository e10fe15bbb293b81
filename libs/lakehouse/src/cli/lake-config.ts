import { z } from 'zod';
import { LakehouseError } from '../errors.js';
import { DEFAULT_CHANGE_LOG_PREFIX } from '../changelog/changelog-files.js';
import { DEFAULT_LAKE_PREFIX } from '../snapshots.js';

const url = (protocols: RegExp) => z.url({ protocol: protocols });
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const identifier = (fallback: string) =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default(fallback);

const folders = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'must be folder names separated by /')
    .default(fallback);
const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const EnvSchema = z.object({
  LAKE_DATABASE_URL: url(/^postgres(ql)?$/).default('postgres://postgres@127.0.0.1:55432/ecom'),
  LAKE_S3_ENDPOINT: url(/^https?$/).default('http://127.0.0.1:19000'),
  LAKE_S3_REGION: z.string().min(1).default('us-east-1'),
  LAKE_DIR: z.string().min(1).optional(),
  LAKE_S3_ACCESS_KEY: z.string().min(1).optional(),
  LAKE_S3_SECRET_KEY: z.string().min(1).optional(),
  LAKE_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/, 'must be an S3 bucket name')
    .default('lake'),
  LAKE_PREFIX: folders(DEFAULT_LAKE_PREFIX),
  LAKE_CHANGELOG_PREFIX: folders(DEFAULT_CHANGE_LOG_PREFIX),
  TRINO_URL: url(/^https?$/).default('http://127.0.0.1:18080'),
  LAKE_TRINO_CATALOG: identifier('lake'),
  LAKE_TRINO_SCHEMA: identifier('shop'),
  LAKE_TRINO_USER: z.string().min(1).default('ecom-lake'),
  LAKE_SNAPSHOT_GRACE_MINUTES: z.coerce.number().nonnegative().default(60),
  LAKE_FETCH_ROWS: positiveInt(50_000),
  LAKE_FILE_ROWS: positiveInt(250_000),
  LAKE_MARTS_SCHEMA: identifier('marts'),
  LAKE_MARTS_PREFIX: folders('marts'),
  LAKE_SHOP_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone (e.g. Asia/Ho_Chi_Minh)')
    .default('Asia/Ho_Chi_Minh'),
});

/**
 * The validated settings of `npm run lake`.
 *
 * @example
 * const config: LakeConfig = loadLakeConfig({ LAKE_S3_ACCESS_KEY: 'k', LAKE_S3_SECRET_KEY: 's' });
 */
export interface LakeConfig {
  /** PostgreSQL to export from (LAKE_DATABASE_URL, else DATABASE_URL). */
  readonly databaseUrl: string;
  /**
   * A lake on local disk instead of S3 (LAKE_DIR): `export` writes the same snapshot folders and manifests under it
   * (read them with DuckDB); `register` and `marts` need S3 and Trino and refuse. `null`: S3.
   */
  readonly dir: string | null;
  readonly s3: {
    readonly endpoint: string;
    readonly region: string;
    readonly accessKey: string;
    readonly secretKey: string;
    readonly bucket: string;
  };
  /** Folder of the tables in the bucket (default `data_postgres`, the original's). */
  readonly prefix: string;
  /** Folder of the streaming change logs in the bucket (LAKE_CHANGELOG_PREFIX, default `changelog`). */
  readonly changeLogPrefix: string;
  readonly trino: {
    readonly url: string;
    readonly catalog: string;
    readonly schema: string;
    readonly user: string;
  };
  readonly graceMs: number;
  /** Rows per FETCH from Postgres. */
  readonly fetchRows: number;
  /** Rows per Parquet file (one row group). */
  readonly fileRows: number;
  /** Where `lake marts build` writes: Trino schema (LAKE_MARTS_SCHEMA, `marts`) and S3 folder (LAKE_MARTS_PREFIX). */
  readonly marts: { readonly schema: string; readonly prefix: string };
  /** The shop's calendar zone for days and months (LAKE_SHOP_TIME_ZONE, `Asia/Ho_Chi_Minh`). */
  readonly timeZone: string;
}

/**
 * Reads the lake settings from the environment. The S3 keys fall back to the local stack's
 * (ECOM_STACK_S3_ACCESS_KEY / ECOM_STACK_S3_SECRET_KEY), the database URL to DATABASE_URL.
 *
 * @throws {@link LakehouseError} `INVALID_CONFIG` whose message starts with the bad key (`env LAKE_S3_ENDPOINT: …`).
 *
 * @example
 * loadLakeConfig({ LAKE_S3_ACCESS_KEY: 'k', LAKE_S3_SECRET_KEY: 's' }).prefix; // 'data_postgres'
 * loadLakeConfig({ LAKE_S3_ACCESS_KEY: 'k', LAKE_S3_SECRET_KEY: 's', TRINO_URL: 'nope' }); // throws "env TRINO_URL: …"
 */
export function loadLakeConfig(env: Readonly<Record<string, string | undefined>>): LakeConfig {
  const value = (key: string, ...fallbacks: string[]) => {
    for (const k of [key, ...fallbacks]) if (env[k] !== undefined && env[k] !== '') return env[k];
    return undefined;
  };
  const picked: Record<string, string | undefined> = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((k) => [k, value(k)]),
  );
  picked['LAKE_DATABASE_URL'] = value('LAKE_DATABASE_URL', 'DATABASE_URL');
  picked['LAKE_S3_ACCESS_KEY'] = value('LAKE_S3_ACCESS_KEY', 'ECOM_STACK_S3_ACCESS_KEY');
  picked['LAKE_S3_SECRET_KEY'] = value('LAKE_S3_SECRET_KEY', 'ECOM_STACK_S3_SECRET_KEY');
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LakehouseError('INVALID_CONFIG', `env ${String(issue.path[0] ?? '?')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.LAKE_DIR === undefined)
    for (const [key, what] of [
      ['LAKE_S3_ACCESS_KEY', 'access key'],
      ['LAKE_S3_SECRET_KEY', 'secret key'],
    ] as const)
      if (e[key] === undefined)
        throw new LakehouseError(
          'INVALID_CONFIG',
          `env ${key}: required (the S3 ${what}; or LAKE_DIR for a lake on local disk)`,
        );
  return {
    databaseUrl: e.LAKE_DATABASE_URL,
    dir: e.LAKE_DIR ?? null,
    s3: {
      endpoint: e.LAKE_S3_ENDPOINT.replace(/\/+$/, ''),
      region: e.LAKE_S3_REGION,
      accessKey: e.LAKE_S3_ACCESS_KEY ?? '',
      secretKey: e.LAKE_S3_SECRET_KEY ?? '',
      bucket: e.LAKE_S3_BUCKET,
    },
    prefix: e.LAKE_PREFIX,
    changeLogPrefix: e.LAKE_CHANGELOG_PREFIX,
    trino: {
      url: e.TRINO_URL.replace(/\/+$/, ''),
      catalog: e.LAKE_TRINO_CATALOG,
      schema: e.LAKE_TRINO_SCHEMA,
      user: e.LAKE_TRINO_USER,
    },
    graceMs: Math.round(e.LAKE_SNAPSHOT_GRACE_MINUTES * 60_000),
    fetchRows: e.LAKE_FETCH_ROWS,
    fileRows: e.LAKE_FILE_ROWS,
    marts: { schema: e.LAKE_MARTS_SCHEMA, prefix: e.LAKE_MARTS_PREFIX },
    timeZone: e.LAKE_SHOP_TIME_ZONE,
  };
}
