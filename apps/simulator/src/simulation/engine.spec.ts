import { compareMoney, multiplyMoney, sumMoney } from '@ecom/domain';
import { Rng } from '../random/rng.js';
import { SimulationEngine, type EngineOptions } from './engine.js';
import { ShopState, type ShopSnapshot } from './shop-state.js';
import type { SimOp } from './sim-ops.js';
import { HISTORICAL_PROFILE, LIVE_PROFILE } from './timing-profile.js';
import { DEFAULT_WEIGHTS } from './weights.js';

const DAY = 86_400_000;
const END = Date.parse('2026-01-31T00:00:00Z');

function snapshot(): ShopSnapshot {
  return {
    customers: Array.from({ length: 30 }, (_, i) => ({
      customerId: i + 1,
      address: `${i + 1} Lê Lợi, Quận 1, TP. Hồ Chí Minh`,
      city: 'TP. Hồ Chí Minh',
      zipCode: '70001',
    })),
    products: Array.from({ length: 40 }, (_, i) => ({
      productId: i + 1,
      categoryId: (i % 4) + 1,
      price: `${(i + 1) * 150_000}.00`,
      stock: 20,
      isActive: i % 5 !== 4,
    })),
    categoryIds: [1, 2, 3, 4],
    carts: [],
    wishlists: [],
    maxOrderId: 0,
  };
}

function run(seed: string, options: Partial<EngineOptions> = {}): { ops: SimOp[]; engine: SimulationEngine } {
  const rng = Rng.fromSeed(seed);
  const state = new ShopState(snapshot(), rng.fork('popularity'));
  const engine = new SimulationEngine(state, rng.fork('simulate'), {
    start: END - 3 * DAY,
    end: END,
    arrivals: { kind: 'daily', sessionsPerDay: 60 },
    profile: HISTORICAL_PROFILE,
    weights: DEFAULT_WEIGHTS,
    ...options,
  });
  return { ops: [...engine.run()], engine };
}

describe('SimulationEngine', () => {
  it('is deterministic: same seed and options, same operations', () => {
    const a = run('42', { fraud: { perPattern: 1 } }).ops;
    expect(a.length).toBeGreaterThan(500);
    expect(run('42', { fraud: { perPattern: 1 } }).ops).toEqual(a);
    expect(run('43', { fraud: { perPattern: 1 } }).ops).not.toEqual(a);
  });

  it('emits operations in time order inside the window', () => {
    const { ops } = run('order');
    for (let i = 1; i < ops.length; i++)
      expect((ops[i] as SimOp).at).toBeGreaterThanOrEqual((ops[i - 1] as SimOp).at);
    expect(ops.every((op) => op.at >= END - 3 * DAY && op.at < END)).toBe(true);
  });

  it('follows the funnel: carts before orders, removals only from carts, exact totals, stock never negative', () => {
    const { ops } = run('funnel');
    const carts = new Map<string, number>();
    const stock = new Map(snapshot().products.map((p) => [p.productId, p.stock]));
    const kinds = new Set<string>();
    for (const op of ops) {
      kinds.add(op.kind === 'event' ? op.event.type : op.kind);
      if (op.kind === 'cart_set') carts.set(`${op.customerId}:${op.productId}`, op.quantity);
      if (op.kind === 'cart_delete') {
        expect(carts.has(`${op.customerId}:${op.productId}`)).toBe(true);
        carts.delete(`${op.customerId}:${op.productId}`);
      }
      if (op.kind === 'restock') stock.set(op.productId, (stock.get(op.productId) ?? 0) + op.quantity);
      if (op.kind === 'order_update')
        for (const l of op.update.restock ?? [])
          stock.set(l.productId, (stock.get(l.productId) ?? 0) + l.quantity);
      if (op.kind === 'place_order') {
        const { order } = op;
        expect(order.total).toBe(sumMoney(order.lines.map((l) => multiplyMoney(l.price, l.quantity))));
        for (const productId of order.cartProductIds) {
          expect(carts.has(`${order.customerId}:${productId}`)).toBe(true);
          carts.delete(`${order.customerId}:${productId}`);
        }
        for (const line of order.lines) {
          const left = (stock.get(line.productId) ?? 0) - line.quantity;
          expect(left).toBeGreaterThanOrEqual(0);
          stock.set(line.productId, left);
          expect(line.productId % 5).not.toBe(0); // inactive products are never sold
        }
        expect(op.event).toMatchObject({ type: 'place_order', orderId: order.orderId });
      }
    }
    for (const kind of [
      'view_product',
      'browse_category',
      'cart_set',
      'wishlist_add',
      'place_order',
      'order_update',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it('moves orders through their lifecycles over time', () => {
    const { ops } = run('lifecycle');
    const statuses = new Map<number, string[]>();
    for (const op of ops) {
      if (op.kind === 'place_order') statuses.set(op.order.orderId, ['pending']);
      if (op.kind === 'order_update' && op.update.order)
        statuses.get(op.update.orderId)?.push(op.update.order);
    }
    const paths = new Set([...statuses.values()].map((s) => s.join('>')));
    expect(paths).toContain('pending>paid>shipped>delivered');
    for (const path of paths) {
      expect([
        'pending',
        'pending>paid',
        'pending>paid>shipped',
        'pending>paid>shipped>delivered',
        'pending>cancelled',
        'pending>paid>cancelled',
      ]).toContain(path);
    }
  });

  it('injects the fraud patterns it promises', () => {
    const { ops } = run('fraud', { fraud: { perPattern: 2 } });
    const fraud = ops.flatMap((op) =>
      op.kind === 'place_order' && op.order.fraud ? [{ at: op.at, order: op.order }] : [],
    );
    const byScenario = new Map<string, typeof fraud>();
    for (const f of fraud)
      byScenario.set(f.order.fraud?.scenarioId ?? '', [
        ...(byScenario.get(f.order.fraud?.scenarioId ?? '') ?? []),
        f,
      ]);
    expect([...byScenario.keys()].sort()).toEqual([
      'burst-1',
      'burst-2',
      'high_value-1',
      'high_value-2',
      'repeated-1',
      'repeated-2',
    ]);
    for (const [id, orders] of byScenario) {
      expect(orders).toHaveLength(orders[0]?.order.fraud?.scenarioSize ?? -1);
      expect(new Set(orders.map((o) => o.order.customerId)).size).toBe(1);
      if (id.startsWith('burst')) {
        expect(orders.length).toBeGreaterThanOrEqual(6);
        const first = orders[0]?.at ?? 0;
        const last = orders[orders.length - 1]?.at ?? 0;
        expect(last - first).toBeLessThan(60_000);
        const perMinute = new Map<number, number>();
        for (const o of orders)
          perMinute.set(Math.floor(o.at / 60_000), (perMinute.get(Math.floor(o.at / 60_000)) ?? 0) + 1);
        if (id === 'burst-1')
          expect(perMinute.size).toBe(1); // inside one clock minute
        else {
          expect(perMinute.size).toBe(2); // straddles a minute boundary…
          expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(5); // …with no minute holding 6
        }
      }
      if (id.startsWith('high_value'))
        expect(compareMoney(orders[0]?.order.total ?? '0', '10000000.00')).toBe(1);
      if (id.startsWith('repeated')) {
        const baskets = orders.map((o) => JSON.stringify([o.order.lines, o.order.total]));
        expect(new Set(baskets).size).toBe(1);
      }
    }
  });

  it('keeps live shoppers busy at about the requested rate', () => {
    const start = END - 60_000;
    const { ops } = run('live', {
      start,
      end: END,
      arrivals: { kind: 'slots', shoppers: 10 },
      profile: LIVE_PROFILE,
      meanThinkMs: (10 / 20) * 1000,
    });
    const actions = ops.filter((op) => op.kind !== 'order_update' && op.kind !== 'restock').length;
    expect(actions / 60).toBeGreaterThan(14);
    expect(actions / 60).toBeLessThan(26);
  });

  it('honours the weights: with place_order at 0 nothing is ordered', () => {
    const weights = { ...DEFAULT_WEIGHTS, place_order: 0 };
    expect(run('no-orders', { weights }).ops.some((op) => op.kind === 'place_order')).toBe(false);
  });
});
