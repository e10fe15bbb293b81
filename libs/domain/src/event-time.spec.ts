import fc from 'fast-check';
import { isDomainError } from './errors.js';
import { fromEpochMicros, fromEpochMillis, toEpochMicros, toEpochMillis } from './event-time.js';

const invalidTime = (fn: () => unknown): void => {
  try {
    fn();
  } catch (error) {
    expect(isDomainError(error, 'invalid_time')).toBe(true);
    return;
  }
  throw new Error('expected DomainError invalid_time');
};

describe('toEpochMillis', () => {
  it('reads ISO instants with Z or an offset', () => {
    expect(toEpochMillis('1970-01-01T00:00:00Z')).toBe(0);
    expect(toEpochMillis('2025-01-31T17:00:00+07:00')).toBe(Date.UTC(2025, 0, 31, 10));
    expect(toEpochMillis('2025-01-31T17:00:00.123456+07:00')).toBe(Date.UTC(2025, 0, 31, 10, 0, 0, 123));
    expect(toEpochMillis('2025-01-31 03:30:00-0530')).toBe(Date.UTC(2025, 0, 31, 9));
    expect(toEpochMillis('2025-01-31 10:00:00.5+00')).toBe(Date.UTC(2025, 0, 31, 10, 0, 0, 500));
    expect(toEpochMillis('2024-02-29T00:00:00z')).toBe(Date.UTC(2024, 1, 29));
    expect(toEpochMillis('2262-04-11T23:47:16.854775Z')).toBe(Date.UTC(2262, 3, 11, 23, 47, 16, 854));
    expect(toEpochMillis('1900-01-01T00:00:00.000000Z')).toBe(Date.UTC(1900, 0, 1));
    expect(toEpochMillis('0001-01-01T00:00:00Z')).toBe(new Date('0001-01-01T00:00:00Z').getTime());
  });

  it('truncates fractions towards the past, also before 1970', () => {
    expect(toEpochMillis('1969-12-31T23:59:59.9999Z')).toBe(-1);
    expect(toEpochMillis('1970-01-01T00:00:00.0009Z')).toBe(0);
  });

  it('agrees with Date for every millisecond instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        expect(toEpochMillis(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });

  it('passes Dates and epoch milliseconds through', () => {
    expect(toEpochMillis(new Date(1_738_317_600_123))).toBe(1_738_317_600_123);
    expect(toEpochMillis(-5)).toBe(-5);
  });

  it('refuses ambiguous and invalid input with invalid_time', () => {
    invalidTime(() => toEpochMillis('2025-01-31T17:00:00'));
    invalidTime(() => toEpochMillis('2025-01-31'));
    invalidTime(() => toEpochMillis('2025-02-30T00:00:00Z'));
    invalidTime(() => toEpochMillis('2023-02-29T00:00:00Z'));
    invalidTime(() => toEpochMillis('2025-01-31T24:00:00Z'));
    invalidTime(() => toEpochMillis('2025-01-31T10:60:00Z'));
    invalidTime(() => toEpochMillis('2025-01-31T10:00:60Z'));
    invalidTime(() => toEpochMillis('2025-01-31T10:00:00+24:00'));
    invalidTime(() => toEpochMillis('2025-01-31T10:00:00.1234567890Z'));
    invalidTime(() => toEpochMillis('yesterday'));
    invalidTime(() => toEpochMillis(new Date(Number.NaN)));
    invalidTime(() => toEpochMillis(1.5));
    invalidTime(() => toEpochMillis(Number.POSITIVE_INFINITY));
    invalidTime(() => toEpochMillis(8.64e15 + 1));
    invalidTime(() => toEpochMillis({} as never));
  });

  it('says why, and keeps the value', () => {
    try {
      toEpochMillis('2025-01-31 17:00');
    } catch (error) {
      expect((error as Error).message).toMatch(/no offset/);
      expect((error as { raw?: unknown }).raw).toBe('2025-01-31 17:00');
    }
  });
});

describe('fromEpochMillis', () => {
  it('prints the ISO UTC string and round-trips', () => {
    expect(fromEpochMillis(1_738_317_600_123)).toBe('2025-01-31T10:00:00.123Z');
    expect(toEpochMillis(fromEpochMillis(-1))).toBe(-1);
    invalidTime(() => fromEpochMillis(Number.NaN));
    invalidTime(() => fromEpochMillis(0.5));
  });
});

describe('epoch microseconds', () => {
  it('keeps six fraction digits', () => {
    expect(toEpochMicros('2025-01-31T10:00:00.123456Z')).toBe(1_738_317_600_123_456);
    expect(toEpochMicros('2025-01-31T17:00:00.1234567+07:00')).toBe(1_738_317_600_123_456);
    expect(toEpochMicros('1969-12-31T23:59:59.999999Z')).toBe(-1);
    expect(toEpochMicros(new Date(1))).toBe(1000);
    expect(fromEpochMicros(1_738_317_600_123_456)).toBe('2025-01-31T10:00:00.123456Z');
    expect(fromEpochMicros(-1)).toBe('1969-12-31T23:59:59.999999Z');
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9_007_199_254_740_991, max: 9_007_199_254_740_991 }), (us) => {
        expect(toEpochMicros(fromEpochMicros(us))).toBe(us);
      }),
    );
  });

  it('refuses instants beyond the exact number range instead of rounding', () => {
    invalidTime(() => toEpochMicros('2262-04-11T23:47:16.854775Z'));
    invalidTime(() => toEpochMicros('2025-01-31T10:00:00'));
    invalidTime(() => fromEpochMicros(2 ** 53));
    invalidTime(() => toEpochMicros(5 as never));
  });
});
