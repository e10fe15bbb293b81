import { JobRuntimeError } from '../errors.js';
import type { JobResult } from '../stream-job.js';
import { jsonProblem, textProblem } from './json-text.js';
import { compareResultIds, latestById, resultIdJson } from './result-id.js';
import { assertResults } from './validate-results.js';

const id = { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' };
const ok: JobResult = {
  topic: 'statistics_revenue',
  id,
  value: { total_revenue: '10.00', lines: [1, 'a', null] },
};

describe('jsonProblem', () => {
  it.each<[string, unknown, string | null]>([
    ['plain JSON', { a: [1, 'x', true, null, { b: -0.5 }] }, null],
    ['NaN', { avg: Number.NaN }, 'v.avg is NaN, not JSON'],
    ['Infinity in an array', [1, Number.POSITIVE_INFINITY], 'v[1] is Infinity, not JSON'],
    ['undefined', { a: undefined }, 'v.a is undefined, not JSON'],
    ['a bigint', { n: 1n }, 'v.n is a bigint, not JSON'],
    ['a Date', { at: new Date(0) }, 'v.at is a Date, not a plain object'],
    ['a Map', new Map(), 'v is a Map, not a plain object'],
    ['a NUL', { s: 'a\u0000b' }, 'v.s contains a NUL character'],
    ['a lone surrogate', ['\ud800x'], 'v[0] contains a lone UTF-16 surrogate'],
    ['a bad key', { ['k\u0000']: 1 }, 'v has a key that contains a NUL character'],
  ])('%s', (_what, value, expected) => {
    expect(jsonProblem(value, 'v')).toBe(expected);
  });

  it('accepts surrogate pairs and null-prototype objects, refuses absurd nesting', () => {
    expect(textProblem('🛒 giỏ hàng')).toBeNull();
    expect(jsonProblem(Object.assign(Object.create(null), { a: 1 }), 'v')).toBeNull();
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = [deep];
    expect(jsonProblem(deep, 'v')).toMatch(/nested deeper than 256 levels/);
  });
});

describe('assertResults', () => {
  it('accepts results and retractions', () => {
    expect(() => assertResults([ok, { ...ok, value: null }], 'revenue')).not.toThrow();
  });

  it.each<[string, unknown, RegExp]>([
    ['an empty topic', { ...ok, topic: '' }, /result 0: topic must be a non-empty string/],
    ['no id', { ...ok, id: undefined }, /has no id/],
    ['an empty key', { ...ok, id: { ...id, key: '' } }, /id.key must be a non-empty string/],
    [
      'a fractional window',
      { ...ok, id: { ...id, windowStart: 0.5 } },
      /id.windowStart must be an integer epoch-ms/,
    ],
    [
      'a window beyond PostgreSQL',
      { ...ok, id: { ...id, windowStart: -3e14 } },
      /between 4714 BC and 275760 AD/,
    ],
    ['an empty window', { ...ok, id: { ...id, windowEnd: 0 } }, /windowEnd must be after id.windowStart/],
    ['an array value', { ...ok, value: [1] }, /value must be an object, or null to retract/],
    ['a float that is NaN', { ...ok, value: { aov: Number.NaN } }, /value.aov is NaN/],
    ['another job', { ...ok, id: { ...id, job: 'fraud' } }, /belongs to job "fraud", not "revenue"/],
  ])('refuses %s with INVALID_RESULT naming it', (_what, bad, message) => {
    let error: unknown;
    try {
      assertResults([ok, bad as JobResult], 'revenue');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobRuntimeError);
    expect(error).toMatchObject({ code: 'INVALID_RESULT', raw: bad });
    expect((error as Error).message.replace('result 1', 'result 0')).toMatch(message);
  });
});

describe('result ids', () => {
  it('have one canonical JSON, whatever the field order of the object', () => {
    const shuffled = { key: 'all', windowEnd: 60_000, job: 'revenue', windowStart: 0 };
    expect(resultIdJson(shuffled)).toBe('{"job":"revenue","windowStart":0,"windowEnd":60000,"key":"all"}');
    expect(resultIdJson(shuffled)).toBe(resultIdJson(id));
  });

  it('latestById keeps the last value per id, in the order ids last appeared', () => {
    const other = { ...ok, id: { ...id, key: 'vip' } };
    expect(latestById([ok, other, { ...ok, value: null }])).toEqual([other, { ...ok, value: null }]);
  });

  it('compareResultIds orders by job, window, then key in code-unit order', () => {
    const r = (job: string, windowStart: number, windowEnd: number, key: string): JobResult => ({
      topic: 't',
      id: { job, windowStart, windowEnd, key },
      value: null,
    });
    const sorted = [
      r('a', 0, 60, 'b'),
      r('a', 0, 60, 'B'),
      r('a', 0, 30, 'z'),
      r('a', -5, 0, 'z'),
      r('0', 9, 10, 'z'),
    ]
      .sort(compareResultIds)
      .map((x) => `${x.id.job}:${x.id.windowStart}:${x.id.windowEnd}:${x.id.key}`);
    expect(sorted).toEqual(['0:9:10:z', 'a:-5:0:z', 'a:0:30:z', 'a:0:60:B', 'a:0:60:b']);
  });
});
