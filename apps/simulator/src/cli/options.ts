import { InvalidArgumentError } from 'commander';
import { z } from 'zod';

/**
 * A commander option parser for an integer in [min, max] (zod-validated; a bad value is a clear usage error).
 *
 * @example
 * program.option('--products <n>', 'products to create', intOption(0, 10_000_000), 200);
 */
export function intOption(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  const schema = z.coerce.number().int().min(min).max(max);
  return (value) => {
    const parsed = /^-?\d+$/.test(value.trim()) ? schema.safeParse(value) : undefined;
    if (!parsed?.success) throw new InvalidArgumentError(`Expected an integer from ${min} to ${max}.`);
    return parsed.data;
  };
}

/**
 * A commander option parser for a finite number in (min, max] (e.g. minutes, events per second).
 *
 * @example
 * program.option('--duration <min>', 'run length in minutes', numberOption(0, 10_080), 5);
 */
export function numberOption(exclusiveMin: number, max: number): (value: string) => number {
  const schema = z.coerce.number().gt(exclusiveMin).lte(max);
  return (value) => {
    const parsed = /^\d+(\.\d+)?$/.test(value.trim()) ? schema.safeParse(value) : undefined;
    if (!parsed?.success)
      throw new InvalidArgumentError(`Expected a number greater than ${exclusiveMin} and at most ${max}.`);
    return parsed.data;
  };
}

/**
 * A commander option parser for a seed: a non-negative integer or any non-empty text.
 *
 * @example
 * program.option('--seed <s>', 'PRNG seed', seedOption, '42');
 */
export function seedOption(value: string): string {
  const seed = value.trim();
  if (seed === '' || seed.length > 200)
    throw new InvalidArgumentError('Expected a non-empty seed (at most 200 characters).');
  return seed;
}

/**
 * A commander option parser for an ISO-8601 instant with a time zone (`2026-01-31T00:00:00Z`).
 *
 * @example
 * program.option('--until <iso>', 'end of history', instantOption);
 */
export function instantOption(value: string): Date {
  const parsed = z.iso.datetime({ offset: true }).safeParse(value.trim());
  if (!parsed.success)
    throw new InvalidArgumentError(
      'Expected an ISO-8601 time with Z or an offset, e.g. 2026-01-31T00:00:00Z.',
    );
  return new Date(parsed.data);
}
