import { Rng } from '../random/rng.js';
import { tasteTruthLines } from '../sinks/ground-truth.js';
import { simulateShopInteractions } from '../testing/shop-interactions.js';
import { ShopTastes } from './tastes.js';

const UNTIL = Date.parse('2026-12-01T00:00:00Z');
const customers = Array.from({ length: 50 }, (_, i) => ({
  customerId: i + 1,
  address: 'x',
  city: 'TP. Hồ Chí Minh',
  zipCode: null,
}));
const products = Array.from({ length: 60 }, (_, i) => ({
  productId: i + 1,
  categoryId: (i % 6) + 1,
  price: `${(i + 1) * 10_000}.00`,
  stock: 20,
  isActive: i % 7 !== 6,
}));

describe('ShopTastes', () => {
  it('is seeded: same seed, same tastes and bundles; another seed, others', () => {
    const a = tasteTruthLines(ShopTastes.generate(customers, products, Rng.fromSeed(1).fork('tastes')));
    expect(tasteTruthLines(ShopTastes.generate(customers, products, Rng.fromSeed(1).fork('tastes')))).toEqual(
      a,
    );
    expect(
      tasteTruthLines(ShopTastes.generate(customers, products, Rng.fromSeed(2).fork('tastes'))),
    ).not.toEqual(a);
  });

  it('gives a customer the same taste whoever else is in the shop', () => {
    const all = ShopTastes.generate(customers, products, Rng.fromSeed(1).fork('tastes'));
    const few = ShopTastes.generate(customers.slice(0, 5), products, Rng.fromSeed(1).fork('tastes'));
    expect(few.of(3)).toEqual(all.of(3));
  });

  it('has 1–3 favourite categories holding most of an affinity that sums to 1, and bundles within a category', () => {
    const tastes = ShopTastes.generate(customers, products, Rng.fromSeed(3).fork('tastes'));
    for (const taste of tastes.customers) {
      const sum = [...taste.categoryAffinity.values()].reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 9);
      expect(taste.favouriteCategories.length).toBeGreaterThanOrEqual(1);
      expect(taste.favouriteCategories.length).toBeLessThanOrEqual(3);
      const favourite = taste.favouriteCategories.reduce(
        (s, c) => s + (taste.categoryAffinity.get(c) ?? 0),
        0,
      );
      expect(favourite).toBeGreaterThan(0.85);
      expect(taste.priceQuantile).toBeGreaterThanOrEqual(0);
      expect(taste.priceQuantile).toBeLessThan(1);
    }
    expect(tastes.bundles.length).toBeGreaterThan(3);
    const category = new Map(products.map((p) => [p.productId, p.categoryId]));
    for (const bundle of tastes.bundles) {
      expect(new Set(bundle.productIds.map((id) => category.get(id))).size).toBe(1);
      expect(bundle.productIds.every((id) => products[id - 1]?.isActive)).toBe(true);
    }
  });

  it('drives the sessions: most views fall in the favourite categories, bundles are bought together', () => {
    const shop = simulateShopInteractions({
      seed: 'tastes',
      categories: 10,
      products: 200,
      customers: 60,
      days: 20,
      sessionsPerDay: 80,
      until: UNTIL,
    });
    const views = shop.interactions.filter((i) => i.type === 'view');
    const inFavourites = views.filter((v) =>
      shop.tastes
        .of(v.customerId)
        ?.favouriteCategories.includes(shop.productCategories.get(v.productId) ?? -1),
    );
    expect(inFavourites.length / views.length).toBeGreaterThan(0.75);
    const baskets = new Map<string, Set<number>>();
    for (const i of shop.interactions)
      if (i.type === 'purchase')
        baskets.set(String(i.basketId), (baskets.get(String(i.basketId)) ?? new Set()).add(i.productId));
    let together = 0;
    let bundled = 0;
    for (const basket of baskets.values())
      for (const id of basket) {
        const partners = shop.tastes.partnersOf(id);
        if (partners.length === 0) continue;
        bundled++;
        if (partners.some((p) => basket.has(p))) together++;
      }
    expect(together / bundled).toBeGreaterThan(0.2);
  });

  it('writes the truth as JSON lines: customers by id, affinities strongest first, then bundles', () => {
    const lines = tasteTruthLines(
      ShopTastes.generate(customers.slice(0, 2), products, Rng.fromSeed(4).fork('tastes')),
    );
    expect(lines[0]).toMatchObject({ kind: 'customer', customer_id: 1 });
    expect(lines[1]).toMatchObject({ kind: 'customer', customer_id: 2 });
    const first = lines[0] as Extract<(typeof lines)[number], { kind: 'customer' }>;
    expect(first.category_affinity[0]?.category_id).toBe(first.favourite_categories[0]);
    expect(lines.slice(2).every((l) => l.kind === 'bundle')).toBe(true);
  });
});
