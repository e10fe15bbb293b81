import { WindowingError } from '../errors.js';
import { assertInteger, describe } from '../time.js';
import {
  MAX_DECIMAL_SCALE,
  assertRoundingMode,
  decimalScale,
  decimalUnits,
  divideRounded,
  formatDecimal,
  pow10,
  type RoundingMode,
} from './decimal.js';
import type { AggregateFunction } from './window-function.js';

/**
 * Accumulator of {@link decimalSum}: the exact sum as an unscaled bigint at the largest scale seen so far
 * (`'1.5' + '2.25'` → `{ units: 375n, scale: 2 }`). `add` and `merge` update it in place; snapshots hold it as a
 * decimal string (`'3.75'`, whose fraction digits keep the scale).
 *
 * @example
 * const acc: DecimalSumState = { units: 12990n, scale: 2 }; // '129.90'
 */
export interface DecimalSumState {
  units: bigint;
  scale: number;
}

/**
 * Accumulator of {@link decimalAverage}: the exact sum and the element count. Snapshots hold
 * `{ sum: '12.30', count: 3 }`.
 *
 * @example
 * const acc: DecimalAverageState = { units: 1230n, scale: 2, count: 3 }; // average '4.10'
 */
export interface DecimalAverageState extends DecimalSumState {
  count: number;
}

/**
 * Options of {@link decimalAverage}: the result's scale (fraction digits, 0 to {@link MAX_DECIMAL_SCALE}) and how
 * the quotient is rounded to it (default `half-even`).
 *
 * @example
 * const options: DecimalAverageOptions = { scale: 2, rounding: 'half-up' };
 */
export interface DecimalAverageOptions {
  readonly scale: number;
  readonly rounding?: RoundingMode;
}

/**
 * Picks a decimal string out of an element (e.g. an order's total).
 *
 * @example
 * const total: DecimalSelector<{ total: string }> = (order) => order.total;
 */
export type DecimalSelector<V> = (value: V) => string;

/**
 * The default selector: the element itself is the decimal string.
 *
 * @example
 * decimalSum<string>(valueAsText); // same as decimalSum()
 */
export const valueAsText = <V>(value: V): string => value as unknown as string;

/** Adds `units` at `scale` into `acc`, in place, at the larger of the two scales. */
function addScaled(acc: DecimalSumState, units: bigint, scale: number): void {
  const own = acc.scale;
  if (scale === own) acc.units += units;
  else if (scale < own) acc.units += units * pow10(own - scale);
  else {
    acc.units = acc.units * pow10(scale - own) + units;
    acc.scale = scale;
  }
}

/** Parses a value through the selector and adds it; throws before touching `acc` when it is not a decimal. */
function addText(acc: DecimalSumState, text: unknown, what: string): void {
  const scale = decimalScale(text, what);
  addScaled(acc, decimalUnits(text as string, scale), scale);
}

function sumFromJSON(json: unknown, what: string): DecimalSumState {
  const scale = decimalScale(json, `${what} snapshot`, 'INVALID_SNAPSHOT');
  return { units: decimalUnits(json as string, scale), scale };
}

/**
 * Exact sum of decimal strings (money: `'129.90'`, `'45000000.00'`, or beyond 2^53): a scaled bigint inside, a
 * canonical decimal string out, at the largest scale seen (`'0.10' + '0.2'` → `'0.30'`; the sum of nothing is
 * `'0'`). Pass a selector to sum a field. A value that is not a decimal string (`'1e3'`, `''`, `' 1'`, `'NaN'`,
 * any number) throws `INVALID_DECIMAL` naming it, before the accumulator changes. Commutative, so sliding
 * windows are sliced.
 *
 * @example
 * const op = createWindowOperator({ assigner: tumbling({ size: 60_000 }), aggregate: decimalSum() });
 * op.onElement('shop-1', '129.90', 1_000);
 * const revenue = decimalSum((order: { total: string }) => order.total);
 */
export function decimalSum(): AggregateFunction<string, DecimalSumState, string>;
export function decimalSum<V>(select: DecimalSelector<V>): AggregateFunction<V, DecimalSumState, string>;
export function decimalSum<V>(select: DecimalSelector<V> = valueAsText): AggregateFunction<V, DecimalSumState, string> {
  const what = 'decimalSum';
  const format = (acc: DecimalSumState): string => formatDecimal(acc.units, acc.scale);
  return {
    create: () => ({ units: 0n, scale: 0 }),
    add: (acc, value) => {
      addText(acc, select(value), what);
      return acc;
    },
    merge: (a, b) => {
      addScaled(a, b.units, b.scale);
      return a;
    },
    result: format,
    commutative: true,
    validate: (value) => void decimalScale(select(value), what),
    toJSON: format,
    fromJSON: (json) => sumFromJSON(json, what),
  };
}

/**
 * Exact average (sum / count) of decimal strings, rounded to `options.scale` fraction digits with
 * `options.rounding` (default `half-even`, banker's rounding). `null` when nothing was added (never in a window
 * result). The sum and count are exact (bigint), so the only rounding is the final division. Bad values throw
 * `INVALID_DECIMAL` as in {@link decimalSum}; a bad scale or rounding mode throws `INVALID_CONFIG`.
 *
 * @example
 * const avgOrderValue = decimalAverage((order: { total: string }) => order.total, { scale: 2 });
 * const op = createWindowOperator({ assigner: tumbling({ size: 60_000 }), aggregate: decimalAverage({ scale: 0, rounding: 'half-up' }) });
 */
export function decimalAverage(options: DecimalAverageOptions): AggregateFunction<string, DecimalAverageState, string | null>;
export function decimalAverage<V>(
  select: DecimalSelector<V>,
  options: DecimalAverageOptions,
): AggregateFunction<V, DecimalAverageState, string | null>;
export function decimalAverage<V>(
  selectOrOptions: DecimalSelector<V> | DecimalAverageOptions,
  maybeOptions?: DecimalAverageOptions,
): AggregateFunction<V, DecimalAverageState, string | null> {
  const what = 'decimalAverage';
  const select = typeof selectOrOptions === 'function' ? selectOrOptions : valueAsText;
  const options = typeof selectOrOptions === 'function' ? maybeOptions : selectOrOptions;
  if (typeof options !== 'object' || options === null) {
    throw new WindowingError('INVALID_CONFIG', `${what} needs options { scale }, got ${describe(options)}`);
  }
  const scale = assertInteger(options.scale, `${what} scale`, 'INVALID_CONFIG', 0);
  if (scale > MAX_DECIMAL_SCALE) throw new WindowingError('INVALID_CONFIG', `${what} scale must be ≤ ${MAX_DECIMAL_SCALE}, got ${scale}`);
  const rounding = assertRoundingMode(options.rounding ?? 'half-even');
  return {
    create: () => ({ units: 0n, scale: 0, count: 0 }),
    add: (acc, value) => {
      addText(acc, select(value), what);
      acc.count++;
      return acc;
    },
    merge: (a, b) => {
      addScaled(a, b.units, b.scale);
      a.count += b.count;
      return a;
    },
    result: (acc) => {
      if (acc.count === 0) return null;
      // units / 10^acc.scale / count, expressed at `scale`: units · 10^(scale − acc.scale) / count.
      const up = scale - acc.scale;
      const n = up >= 0 ? acc.units * pow10(up) : acc.units;
      const d = up >= 0 ? BigInt(acc.count) : BigInt(acc.count) * pow10(-up);
      return formatDecimal(divideRounded(n, d, rounding), scale);
    },
    commutative: true,
    validate: (value) => void decimalScale(select(value), what),
    toJSON: (acc) => ({ sum: formatDecimal(acc.units, acc.scale), count: acc.count }),
    fromJSON: (json) => {
      const { sum, count } = (json ?? {}) as { sum?: unknown; count?: unknown };
      const acc = sumFromJSON(sum, what);
      return { ...acc, count: assertInteger(count, `${what} snapshot count`, 'INVALID_SNAPSHOT', 0) };
    },
  };
}
