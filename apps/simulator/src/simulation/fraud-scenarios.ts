import { toMinorUnits } from '@ecom/domain';
import type { Rng } from '../random/rng.js';
import type { ShopState, SimCustomer, SimProduct } from './shop-state.js';
import type { FraudPattern, FraudTag, SimOrderLine } from './sim-ops.js';

/** Options of `--inject-fraud`. */
export interface FraudOptions {
  /** Scenarios of each pattern (burst, high value, repeated) in the run. */
  readonly perPattern: number;
}

/** What the engine lends the fraud planner. */
export interface FraudHooks {
  placeOrder(
    at: number,
    customer: SimCustomer,
    sessionId: string,
    lines: readonly SimOrderLine[],
    fraud: FraudTag,
  ): unknown;
  schedule(at: number, task: (at: number) => void): void;
  ensureStock(at: number, product: SimProduct, quantity: number): void;
}

/**
 * The high-value threshold of the fraud rule: an order is suspicious above 10,000,000 VND (strictly).
 *
 * @example
 * HIGH_VALUE_THRESHOLD_VND; // 10000000n
 */
export const HIGH_VALUE_THRESHOLD_VND = 10_000_000n;

const BURST_MIN = 6;
const BURST_MAX = 8;
const REPEATS = 3;

/**
 * Schedules the injected fraud scenarios of a run, `perPattern` of each, at random times inside the window:
 *
 * - `burst`: 6–8 orders by one customer 2–6 s apart; odd ones (`burst-1`, `burst-3`…) inside one clock minute
 *   (caught by tumbling and sliding 1-minute windows alike), even ones straddling a minute boundary with at most 5
 *   orders in either minute (caught only by a look-back window ending at each order);
 * - `high_value`: one order whose total is strictly above 10,000,000 VND;
 * - `repeated`: the same basket (products, quantities, total) ordered 3 times a few minutes apart.
 *
 * Each scenario uses its own customer (while there are enough) and session id; stock is topped up first if needed,
 * so every scheduled order really happens. Scenarios that do not fit the window are skipped with a warning.
 *
 * @example
 * const start = Date.parse('2026-01-01T00:00:00Z');
 * planFraudScenarios(state, rng.fork('fraud'), { start, end: start + 86_400_000 }, { perPattern: 2 }, hooks);
 */
export function planFraudScenarios(
  state: ShopState,
  rng: Rng,
  window: { start: number; end: number },
  options: FraudOptions,
  hooks: FraudHooks,
): { warnings: string[] } {
  const warnings: string[] = [];
  const span = window.end - window.start;
  const customers = [...state.customers];
  if (customers.length === 0 || !state.hasActiveProducts) {
    return { warnings: ['--inject-fraud: no customers or active products, nothing injected'] };
  }
  // Fisher–Yates shuffle, so scenarios use different customers.
  for (let i = customers.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [customers[i], customers[j]] = [customers[j] as SimCustomer, customers[i] as SimCustomer];
  }
  let nextCustomer = 0;
  const takeCustomer = (): SimCustomer => customers[nextCustomer++ % customers.length] as SimCustomer;
  const repeatGap: [number, number] = span >= 2 * 3_600_000 ? [120_000, 600_000] : [8_000, 20_000];
  const durations: Record<FraudPattern, number> = {
    burst: 60_000,
    high_value: 1_000,
    repeated: REPEATS * repeatGap[1],
  };
  const patterns: FraudPattern[] = ['burst', 'high_value', 'repeated'];
  for (const pattern of patterns) {
    for (let i = 1; i <= options.perPattern; i++) {
      const scenarioId = `${pattern}-${i}`;
      const latest = window.end - durations[pattern] - 1_000;
      if (latest <= window.start) {
        warnings.push(`--inject-fraud: the run is too short for ${scenarioId}, skipped`);
        continue;
      }
      let at = window.start + rng.float(0, latest - window.start);
      if (pattern === 'burst') {
        // Odd bursts start in the first 15 s of a clock minute, so the whole burst (≤ 7 gaps of ≤ 6 s) stays in that
        // minute; even ones start 50–55 s into a minute, so they straddle the next (≥ 5 gaps of ≥ 2 s) with at most
        // 5 orders in either minute: only a look-back window catches those.
        const minute = Math.floor(at / 60_000) * 60_000;
        const placed =
          i % 2 === 1
            ? at - minute <= 15_000
              ? at
              : minute + 60_000 + rng.float(0, 10_000)
            : minute + 60_000 + 50_000 + rng.float(0, 5_000);
        if (placed + 45_000 < window.end) at = placed;
      }
      const customer = takeCustomer();
      const sessionId = rng.uuid();
      if (pattern === 'burst') {
        const count = rng.int(BURST_MIN, BURST_MAX);
        const tag: FraudTag = { pattern, scenarioId, scenarioSize: count };
        let t = at;
        for (let k = 0; k < count; k++) {
          hooks.schedule(t, (now) => {
            const product = cheapProduct(state, rng);
            hooks.ensureStock(now, product, 1);
            hooks.placeOrder(
              now,
              customer,
              sessionId,
              [{ productId: product.productId, quantity: 1, price: product.price }],
              tag,
            );
          });
          t += rng.float(2_000, 6_000);
        }
      } else if (pattern === 'high_value') {
        const tag: FraudTag = { pattern, scenarioId, scenarioSize: 1 };
        hooks.schedule(at, (now) => {
          const { product, quantity } = highValueLine(state, rng);
          hooks.ensureStock(now, product, quantity);
          hooks.placeOrder(
            now,
            customer,
            sessionId,
            [{ productId: product.productId, quantity, price: product.price }],
            tag,
          );
        });
      } else {
        const tag: FraudTag = { pattern, scenarioId, scenarioSize: REPEATS };
        let basket: SimOrderLine[] | undefined;
        let t = at;
        for (let k = 0; k < REPEATS; k++) {
          hooks.schedule(t, (now) => {
            basket ??= randomBasket(state, rng);
            for (const line of basket)
              hooks.ensureStock(now, state.products.get(line.productId) as SimProduct, line.quantity);
            hooks.placeOrder(now, customer, sessionId, basket, tag);
          });
          t += rng.float(repeatGap[0], repeatGap[1]);
        }
      }
    }
  }
  return { warnings };
}

function cheapProduct(state: ShopState, rng: Rng): SimProduct {
  const active = state.activeProducts();
  const cheap = active.filter((p) => toMinorUnits(p.price) < 200_000_000n);
  return rng.pick(cheap.length > 0 ? cheap : active);
}

function highValueLine(state: ShopState, rng: Rng): { product: SimProduct; quantity: number } {
  const active = state.activeProducts();
  const threshold = HIGH_VALUE_THRESHOLD_VND * 100n;
  const candidates = active
    .map((product) => {
      const unit = toMinorUnits(product.price);
      const quantity = unit > 0n ? Number(threshold / unit + 1n) : Infinity;
      return { product, quantity };
    })
    .filter((c) => c.quantity <= 5);
  if (candidates.length > 0) return rng.pick(candidates);
  // No product is expensive enough for 5 units: take the most expensive one in the quantity it needs.
  const top = active.reduce((a, b) => (toMinorUnits(a.price) >= toMinorUnits(b.price) ? a : b));
  const unit = toMinorUnits(top.price);
  return { product: top, quantity: unit > 0n ? Number(threshold / unit + 1n) : 1 };
}

function randomBasket(state: ShopState, rng: Rng): SimOrderLine[] {
  const size = rng.int(1, 3);
  const lines = new Map<number, SimOrderLine>();
  while (lines.size < size) {
    const product = state.sampleProduct(rng) as SimProduct;
    lines.set(product.productId, {
      productId: product.productId,
      quantity: rng.int(1, 2),
      price: product.price,
    });
    if (lines.size >= state.activeProducts().length) break;
  }
  return [...lines.values()].sort((a, b) => a.productId - b.productId);
}
