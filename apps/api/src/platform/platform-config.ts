import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseEnv } from '../config.js';

const schema = z.object({
  ECOM_DATA_DIR: z.string().min(1).default('.ecom'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\/\S+$/.test(v) && URL.canParse(v), {
      error: 'must be a postgres:// or postgresql:// URL (with wal_level=logical)',
    })
    .optional(),
  ECOM_SIMULATE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  ECOM_SIMULATE_RATE: z.coerce
    .number({ error: 'must be a number of events per second' })
    .positive({ error: 'must be a positive number of events per second' })
    .max(10_000)
    .default(3),
  ECOM_SIMULATE_SEGMENT_MINUTES: z.coerce.number().positive().max(1_440).default(5),
  ECOM_SEED: z.coerce.number({ error: 'must be an integer' }).int().min(0).default(42),
  ECOM_RECS_SCHEDULE: z.string().min(9).default('*/10 * * * *'),
});

/**
 * The settings of `npm start` (the one-command platform), from its flags and the environment (flags win). The API's
 * own keys (`PORT` 8000, `HOST` 127.0.0.1, `LOG_LEVEL`, …) are read by the API's config as usual.
 *
 * | flag             | key                             | default        | meaning                                            |
 * | ---------------- | ------------------------------- | -------------- | -------------------------------------------------- |
 * | `--data-dir`     | `ECOM_DATA_DIR`                 | `.ecom`        | the embedded PostgreSQL, logs, dead letters, models |
 * |                  | `DATABASE_URL`                  | (embedded)     | a PostgreSQL of yours instead (`wal_level=logical`) |
 * | `--no-simulate`  | `ECOM_SIMULATE`                 | `true`         | run the live shop simulation                       |
 * | `--rate`         | `ECOM_SIMULATE_RATE`            | `3`            | simulated events per second                        |
 * |                  | `ECOM_SIMULATE_SEGMENT_MINUTES` | `5`            | one simulator run (one seed, one injected fraud of each pattern) per segment |
 * | `--seed`         | `ECOM_SEED`                     | `42`           | the catalogue's seed; segment n simulates with seed + n |
 * |                  | `ECOM_RECS_SCHEDULE`            | `*／10 * * * *` | cron of recommendation training and publication     |
 *
 * @example
 * const config: PlatformConfig = loadPlatformConfig(['--rate', '5'], {});
 * config.simulateRate; // 5
 */
export interface PlatformConfig {
  /** Absolute. */
  readonly dataDir: string;
  /** `null`: the embedded PostgreSQL. */
  readonly databaseUrl: string | null;
  readonly simulate: boolean;
  readonly simulateRate: number;
  readonly segmentMinutes: number;
  readonly seed: number;
  readonly recsSchedule: string;
}

/**
 * Reads {@link PlatformConfig} from `npm start`'s flags and the environment; throws the API's `ConfigError` naming
 * the bad key (or an `Error` naming an unknown flag).
 *
 * @example
 * loadPlatformConfig(['--data-dir', '/tmp/ecom', '--no-simulate'], {}).simulate; // false
 */
export function loadPlatformConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): PlatformConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      'no-simulate': { type: 'boolean' },
    },
    strict: true,
  });
  const c = parseEnv(schema, {
    ...env,
    ...(values['data-dir'] ? { ECOM_DATA_DIR: values['data-dir'] } : {}),
    ...(values.rate ? { ECOM_SIMULATE_RATE: values.rate } : {}),
    ...(values.seed ? { ECOM_SEED: values.seed } : {}),
    ...(values['no-simulate'] ? { ECOM_SIMULATE: 'false' } : {}),
  });
  return {
    dataDir: resolve(c.ECOM_DATA_DIR),
    databaseUrl: c.DATABASE_URL ?? null,
    simulate: c.ECOM_SIMULATE === 'true',
    simulateRate: c.ECOM_SIMULATE_RATE,
    segmentMinutes: c.ECOM_SIMULATE_SEGMENT_MINUTES,
    seed: c.ECOM_SEED,
    recsSchedule: c.ECOM_RECS_SCHEDULE,
  };
}
