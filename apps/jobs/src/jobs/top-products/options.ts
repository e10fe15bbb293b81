/** Options of the top-products job, validated once when the job is built. */
import { invalidOption } from '../job-error.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * What {@link createTopProductsJob} takes: the tumbling window size (1 minute; 5 minutes and 1 hour are the other
 * sizes the original promised), how many products each ranking keeps, and how long behind the watermark a window
 * still takes corrections (event time, ms).
 *
 * @example
 * const hourly: TopProductsOptions = { windowSize: 3_600_000, n: 20, correctionHorizon: 86_400_000 };
 */
export interface TopProductsOptions {
  /** Tumbling window size in ms, default 60 000. */
  readonly windowSize?: number;
  /** Rows per ranking (quantity, revenue, trending), default 10. */
  readonly n?: number;
  /** Corrections are taken until `end − 1 + correctionHorizon ≤ watermark`; default 24 h. */
  readonly correctionHorizon?: number;
  /** Job name (checkpoints, ResultIds); default `top-products`, with the window size appended when it is not 1 minute. */
  readonly name?: string;
}

/**
 * The validated options: every field set.
 *
 * @example
 * const config: TopProductsConfig = topProductsConfig({ windowSize: 300_000 }); // name 'top-products-5m'
 */
export interface TopProductsConfig {
  readonly name: string;
  readonly windowSize: number;
  readonly n: number;
  readonly correctionHorizon: number;
}

function integer(value: unknown, option: string, min: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
  throw invalidOption('top-products', option, `an integer ≥ ${min}`, value);
}

/**
 * `top-products` for 1-minute windows, else `top-products-<size>` (`5m`, `1h`, `90s`, `1500ms`): two jobs with
 * different sizes never share a name (and so a checkpoint).
 *
 * @example
 * defaultJobName(3_600_000); // 'top-products-1h'
 */
export function defaultJobName(windowSize: number): string {
  if (windowSize === MINUTE) return 'top-products';
  const size =
    windowSize % HOUR === 0
      ? `${windowSize / HOUR}h`
      : windowSize % MINUTE === 0
        ? `${windowSize / MINUTE}m`
        : windowSize % 1000 === 0
          ? `${windowSize / 1000}s`
          : `${windowSize}ms`;
  return `top-products-${size}`;
}

/**
 * Fills in the defaults and checks the options.
 *
 * @throws JobError `INVALID_OPTION` for a size or horizon that is not a non-negative integer (size ≥ 1), an `n`
 * below 1 or an empty name.
 *
 * @example
 * topProductsConfig({}); // { name: 'top-products', windowSize: 60000, n: 10, correctionHorizon: 86400000 }
 */
export function topProductsConfig(options: TopProductsOptions = {}): TopProductsConfig {
  const windowSize = integer(options.windowSize ?? MINUTE, 'windowSize', 1);
  const n = integer(options.n ?? 10, 'n', 1);
  const correctionHorizon = integer(options.correctionHorizon ?? 24 * HOUR, 'correctionHorizon', 0);
  const name = options.name ?? defaultJobName(windowSize);
  if (typeof name !== 'string' || name === '') {
    throw invalidOption('top-products', 'name', 'a non-empty string', name);
  }
  return { name, windowSize, n, correctionHorizon };
}

/**
 * Whether a window takes no more corrections at `watermark`: `start + size − 1 + correctionHorizon ≤ watermark`.
 *
 * @example
 * isClosed(topProductsConfig({ correctionHorizon: 0 }), 0, 59_999); // true
 */
export function isClosed(config: TopProductsConfig, start: number, watermark: number): boolean {
  return start + config.windowSize - 1 + config.correctionHorizon <= watermark;
}
