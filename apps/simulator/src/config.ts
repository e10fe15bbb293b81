import { z } from 'zod';
import { SimulatorError } from './errors.js';

const configSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is required' })
    .trim()
    .min(1, { error: 'DATABASE_URL is required' })
    .refine((value) => /^postgres(ql)?:\/\//.test(value) && URL.canParse(value), {
      error: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
    }),
});

/** Validated simulator configuration. */
export interface SimulatorConfig {
  /** PostgreSQL connection string of the shop database. */
  readonly databaseUrl: string;
}

/**
 * Reads and validates the simulator's environment with zod.
 *
 * @throws {@link SimulatorError} `invalid_config` naming the bad key (exit code 2).
 *
 * @example
 * loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shop' }).databaseUrl;
 * loadConfig({}); // throws "Invalid configuration: DATABASE_URL is required ..."
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): SimulatorConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message).join('; ');
    throw new SimulatorError(
      'invalid_config',
      `Invalid configuration: ${problems}. Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ecom npm run simulator -- db init`,
    );
  }
  return { databaseUrl: parsed.data.DATABASE_URL };
}
