import type { Window } from '../window.js';

/**
 * Incremental aggregation with an accumulator (Flink's `AggregateFunction`). Functions return the new
 * accumulator, so plain numbers work. Accumulators must be JSON-safe for `snapshot()`, or provide
 * `toJSON`/`fromJSON`.
 *
 * @example
 * const average: AggregateFunction<number, { sum: number; n: number }, number> = {
 *   create: () => ({ sum: 0, n: 0 }),
 *   add: (a, v) => ({ sum: a.sum + v, n: a.n + 1 }),
 *   merge: (a, b) => ({ sum: a.sum + b.sum, n: a.n + b.n }),
 *   result: (a) => a.sum / a.n,
 * };
 */
export interface AggregateFunction<V, A, R> {
  create(): A;
  add(acc: A, value: V): A;
  /** Combines two accumulators (session merges; sliced sliding windows). May reuse `a`; must not change `b`. */
  merge(a: A, b: A): A;
  result(acc: A): R;
  /**
   * Declares that the result does not depend on the order in which elements are added and accumulators merged
   * (sum, count, min, max…; floating-point sums only up to rounding), and that `merge(create(), acc)` equals
   * `acc`. Sliding windows (size a multiple of slide, plain event-time trigger) then keep one accumulator per
   * key and slide-sized slice instead of one per window, and merge the slices when a window fires. Default false.
   */
  readonly commutative?: boolean;
  /**
   * Throws the error `add` would throw for `value` (a bad decimal, a bad key), changing nothing. Optional;
   * {@link aggregates} checks every part with it before adding to any, so a bad element changes no figure.
   */
  validate?(value: V): void;
  /** Accumulator → JSON-safe value for snapshots (default: identity). */
  toJSON?(acc: A): unknown;
  /** Inverse of `toJSON`. */
  fromJSON?(json: unknown): A;
}

/**
 * Key and window handed to a process-window function.
 *
 * @example
 * const ctx: ProcessContext<string> = { key: 'c1', window: { start: 0, end: 60_000 } };
 */
export interface ProcessContext<K> {
  readonly key: K;
  readonly window: Window;
}

/**
 * A process-window function (Flink's `ProcessWindowFunction`): sees every element of the pane at firing time.
 * Keeps all elements in state, so prefer `aggregate` or `reduce` when possible. Elements must be JSON-safe for
 * `snapshot()`.
 *
 * @example
 * const distinctProducts: ProcessWindowFunction<string, { product: string }, number> =
 *   (elements) => new Set(elements.map((e) => e.product)).size;
 */
export type ProcessWindowFunction<K, V, R> = (elements: readonly V[], context: ProcessContext<K>) => R;

/**
 * A reduce function (Flink's `ReduceFunction`): the result type is the element type.
 *
 * @example
 * const maxAmount: ReduceFunction<number> = (a, b) => (a > b ? a : b);
 */
export type ReduceFunction<V> = (a: V, b: V) => V;

/**
 * The internal, uniform view of reduce / aggregate / process used by the operator.
 *
 * @example
 * const ops = aggregateOps(sum());
 * ops.add(ops.first(1), 2); // 3
 */
export interface PaneFunction<K, V, R> {
  readonly kind: 'aggregate' | 'reduce' | 'process';
  /** Whether accumulators may be combined in any order (see {@link AggregateFunction.commutative}). */
  readonly commutative: boolean;
  /** A fresh, empty accumulator (aggregate only; otherwise undefined). */
  readonly create: (() => unknown) | undefined;
  first(value: V): unknown;
  add(acc: unknown, value: V): unknown;
  merge(a: unknown, b: unknown): unknown;
  result(acc: unknown, key: K, window: Window): R;
  toJSON(acc: unknown): unknown;
  fromJSON(json: unknown): unknown;
  /** Elements held by an accumulator (process: list length, else 1). */
  size(acc: unknown): number;
  /** Throws for an element `add` would refuse, before any state changes (aggregate only; see `AggregateFunction.validate`). */
  readonly validate: ((value: V) => void) | undefined;
}

const identity = (x: unknown): unknown => x;
const one = (): number => 1;

/**
 * Wraps an {@link AggregateFunction}.
 *
 * @example
 * aggregateOps(count()).kind; // 'aggregate'
 */
export function aggregateOps<K, V, A, R>(fn: AggregateFunction<V, A, R>): PaneFunction<K, V, R> {
  const add = fn.add;
  const create = fn.create;
  return {
    kind: 'aggregate',
    commutative: fn.commutative === true,
    create,
    first: (value) => add(create(), value),
    add: add as (acc: unknown, value: V) => unknown,
    merge: fn.merge as (a: unknown, b: unknown) => unknown,
    result: (acc) => fn.result(acc as A),
    toJSON: fn.toJSON ? (acc) => fn.toJSON!(acc as A) : identity,
    fromJSON: fn.fromJSON ? (json) => fn.fromJSON!(json) : identity,
    size: one,
    validate: fn.validate ? (value) => fn.validate!(value) : undefined,
  };
}

/**
 * Wraps a {@link ReduceFunction}.
 *
 * @example
 * reduceOps<string, number>((a, b) => a + b).add(1, 2); // 3
 */
export function reduceOps<K, V>(fn: ReduceFunction<V>): PaneFunction<K, V, V> {
  return {
    kind: 'reduce',
    commutative: false,
    create: undefined,
    first: identity,
    add: fn as (acc: unknown, value: V) => unknown,
    merge: fn as (a: unknown, b: unknown) => unknown,
    result: (acc) => acc as V,
    toJSON: identity,
    fromJSON: identity,
    size: one,
    validate: undefined,
  };
}

/**
 * Wraps a {@link ProcessWindowFunction}; the accumulator is the element list.
 *
 * @example
 * processOps<string, number, number>((xs) => xs.length).add([1], 2); // [1, 2]
 */
export function processOps<K, V, R>(fn: ProcessWindowFunction<K, V, R>): PaneFunction<K, V, R> {
  return {
    kind: 'process',
    commutative: false,
    create: undefined,
    first: (value) => [value],
    add: (acc, value) => {
      (acc as V[]).push(value);
      return acc;
    },
    merge: (a, b) => (a as V[]).concat(b as V[]),
    result: (acc, key, window) => fn(acc as V[], { key, window }),
    toJSON: (acc) => (acc as V[]).slice(),
    fromJSON: (json) => (json as V[]).slice(),
    size: (acc) => (acc as V[]).length,
    validate: undefined,
  };
}
