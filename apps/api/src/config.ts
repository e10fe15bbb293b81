import { z } from 'zod';

/** A bearer token as `Authorization: Bearer <token>` carries it (RFC 6750 `b64token`), 32 characters at least. */
const bearerToken = () =>
  z
    .string()
    .min(32, { message: 'must be at least 32 characters (e.g. `openssl rand -hex 32`)' })
    .max(512, { message: 'must be at most 512 characters' })
    .regex(/^[A-Za-z0-9\-._~+/]+=*$/, {
      message: 'may hold only A-Z a-z 0-9 - . _ ~ + / and trailing = (it is sent as a bearer token)',
    });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const sqlIdentifier = (fallback: string) =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default(fallback);

/**
 * The API's environment, validated once at start-up.
 *
 * | Key                   | Default     | Meaning                                                        |
 * | --------------------- | ----------- | -------------------------------------------------------------- |
 * | `DATABASE_URL`        | (required)  | `postgres://` or `postgresql://` URL of the shop database      |
 * | `PORT`                | `8000`      | TCP port (the original served 8000)                            |
 * | `HOST`                | `127.0.0.1` | interface to bind; `0.0.0.0` to expose it                      |
 * | `API_TOKEN`           | (none)      | bearer token every route but the public ones needs; none: open |
 * | `API_PII_TOKEN`       | (none)      | a second token that also sees customers' personal data         |
 * | `LOG_LEVEL`           | `info`      | pino level (`silent` turns logging off)                        |
 * | `PG_POOL_MAX`         | `10`        | connections in the pg pool                                     |
 * | `SHUTDOWN_TIMEOUT_MS` | `10000`     | hard limit for draining on SIGTERM before exiting with code 1  |
 * | `CORS_ORIGINS`        | (none)      | comma-separated origins allowed by CORS, or `*`                |
 * | `REDIS_URL`           | (none)      | `redis://` URL of the recommendations store; PostgreSQL if unset |
 * | `TRINO_URL`           | `http://127.0.0.1:18080` | Trino of the analytics routes; empty turns them off (503) |
 * | `TRINO_CATALOG`       | `lake`      | catalog of the marts (the lake CLI's `LAKE_TRINO_CATALOG`)     |
 * | `TRINO_MARTS_SCHEMA`  | `marts`     | schema of the marts (the lake CLI's `LAKE_MARTS_SCHEMA`)       |
 * | `TRINO_USER`          | `ecom-api`  | Trino user of the API's queries                                |
 *
 * @example
 * ```ts
 * apiConfigSchema.parse({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shop' }).PORT; // 8000
 * ```
 */
export const apiConfigSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'is required (e.g. postgres://postgres@127.0.0.1:5432/shop)' })
    .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
      message: 'must be a postgres:// or postgresql:// URL',
    }),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8000),
  HOST: z.string().min(1).default('127.0.0.1'),
  API_TOKEN: bearerToken().optional(),
  API_PII_TOKEN: bearerToken().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  PG_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0),
    )
    .pipe(
      z.array(
        z.union([
          z.literal('*'),
          z.string().regex(/^https?:\/\/[^/\s]+$/, { message: 'Expected origins like http://host:port' }),
        ]),
      ),
    ),
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
      message: 'must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379)',
    })
    .optional(),
  TRINO_URL: z
    .string()
    .refine((value) => value === '' || (/^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value)), {
      message:
        'must be an http:// or https:// URL (e.g. http://127.0.0.1:18080), or empty to turn analytics off',
    })
    .default('http://127.0.0.1:18080')
    .transform((value) => (value === '' ? undefined : value.replace(/\/+$/, ''))),
  TRINO_CATALOG: sqlIdentifier('lake'),
  TRINO_MARTS_SCHEMA: sqlIdentifier('marts'),
  TRINO_USER: z.string().min(1).max(200).default('ecom-api'),
});

/**
 * Validated API configuration.
 *
 * @example
 * ```ts
 * const config: ApiConfig = loadApiConfig(process.env);
 * ```
 */
export type ApiConfig = z.infer<typeof apiConfigSchema>;

/**
 * Raised when the environment is missing a key or holds a bad value; the message names every bad key.
 *
 * @example
 * ```ts
 * try { loadApiConfig({}); } catch (e) { if (e instanceof ConfigError) e.keys; } // ['DATABASE_URL']
 * ```
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly keys: string[],
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads and validates the API configuration from an environment object. Values never appear in the error message
 * (a bad `DATABASE_URL` may hold a password); only key names and what is wrong with them.
 *
 * @example
 * ```ts
 * loadApiConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/shop' }); // → { PORT: 8000, HOST: '127.0.0.1', ... }
 * loadApiConfig({ DATABASE_URL: 'postgres://x', PORT: 'x' }); // throws ConfigError "PORT: Invalid input: ..."
 * ```
 */
export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  return parseEnv(apiConfigSchema.superRefine(accessTokensRule), env);
}

/**
 * `API_PII_TOKEN` needs `API_TOKEN` (a lone personal-data token would leave every other request open) and must
 * differ from it. Checked by {@link loadApiConfig}, apart from the schema so that the schema stays pickable.
 *
 * @example
 * ```ts
 * apiConfigSchema.superRefine(accessTokensRule).safeParse({ DATABASE_URL: 'postgres://h/db', API_PII_TOKEN: 'x'.repeat(32) }).success; // false
 * ```
 */
export function accessTokensRule(
  config: { API_TOKEN?: string | undefined; API_PII_TOKEN?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (config.API_PII_TOKEN === undefined) return;
  if (config.API_TOKEN === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['API_PII_TOKEN'],
      message:
        'needs API_TOKEN: set both (API_TOKEN for every request, API_PII_TOKEN for those that may see personal data)',
    });
  else if (config.API_TOKEN === config.API_PII_TOKEN)
    ctx.addIssue({ code: 'custom', path: ['API_PII_TOKEN'], message: 'must differ from API_TOKEN' });
}

/**
 * The environment of `npm run recs` (train, evaluate, publish): the API's `DATABASE_URL` and `REDIS_URL`, and
 * `RECS_MODEL_DIR` (default `.recs/models`), where `train` writes model files and `publish` reads the newest.
 *
 * @example
 * ```ts
 * recsConfigSchema.parse({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shop' }).RECS_MODEL_DIR; // '.recs/models'
 * ```
 */
export const recsConfigSchema = apiConfigSchema
  .pick({ DATABASE_URL: true, REDIS_URL: true })
  .extend({ RECS_MODEL_DIR: z.string().min(1).default('.recs/models') });

/**
 * Validated configuration of `npm run recs`.
 *
 * @example
 * ```ts
 * const config: RecsConfig = loadRecsConfig(process.env);
 * ```
 */
export type RecsConfig = z.infer<typeof recsConfigSchema>;

/**
 * Reads and validates the configuration of `npm run recs`; a {@link ConfigError} names every bad key.
 *
 * @example
 * ```ts
 * loadRecsConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/shop', REDIS_URL: 'redis://127.0.0.1:6379' });
 * ```
 */
export function loadRecsConfig(env: Record<string, string | undefined>): RecsConfig {
  return parseEnv(recsConfigSchema, env);
}

/**
 * Validates `env` with a zod object schema; on failure throws {@link ConfigError} naming every bad key (values never
 * appear in the message).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * parseEnv(z.object({ PORT: z.coerce.number().default(8000) }), {}); // { PORT: 8000 }
 * ```
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const keys = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
  throw new ConfigError(keys, `invalid configuration:\n  ${lines.join('\n  ')}`);
}
