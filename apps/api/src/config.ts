import { z } from 'zod';

/** The API's environment, validated once at start-up. */
export const apiConfigSchema = z.object({
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
});

/** Validated API configuration. */
export type ApiConfig = z.infer<typeof apiConfigSchema>;

/** Raised when the environment is missing a key or holds a bad value; the message names every bad key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly keys: string[], message: string) {
    super(message);
  }
}

/**
 * Reads and validates the API configuration from an environment object.
 *
 * @example
 * loadApiConfig({ API_PORT: '8080' }); // → { API_HOST: '127.0.0.1', API_PORT: 8080 }
 * loadApiConfig({ API_PORT: 'x' });    // throws ConfigError: "API_PORT: Invalid input: expected number, received NaN"
 */
export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  const parsed = apiConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const keys = parsed.error.issues.map((issue) => issue.path.join('.'));
  throw new ConfigError(keys, `invalid configuration:\n  ${lines.join('\n  ')}`);
}
