import { WindowingError } from '../errors.js';
import type { Key } from '../operator/results.js';
import { describe } from '../time.js';
import type {
  ListState,
  MapState,
  StateDescriptor,
  StateDescriptors,
  StateViews,
  ValueState,
} from './state-descriptors.js';

/**
 * Everything one key holds: a slot per state descriptor (value, `Map` or array; undefined when empty) and how many
 * timers it has pending, so a key with neither is dropped. The first slot is a field of the entry (one memory hop
 * less per state access on the hot path: most operators declare one state); the others are in `rest`.
 *
 * @example
 * const entry: KeyEntry<string> = { key: 'c1', first: undefined, rest: undefined, used: 0, timers: 1 };
 */
export interface KeyEntry<K> {
  readonly key: K;
  /** Slot 0. */
  first: unknown;
  /** Slots 1…n−1 (undefined with a single descriptor). */
  readonly rest: unknown[] | undefined;
  /** Non-empty slots. */
  used: number;
  /** Pending event- and processing-time timers. */
  timers: number;
}

/**
 * A key's state in a snapshot: `[key, { stateName: json }]` (empty states left out; map state as `[mapKey, value]`
 * pairs, list state as an array, every value through the descriptor's `toJSON`).
 *
 * @example
 * const e: KeyedStateEntry = ['c1', { lastSmall: { ts: 1000, cents: '1250' }, seen: [['o1', 1000]] }];
 */
export type KeyedStateEntry = [Key, Record<string, unknown>];

const identity = (x: unknown): unknown => x;

/** Slot `i` of an entry. */
const slotOf = <K>(e: KeyEntry<K>, i: number): unknown => (i === 0 ? e.first : (e.rest as unknown[])[i - 1]);

/**
 * Keyed state (Flink's keyed state backend, in memory): per-key slots for the declared descriptors, and the state
 * handles (`views`) bound to the current key, which the operator sets before each call into user code. Handles
 * throw `INVALID_STATE` when used outside such a call.
 *
 * @example
 * const store = new KeyedStateStore<string, { count: ValueStateDescriptor<number> }>({ count: valueState<number>() });
 * store.enter('c1');
 * store.views.count.update((store.views.count.value() ?? 0) + 1);
 * store.leave();
 */
export class KeyedStateStore<K extends Key, S extends StateDescriptors> {
  readonly entries = new Map<K, KeyEntry<K>>();
  readonly views: StateViews<S>;
  private readonly names: string[];
  private readonly descriptors: StateDescriptor[];
  private currentKey: K | undefined;
  private current: KeyEntry<K> | undefined;
  private active = false;

  constructor(descriptors: S) {
    if (descriptors === null || typeof descriptors !== 'object') {
      throw new WindowingError(
        'INVALID_CONFIG',
        `options.state must be an object of state descriptors, got ${describe(descriptors)}`,
      );
    }
    this.names = Object.keys(descriptors);
    this.descriptors = this.names.map((name) => {
      const d = descriptors[name];
      if (
        d === null ||
        typeof d !== 'object' ||
        (d.kind !== 'value' && d.kind !== 'map' && d.kind !== 'list')
      ) {
        throw new WindowingError(
          'INVALID_CONFIG',
          `state "${name}" must come from valueState(), mapState() or listState()`,
        );
      }
      return d;
    });
    const views: Record<string, unknown> = {};
    this.descriptors.forEach((d, i) => {
      views[this.names[i]] =
        d.kind === 'value' ? this.valueView(i) : d.kind === 'map' ? this.mapView(i) : this.listView(i);
    });
    this.views = views as StateViews<S>;
  }

  /** `{ stateName: kind }`, for snapshot configs. */
  layout(): Record<string, StateDescriptor['kind']> {
    return Object.fromEntries(this.names.map((n, i) => [n, this.descriptors[i].kind]));
  }

  /** Binds the handles to `key` (its entry is created on the first write). */
  enter(key: K, entry: KeyEntry<K> | undefined = this.entries.get(key)): void {
    this.currentKey = key;
    this.current = entry;
    this.active = true;
  }

  /** Unbinds the handles; drops the key's entry when it holds no state and no timers. */
  leave(): void {
    const e = this.current;
    if (e !== undefined && e.used === 0 && e.timers === 0) this.entries.delete(e.key);
    this.current = undefined;
    this.currentKey = undefined;
    this.active = false;
  }

  /** The current key's entry, if it has one. */
  currentEntry(): KeyEntry<K> | undefined {
    if (!this.active)
      throw new WindowingError(
        'INVALID_STATE',
        'keyed state and timers are only available inside processElement and onTimer',
      );
    return this.current;
  }

  /** The current key's entry, created if needed (timers and writes). */
  ensure(): KeyEntry<K> {
    if (!this.active)
      throw new WindowingError(
        'INVALID_STATE',
        'keyed state and timers are only available inside processElement and onTimer',
      );
    let e = this.current;
    if (e === undefined) {
      const key = this.currentKey as K;
      e = this.newEntry(key);
      this.entries.set(key, e);
      this.current = e;
    }
    return e;
  }

  /** Held values: value states, map entries and list elements over all keys. */
  values(): number {
    let n = 0;
    for (const e of this.entries.values()) {
      this.descriptors.forEach((d, i) => {
        const slot = slotOf(e, i);
        if (slot === undefined) return;
        n +=
          d.kind === 'map'
            ? (slot as Map<Key, unknown>).size
            : d.kind === 'list'
              ? (slot as unknown[]).length
              : 1;
      });
    }
    return n;
  }

  /** One snapshot entry per key, in key insertion order; `index` receives each entry's position. */
  snapshot(index?: Map<KeyEntry<K>, number>): KeyedStateEntry[] {
    const out: KeyedStateEntry[] = [];
    for (const e of this.entries.values()) {
      const state: Record<string, unknown> = {};
      this.descriptors.forEach((d, i) => {
        const slot = slotOf(e, i);
        if (slot === undefined) return;
        const toJSON = (d.toJSON ?? identity) as (v: unknown) => unknown;
        state[this.names[i]] =
          d.kind === 'value'
            ? toJSON(slot)
            : d.kind === 'map'
              ? [...(slot as Map<Key, unknown>)].map(([k, v]) => [k, toJSON(v)])
              : (slot as unknown[]).map(toJSON);
      });
      index?.set(e, out.length);
      out.push([e.key, state]);
    }
    return out;
  }

  /** Replaces every key's state with snapshot entries; returns the entries in snapshot order (for timers). */
  restore(entries: readonly KeyedStateEntry[]): KeyEntry<K>[] {
    const next = new Map<K, KeyEntry<K>>();
    const restored: KeyEntry<K>[] = [];
    for (const item of entries) {
      if (
        !Array.isArray(item) ||
        item.length !== 2 ||
        !isKey(item[0]) ||
        item[1] === null ||
        typeof item[1] !== 'object'
      ) {
        throw new WindowingError('INVALID_SNAPSHOT', `bad keyed state entry ${describe(item)}`);
      }
      const [key, state] = item as [K, Record<string, unknown>];
      if (next.has(key)) throw new WindowingError('INVALID_SNAPSHOT', `key ${describe(key)} appears twice`);
      const e = this.newEntry(key);
      for (const [name, json] of Object.entries(state)) {
        const i = this.names.indexOf(name);
        if (i < 0)
          throw new WindowingError('INVALID_SNAPSHOT', `unknown state "${name}" for key ${describe(key)}`);
        this.setSlot(e, i, this.decode(this.descriptors[i], name, json));
        e.used++;
      }
      next.set(key, e);
      restored.push(e);
    }
    this.entries.clear();
    for (const [key, e] of next) this.entries.set(key, e);
    return restored;
  }

  clear(): void {
    this.entries.clear();
  }

  private newEntry(key: K): KeyEntry<K> {
    const n = this.descriptors.length;
    return {
      key,
      first: undefined,
      rest: n > 1 ? new Array<unknown>(n - 1).fill(undefined) : undefined,
      used: 0,
      timers: 0,
    };
  }

  private setSlot(e: KeyEntry<K>, i: number, value: unknown): void {
    if (i === 0) e.first = value;
    else (e.rest as unknown[])[i - 1] = value;
  }

  private decode(d: StateDescriptor, name: string, json: unknown): unknown {
    const fromJSON = (d.fromJSON ?? identity) as (j: unknown) => unknown;
    if (d.kind === 'value') return fromJSON(json);
    if (!Array.isArray(json) || json.length === 0)
      throw new WindowingError('INVALID_SNAPSHOT', `state "${name}" must be a non-empty array`);
    if (d.kind === 'list') return json.map(fromJSON);
    const map = new Map<Key, unknown>();
    for (const pair of json) {
      if (!Array.isArray(pair) || pair.length !== 2 || !isKey(pair[0]))
        throw new WindowingError('INVALID_SNAPSHOT', `bad entry in map state "${name}"`);
      map.set(pair[0], fromJSON(pair[1]));
    }
    return map;
  }

  /** The current slot `i`, or undefined (reads never create an entry). */
  private read(i: number): unknown {
    if (!this.active)
      throw new WindowingError(
        'INVALID_STATE',
        'keyed state is only available inside processElement and onTimer',
      );
    const e = this.current;
    return e === undefined ? undefined : i === 0 ? e.first : (e.rest as unknown[])[i - 1];
  }

  private write(i: number, value: unknown): void {
    const e = this.ensure();
    const had = slotOf(e, i) !== undefined;
    this.setSlot(e, i, value);
    if (had !== (value !== undefined)) e.used += had ? -1 : 1;
  }

  private valueView(i: number): ValueState<unknown> {
    return {
      value: () => this.read(i),
      update: (value) => this.write(i, value),
      clear: () => {
        if (this.read(i) !== undefined) this.write(i, undefined);
      },
    };
  }

  private mapView(i: number): MapState<Key, unknown> {
    const map = (): Map<Key, unknown> | undefined => this.read(i) as Map<Key, unknown> | undefined;
    const store = this; // eslint-disable-line @typescript-eslint/no-this-alias
    return {
      get: (k) => map()?.get(k),
      put: (k, v) => {
        if (!isKey(k))
          throw new WindowingError(
            'INVALID_KEY',
            `map state keys must be strings or numbers, got ${describe(k)}`,
          );
        if (v === undefined)
          throw new WindowingError('INVALID_STATE', 'undefined is not a map state value (use remove)');
        const m = map();
        if (m === undefined) this.write(i, new Map([[k, v]]));
        else m.set(k, v);
      },
      contains: (k) => map()?.has(k) ?? false,
      remove: (k) => {
        const m = map();
        if (m !== undefined && m.delete(k) && m.size === 0) this.write(i, undefined);
      },
      entries: () => [...(map() ?? [])],
      keys: () => [...(map()?.keys() ?? [])],
      values: () => [...(map()?.values() ?? [])],
      get size() {
        return (store.read(i) as Map<Key, unknown> | undefined)?.size ?? 0;
      },
      isEmpty: () => map() === undefined,
      clear: () => {
        if (map() !== undefined) this.write(i, undefined);
      },
    };
  }

  private listView(i: number): ListState<unknown> {
    const list = (): unknown[] | undefined => this.read(i) as unknown[] | undefined;
    const store = this; // eslint-disable-line @typescript-eslint/no-this-alias
    const checked = (values: readonly unknown[]): unknown[] => {
      if (!Array.isArray(values))
        throw new WindowingError('INVALID_STATE', `list state needs an array, got ${describe(values)}`);
      if (values.includes(undefined))
        throw new WindowingError('INVALID_STATE', 'undefined is not a list state element');
      return values.slice();
    };
    return {
      get: () => list()?.slice() ?? [],
      add: (v) => {
        const [value] = checked([v]);
        const l = list();
        if (l === undefined) this.write(i, [value]);
        else l.push(value);
      },
      addAll: (vs) => {
        const values = checked(vs);
        if (values.length === 0) return;
        const l = list();
        if (l === undefined) this.write(i, values);
        else l.push(...values);
      },
      update: (vs) => {
        const values = checked(vs);
        this.write(i, values.length === 0 ? undefined : values);
      },
      get length() {
        return (store.read(i) as unknown[] | undefined)?.length ?? 0;
      },
      clear: () => {
        if (list() !== undefined) this.write(i, undefined);
      },
    };
  }
}

/**
 * Whether `k` can key state: a string or a finite number (JSON-safe, a stable `Map` key).
 *
 * @example
 * isKey('c1'); // true
 * isKey(Number.NaN); // false
 */
export function isKey(k: unknown): k is Key {
  return typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k));
}
