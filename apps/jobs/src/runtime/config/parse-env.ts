/**
 * The one way the jobs read their environment: a zod object schema over the variables, empty values unset, errors
 * that name the keys and never their values.
 */
import type { z } from 'zod';
import { JobsConfigError } from '../errors.js';

/**
 * Picks the schema's keys from `env` (an empty or blank value counts as unset) and validates them. Throws
 * `JobsConfigError` (`INVALID_CONFIG`) whose `keys` and message name every bad key and what is wrong with it;
 * `what` names the configuration in the message's first line.
 *
 * @example
 * import { z } from 'zod';
 * const schema = z.object({ PORT: z.coerce.number({ error: 'must be a number' }).default(80) });
 * parseEnv(schema, { PORT: '' }, 'demo').PORT; // 80
 * parseEnv(schema, { PORT: 'x' }, 'demo'); // throws JobsConfigError: "invalid demo configuration:\n  PORT: must be a number"
 */
export function parseEnv<S extends z.ZodObject>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
  what: string,
): z.output<S> {
  const picked = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key]?.trim() === '' ? undefined : env[key]]),
  );
  const parsed = schema.safeParse(picked);
  if (parsed.success) return parsed.data;
  const keyOf = (issue: z.core.$ZodIssue) => String(issue.path[0] ?? '?');
  const keys = [...new Set(parsed.error.issues.map(keyOf))];
  const lines = parsed.error.issues.map((issue) => `${keyOf(issue)}: ${issue.message}`);
  throw new JobsConfigError(keys, `invalid ${what} configuration:\n  ${lines.join('\n  ')}`);
}
