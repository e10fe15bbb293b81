import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/** Every service the stack can run, in dependency (start) order. */
export const SERVICE_NAMES = ['postgres', 'kafka', 'connect', 'registry', 's3', 'trino'] as const;

/** One of {@link SERVICE_NAMES}. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * Versions actually used (what the Maven Central mirror serves; see infra/README.md).
 *
 * @example
 * ```ts
 * console.log(VERSIONS.kafka); // '4.3.1'
 * ```
 */
export const VERSIONS = {
  postgres: '15',
  kafka: '4.3.1',
  log4j: '2.25.4',
  debezium: '3.6.1.Final',
  apicurio: '3.3.3',
  apicurioConverter: '2.6.13.Final',
  s3proxy: '3.3.0',
  trino: '483',
} as const;

const port = z.coerce.number().int().min(1024).max(65535);

const envSchema = z.object({
  ECOM_STACK_DIR: z.string().min(1).optional(),
  ECOM_STACK_CACHE_DIR: z.string().min(1).optional(),
  ECOM_STACK_POSTGRES_PORT: port.default(55432),
  ECOM_STACK_KAFKA_PORT: port.default(19092),
  ECOM_STACK_KAFKA_CONTROLLER_PORT: port.default(19093),
  ECOM_STACK_CONNECT_PORT: port.default(18083),
  ECOM_STACK_REGISTRY_PORT: port.default(18081),
  ECOM_STACK_S3_PORT: port.default(19000),
  ECOM_STACK_TRINO_PORT: port.default(18080),
  ECOM_STACK_S3_ACCESS_KEY: z.string().min(3).default('ecom-stack'),
  ECOM_STACK_S3_SECRET_KEY: z.string().min(8).default('ecom-stack-local-only'),
  ECOM_STACK_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{2,62}$/).default('lake'),
  ECOM_STACK_JAVA17_HOME: z.string().min(1).optional(),
  ECOM_STACK_JAVA25_HOME: z.string().min(1).default('/usr/lib/jvm/temurin-25-jdk-amd64'),
  ECOM_STACK_PG_BIN: z.string().min(1).default('/usr/lib/postgresql/15/bin'),
  ECOM_STACK_START_TIMEOUT_MS: z.coerce.number().int().positive().default(180_000),
});

/** Resolved settings of one stack instance (ports, folders, credentials for the throw-away services). */
export interface StackConfig {
  readonly repoRoot: string;
  readonly stackDir: string;
  readonly cacheDir: string;
  readonly ports: {
    readonly postgres: number;
    readonly kafka: number;
    readonly kafkaController: number;
    readonly connect: number;
    readonly registry: number;
    readonly s3: number;
    readonly trino: number;
  };
  readonly s3: { readonly accessKey: string; readonly secretKey: string; readonly bucket: string };
  readonly java17Home: string | undefined;
  readonly java25Home: string;
  readonly pgBin: string;
  readonly startTimeoutMs: number;
}

/**
 * Finds the monorepo root (the folder with nx.json) from a start folder upwards.
 *
 * @example
 * ```ts
 * const root = findRepoRoot(process.cwd());
 * ```
 */
export function findRepoRoot(from: string): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'nx.json')) && existsSync(join(dir, 'infra', 'stack'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repo root (nx.json + infra/stack) above ${from}`);
    dir = parent;
  }
}

/**
 * Reads and validates the stack settings from env; an invalid key is named in the error.
 *
 * @example
 * ```ts
 * const cfg = loadStackConfig({ ...process.env, ECOM_STACK_KAFKA_PORT: '29092' });
 * cfg.ports.kafka; // 29092
 * ```
 */
export function loadStackConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): StackConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid stack env: ${issues}`);
  }
  const e = parsed.data;
  const repoRoot = findRepoRoot(env['ECOM_REPO_ROOT'] ?? cwd);
  const cfg: StackConfig = {
    repoRoot,
    stackDir: resolve(e.ECOM_STACK_DIR ?? join(repoRoot, '.stack')),
    cacheDir: resolve(e.ECOM_STACK_CACHE_DIR ?? join(homedir(), '.cache', 'ecom-stack')),
    ports: {
      postgres: e.ECOM_STACK_POSTGRES_PORT,
      kafka: e.ECOM_STACK_KAFKA_PORT,
      kafkaController: e.ECOM_STACK_KAFKA_CONTROLLER_PORT,
      connect: e.ECOM_STACK_CONNECT_PORT,
      registry: e.ECOM_STACK_REGISTRY_PORT,
      s3: e.ECOM_STACK_S3_PORT,
      trino: e.ECOM_STACK_TRINO_PORT,
    },
    s3: { accessKey: e.ECOM_STACK_S3_ACCESS_KEY, secretKey: e.ECOM_STACK_S3_SECRET_KEY, bucket: e.ECOM_STACK_S3_BUCKET },
    java17Home: e.ECOM_STACK_JAVA17_HOME,
    java25Home: e.ECOM_STACK_JAVA25_HOME,
    pgBin: e.ECOM_STACK_PG_BIN,
    startTimeoutMs: e.ECOM_STACK_START_TIMEOUT_MS,
  };
  const used = new Map<number, string>();
  for (const [name, p] of Object.entries(cfg.ports)) {
    const other = used.get(p);
    if (other) throw new Error(`invalid stack env: ports of ${other} and ${name} are both ${p}`);
    used.set(p, name);
  }
  return cfg;
}
