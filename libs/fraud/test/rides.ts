/** Test data shared by the conformance specs: seeded taxi rides for the Flink dynamic-rules vector. */

/** One ride of the dynamic-rules demo's stream. */
export type Ride = { taxiId: number; driverId: number; totalFare: string; eventTime: number; seq: number };

/** Seeded rides in event-time order (ties allowed), a few keys, fares with two decimals. */
export function rides(seed: number, n: number): Ride[] {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
  let t = Date.UTC(2026, 0, 1);
  return Array.from({ length: n }, (_, seq) => {
    t += Math.floor(next() * 4) * 60_000 * (next() < 0.5 ? 0 : 1) + Math.floor(next() * 90_000);
    const cents = Math.floor(next() * 4000);
    return {
      taxiId: 1 + Math.floor(next() * 3),
      driverId: 1 + Math.floor(next() * 2),
      totalFare: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      eventTime: t,
      seq,
    };
  });
}
