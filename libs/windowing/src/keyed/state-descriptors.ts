import { WindowingError } from '../errors.js';
import type { Key } from '../operator/results.js';
import { describe } from '../time.js';

/**
 * How a state value travels through snapshots: `toJSON` makes it JSON-safe (bigint, Date, class instances…),
 * `fromJSON` is its inverse. Both default to the identity, so plain JSON values need nothing.
 *
 * @example
 * const cents: StateCodec<bigint> = { toJSON: (v) => v.toString(), fromJSON: (j) => BigInt(j as string) };
 */
export interface StateCodec<T> {
  readonly toJSON?: (value: T) => unknown;
  readonly fromJSON?: (json: unknown) => T;
}

/**
 * Declares a {@link ValueState} (Flink's `ValueStateDescriptor`): one value per key.
 *
 * @example
 * const lastSmallOrder: ValueStateDescriptor<{ ts: number; cents: string }> = valueState();
 */
export interface ValueStateDescriptor<T> extends StateCodec<T> {
  readonly kind: 'value';
}

/**
 * Declares a {@link MapState} (Flink's `MapStateDescriptor`): a map per key, with string or number map keys (JSON-safe).
 *
 * @example
 * const ordersByTime: MapStateDescriptor<number, number> = mapState();
 */
export interface MapStateDescriptor<MK extends Key, MV> extends StateCodec<MV> {
  readonly kind: 'map';
  /** Type marker only (never set): the map key type. */
  readonly mapKey?: MK;
}

/**
 * Declares a {@link ListState} (Flink's `ListStateDescriptor`): a list per key.
 *
 * @example
 * const recent: ListStateDescriptor<number> = listState();
 */
export interface ListStateDescriptor<T> extends StateCodec<T> {
  readonly kind: 'list';
}

/**
 * Any state descriptor.
 *
 * @example
 * const d: StateDescriptor = valueState<number>();
 */
export type StateDescriptor = ValueStateDescriptor<any> | MapStateDescriptor<any, any> | ListStateDescriptor<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The named state of a keyed process operator: state name → descriptor.
 *
 * @example
 * const state = { lastSmall: valueState<number>(), seen: mapState<string, number>() } satisfies StateDescriptors;
 */
export type StateDescriptors = Readonly<Record<string, StateDescriptor>>;

/**
 * One value per key (Flink's `ValueState`). `value()` is undefined until `update`; `update(undefined)` clears.
 *
 * @example
 * function bump(count: ValueState<number>): void {
 *   count.update((count.value() ?? 0) + 1);
 * }
 */
export interface ValueState<T> {
  value(): T | undefined;
  update(value: T | undefined): void;
  clear(): void;
}

/**
 * A map per key (Flink's `MapState`); iteration follows insertion order (kept across snapshots).
 *
 * @example
 * function remember(seen: MapState<string, number>, orderId: string, ts: number): boolean {
 *   if (seen.contains(orderId)) return false;
 *   seen.put(orderId, ts);
 *   return true;
 * }
 */
export interface MapState<MK extends Key, MV> {
  get(key: MK): MV | undefined;
  put(key: MK, value: MV): void;
  contains(key: MK): boolean;
  remove(key: MK): void;
  /** A copy of the entries, in insertion order (safe to modify the state while iterating it). */
  entries(): [MK, MV][];
  keys(): MK[];
  values(): MV[];
  readonly size: number;
  isEmpty(): boolean;
  clear(): void;
}

/**
 * A list per key (Flink's `ListState`).
 *
 * @example
 * function keepLast(recent: ListState<number>, ts: number, n: number): void {
 *   recent.update([...recent.get(), ts].slice(-n));
 * }
 */
export interface ListState<T> {
  /** A copy of the list (empty when unset). */
  get(): T[];
  add(value: T): void;
  addAll(values: readonly T[]): void;
  /** Replaces the list; an empty list clears the state. */
  update(values: readonly T[]): void;
  readonly length: number;
  clear(): void;
}

/**
 * The state handles a process function sees for its descriptors (bound to the current key).
 *
 * @example
 * type S = StateViews<{ count: ValueStateDescriptor<number> }>; // { readonly count: ValueState<number> }
 */
export type StateViews<S extends StateDescriptors> = {
  readonly [N in keyof S]: S[N] extends ValueStateDescriptor<infer T>
    ? ValueState<T>
    : S[N] extends MapStateDescriptor<infer MK, infer MV>
      ? MapState<MK, MV>
      : S[N] extends ListStateDescriptor<infer T>
        ? ListState<T>
        : never;
};

/**
 * A {@link ValueState} descriptor; pass a codec when values are not plain JSON.
 *
 * @example
 * const total = valueState<bigint>({ toJSON: (v) => v.toString(), fromJSON: (j) => BigInt(j as string) });
 */
export function valueState<T>(codec: StateCodec<T> = {}): ValueStateDescriptor<T> {
  return { kind: 'value', ...checkCodec(codec) };
}

/**
 * A {@link MapState} descriptor (map keys are strings or numbers); the codec applies to map values.
 *
 * @example
 * const firstSeen = mapState<string, number>();
 */
export function mapState<MK extends Key, MV>(codec: StateCodec<MV> = {}): MapStateDescriptor<MK, MV> {
  return { kind: 'map', ...checkCodec(codec) };
}

/**
 * A {@link ListState} descriptor; the codec applies to elements.
 *
 * @example
 * const orderTimes = listState<number>();
 */
export function listState<T>(codec: StateCodec<T> = {}): ListStateDescriptor<T> {
  return { kind: 'list', ...checkCodec(codec) };
}

function checkCodec<T>(codec: StateCodec<T>): StateCodec<T> {
  if (codec === null || typeof codec !== 'object') throw new WindowingError('INVALID_CONFIG', `a state codec must be an object, got ${describe(codec)}`);
  const { toJSON, fromJSON } = codec;
  if ((toJSON !== undefined && typeof toJSON !== 'function') || (fromJSON !== undefined && typeof fromJSON !== 'function')) {
    throw new WindowingError('INVALID_CONFIG', 'state codec toJSON/fromJSON must be functions');
  }
  return { ...(toJSON ? { toJSON } : {}), ...(fromJSON ? { fromJSON } : {}) };
}
