import { SHOP_TABLE_NAMES, isShopTableName, type ShopTableName } from '@ecom/domain';
import { z } from 'zod';
import { parseEnv } from '../../runtime/config/parse-env.js';
import type { ChangeLogRollPolicy } from './changelog-runner.js';

const positive = (fallback: number) =>
  z.coerce.number({ error: 'must be a positive integer' }).int().min(1).default(fallback);

const schema = z.object({
  LAKE_CHANGELOG_SOURCE: z
    .enum(['kafka', 'pgoutput'], { error: 'must be kafka or pgoutput' })
    .default('kafka'),
  LAKE_CHANGELOG_TABLES: z
    .string()
    .default(SHOP_TABLE_NAMES.join(','))
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .refine((names) => names.length > 0 && names.every(isShopTableName), {
      error: `must be shop tables separated by commas (${SHOP_TABLE_NAMES.join(', ')})`,
    }),
  LAKE_CHANGELOG_MAX_RECORDS: positive(10_000),
  LAKE_CHANGELOG_MAX_BYTES: positive(16 * 1024 * 1024),
  LAKE_CHANGELOG_ROLL_MS: positive(60_000),
  LAKE_CHANGELOG_SLOT: z
    .string()
    .regex(/^[a-z0-9_]{1,63}$/, 'must be a replication slot name ([a-z0-9_], ≤ 63 characters)')
    .default('ecom_lake_changelog'),
});

/**
 * The change-log job's own settings (the jobs' and the lake's common keys come from `loadJobsConfig` and
 * `loadLakeConfig`).
 *
 * @example
 * const config: ChangeLogConfig = loadChangeLogConfig({ LAKE_CHANGELOG_SOURCE: 'pgoutput' });
 */
export interface ChangeLogConfig {
  /** `kafka`: the Debezium (or built-in source's) CDC topics; `pgoutput`: the slot, in process (no Kafka). */
  readonly source: 'kafka' | 'pgoutput';
  readonly tables: readonly ShopTableName[];
  readonly roll: ChangeLogRollPolicy;
  /** The replication slot and publication of the pgoutput source. */
  readonly slot: string;
}

/**
 * Reads `LAKE_CHANGELOG_*` from the environment.
 *
 * @throws `JobsConfigError` (`INVALID_CONFIG`) naming every bad key.
 *
 * @example
 * loadChangeLogConfig({}).roll; // { maxRecords: 10000, maxBytes: 16777216, maxAgeMs: 60000 }
 */
export function loadChangeLogConfig(env: Readonly<Record<string, string | undefined>>): ChangeLogConfig {
  const c = parseEnv(schema, env, 'lake-changelog');
  return {
    source: c.LAKE_CHANGELOG_SOURCE,
    tables: c.LAKE_CHANGELOG_TABLES as ShopTableName[],
    roll: {
      maxRecords: c.LAKE_CHANGELOG_MAX_RECORDS,
      maxBytes: c.LAKE_CHANGELOG_MAX_BYTES,
      maxAgeMs: c.LAKE_CHANGELOG_ROLL_MS,
    },
    slot: c.LAKE_CHANGELOG_SLOT,
  };
}
