/**
 * Laws every mergeable aggregate must keep, checked on fast-check scenarios: the elements are split into chunks,
 * some chunks go through a snapshot round trip (toJSON → JSON.stringify → parse → fromJSON) halfway through, and
 * the chunk accumulators (plus an empty one) are merged pairwise in a random order and tree shape. The merged
 * result must equal the sequential fold's (associativity, commutativity, `create()` as identity), and `merge`
 * must never change its second argument.
 */
import fc from 'fast-check';
import type { AggregateFunction } from '../src/index.js';

/** Elements, chunk cut points, merge picks and which chunks take a snapshot round trip. */
export interface Scenario<V> {
  values: V[];
  cuts: number[];
  picks: number[];
  json: boolean[];
}

/** Scenarios over elements drawn from `value`. */
export function scenario<V>(value: fc.Arbitrary<V>, maxLength = 40): fc.Arbitrary<Scenario<V>> {
  return fc.record({
    values: fc.array(value, { maxLength }),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 16 }),
    json: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  });
}

/** Adds `values` to `acc` (default: a fresh accumulator). */
export function fold<V, A, R>(fn: AggregateFunction<V, A, R>, values: readonly V[], acc: A = fn.create()): A {
  for (const v of values) acc = fn.add(acc, v);
  return acc;
}

/** The snapshot path: `fromJSON(JSON.parse(JSON.stringify(toJSON(acc))))`. */
export function roundTrip<V, A, R>(fn: AggregateFunction<V, A, R>, acc: A): A {
  const json: unknown = JSON.parse(JSON.stringify(fn.toJSON ? fn.toJSON(acc) : acc));
  return fn.fromJSON ? fn.fromJSON(json) : (json as A);
}

const snapshotText = <V, A, R>(fn: AggregateFunction<V, A, R>, acc: A): string => JSON.stringify(fn.toJSON ? fn.toJSON(acc) : acc);

/** Checks the laws on one scenario and returns the (agreed) result. */
export function checkLaws<V, A, R>(fn: AggregateFunction<V, A, R>, s: Scenario<V>): R {
  const sequential = fn.result(fold(fn, s.values));
  const n = s.values.length;
  const bounds = [...new Set(s.cuts.map((c) => c % (n + 1)))].sort((a, b) => a - b);
  const chunks: V[][] = [];
  let from = 0;
  for (const b of [...bounds, n]) {
    chunks.push(s.values.slice(from, b));
    from = b;
  }
  const pool = chunks.map((chunk, i) => {
    if (!s.json[i % s.json.length]) return fold(fn, chunk);
    const half = chunk.length >> 1;
    return fold(fn, chunk.slice(half), roundTrip(fn, fold(fn, chunk.slice(0, half))));
  });
  pool.push(fn.create());
  let p = 0;
  while (pool.length > 1) {
    const i = s.picks[p++ % s.picks.length] % pool.length;
    let j = s.picks[p++ % s.picks.length] % (pool.length - 1);
    if (j >= i) j++;
    const b = pool[j];
    const before = snapshotText(fn, b);
    pool[i] = fn.merge(pool[i], b);
    expect(snapshotText(fn, b)).toBe(before);
    pool.splice(j, 1);
  }
  expect(fn.result(pool[0])).toEqual(sequential);
  return sequential;
}
