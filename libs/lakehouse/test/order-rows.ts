/**
 * Seeded order rows as node-postgres and the CDC decoder hand them over: int4 ids as numbers, money as exact
 * strings, timestamps as ISO-8601 strings with microseconds. For the writer benchmark and the volume tests.
 */
import fc from 'fast-check';

const STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
const BASE_US = Date.UTC(2026, 10, 1) * 1000;
const THIRTY_DAYS_US = 30 * 86_400 * 1_000_000;

function isoMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  return `${new Date(ms).toISOString().slice(0, -1)}${String(us - ms * 1000).padStart(3, '0')}Z`;
}

/** `count` order rows from `seed`: 100 K customers, totals 0.01–99,999,999.99 VND, 30 days of order dates. */
export function orderRows(count: number, seed = 42): Record<string, unknown>[] {
  const order = fc.record({
    at: fc.integer({ min: 0, max: THIRTY_DAYS_US - 1 }),
    cents: fc.integer({ min: 1, max: 9_999_999_999 }),
    customer: fc.integer({ min: 1, max: 100_000 }),
    status: fc.constantFrom(...STATUSES),
    updatedAfter: fc.integer({ min: 0, max: 3_600_000_000 }),
  });
  // fast-check as the seeded generator (unbiased: uniform values, not its edge cases): same seed, same rows.
  return fc.sample(fc.noBias(order), { seed, numRuns: count }).map((o, i) => {
    const created = isoMicros(BASE_US + o.at);
    return {
      order_id: i + 1,
      customer_id: o.customer,
      order_date: created,
      total_price: `${Math.floor(o.cents / 100)}.${String(o.cents % 100).padStart(2, '0')}`,
      status: o.status,
      created_at: created,
      updated_at: isoMicros(BASE_US + o.at + o.updatedAfter),
    };
  });
}
