// The workspace's seeded generator for test data (libs/cdc/test, not published): reused, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { rng as seededRandom } from '../../../../libs/cdc/test/fixtures.js';
import { fullJitterDelay } from './backoff.js';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('spaces takes by 1/rate and refills with time, up to the burst', () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSec: 2, burst: 2, clock: { now: () => now } });
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 500, 1_000]);
    now = 10_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 500]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket({ ratePerSec: 0, clock: { now: () => 0 } })).toThrow(RangeError);
  });
});

describe('fullJitterDelay', () => {
  it('stays below min(max, base * 2^(attempt-1)) and covers the range', () => {
    const random = seededRandom(1);
    const delays = Array.from({ length: 1_000 }, () =>
      fullJitterDelay(4, { baseMs: 100, maxMs: 500, random }),
    );
    expect(Math.max(...delays)).toBeLessThan(500);
    expect(Math.max(...delays)).toBeGreaterThan(450);
    expect(Math.min(...delays)).toBeLessThan(50);
    expect(fullJitterDelay(1, { baseMs: 100, maxMs: 500, random: () => 0.999 })).toBe(99);
  });
});
