import { WindowingError } from '../errors.js';
import { describe } from '../time.js';
import type { AggregateFunction } from './window-function.js';

/**
 * The parts of a composite aggregate: a name per figure. Parts' element types must agree (`unknown` parts such
 * as `count()` fit any).
 *
 * @example
 * const parts: AggregateParts = { orders: count(), revenue: decimalSum((o: { total: string }) => o.total) };
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AggregateParts = Record<string, AggregateFunction<any, any, any>>;

type InputOf<F> = F extends AggregateFunction<infer V, infer _A, infer _R> ? V : never;
type ToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * The element type a composite accepts: the intersection of its parts' element types.
 *
 * @example
 * type Order = PartsInput<{ revenue: AggregateFunction<{ total: string }, DecimalSumState, string> }>; // { total: string }
 */
export type PartsInput<P extends AggregateParts> = ToIntersection<{ [K in keyof P]: InputOf<P[K]> }[keyof P]>;

/**
 * The result of a composite: one field per part, with that part's result type.
 *
 * @example
 * type Figures = PartsResult<{ orders: AggregateFunction<unknown, number, number> }>; // { orders: number }
 */
export type PartsResult<P extends AggregateParts> = { [K in keyof P]: P[K] extends AggregateFunction<infer _V, infer _A, infer R> ? R : never };

/**
 * Several aggregates over the same elements at once, e.g. a revenue window's order count, revenue, average
 * order value and unique customers. The accumulator is an array of the parts' accumulators (in the order of
 * `parts`' keys); the result an object with one field per part; snapshots an object of the parts' `toJSON`
 * values by name. Commutative (sliced sliding windows) when every part is.
 *
 * A bad element changes no figure: every part's `validate` runs before any part's `add` (all built-ins have
 * one; a custom part without it that throws from `add` leaves the parts before it updated). The one error
 * `validate` cannot foresee is a {@link topN} total passing 2^53 − 1.
 *
 * @example
 * const figures = aggregates({
 *   orders: count(),
 *   revenue: decimalSum((o: { total: string; customer: string }) => o.total),
 *   averageOrder: decimalAverage((o: { total: string }) => o.total, { scale: 2 }),
 *   customers: countDistinct((o: { customer: string }) => o.customer),
 * });
 * const op = createWindowOperator({ assigner: tumbling({ size: 60_000 }), aggregate: figures });
 * op.onElement('shop-1', { total: '129.90', customer: 'c-7' }, 1_000);
 */
export function aggregates<P extends AggregateParts>(parts: P): AggregateFunction<PartsInput<P>, unknown[], PartsResult<P>> {
  if (typeof parts !== 'object' || parts === null) {
    throw new WindowingError('INVALID_CONFIG', `aggregates needs an object of aggregates, got ${describe(parts)}`);
  }
  const names = Object.keys(parts);
  const fns = names.map((name) => {
    const fn = parts[name];
    if (typeof fn !== 'object' || fn === null || typeof fn.add !== 'function' || typeof fn.merge !== 'function') {
      throw new WindowingError('INVALID_CONFIG', `aggregates: part ${JSON.stringify(name)} is not an aggregate function`);
    }
    return fn;
  });
  if (fns.length === 0) throw new WindowingError('INVALID_CONFIG', 'aggregates needs at least one part');
  if (names.includes('__proto__')) throw new WindowingError('INVALID_CONFIG', 'aggregates: a part may not be named "__proto__"');
  const k = fns.length;
  const checks = fns.flatMap((fn) => (fn.validate ? [fn.validate.bind(fn) as (value: unknown) => void] : []));
  const toJSONs = fns.map((fn) => (fn.toJSON ? (fn.toJSON.bind(fn) as (acc: unknown) => unknown) : undefined));
  const fromJSONs = fns.map((fn) => (fn.fromJSON ? (fn.fromJSON.bind(fn) as (json: unknown) => unknown) : undefined));
  const validate = (value: PartsInput<P>): void => {
    for (let i = 0; i < checks.length; i++) checks[i](value);
  };
  return {
    create: () => fns.map((fn) => fn.create()),
    add: (acc, value) => {
      validate(value);
      for (let i = 0; i < k; i++) acc[i] = fns[i].add(acc[i], value);
      return acc;
    },
    merge: (a, b) => {
      for (let i = 0; i < k; i++) a[i] = fns[i].merge(a[i], b[i]);
      return a;
    },
    result: (acc) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < k; i++) out[names[i]] = fns[i].result(acc[i]);
      return out as PartsResult<P>;
    },
    commutative: fns.every((fn) => fn.commutative === true),
    validate,
    toJSON: (acc) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < k; i++) {
        const toJSON = toJSONs[i];
        out[names[i]] = toJSON ? toJSON(acc[i]) : acc[i];
      }
      return out;
    },
    fromJSON: (json) => {
      if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new WindowingError('INVALID_SNAPSHOT', `aggregates snapshot must be an object of parts, got ${describe(json)}`);
      }
      const parts = json as Record<string, unknown>;
      return names.map((name, i) => {
        if (!Object.prototype.hasOwnProperty.call(parts, name)) {
          throw new WindowingError('INVALID_SNAPSHOT', `aggregates snapshot lacks part ${JSON.stringify(name)}`);
        }
        const fromJSON = fromJSONs[i];
        return fromJSON ? fromJSON(parts[name]) : parts[name];
      });
    },
  };
}
