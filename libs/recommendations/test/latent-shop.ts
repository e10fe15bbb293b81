import { seededRandom } from '../src/random.js';
import type { Interaction } from '../src/interactions/interaction.js';

/** A small synthetic shop whose customers have latent tastes (independent of the simulator). */
export interface LatentShop {
  readonly interactions: Interaction[];
  readonly productCategories: Map<number, number>;
  /** Customer id → their favourite category. */
  readonly favourite: Map<number, number>;
}

/**
 * `customers` customers, each with a favourite category (70 % of their picks) and a second one (20 %), the rest
 * anywhere; within a category products are picked with a skew (low ids more popular). Each customer has a few
 * sessions of views, one cart line and sometimes an order of 1–2 products, one day apart.
 */
export function latentShop(seed: string, customers = 300, products = 300, categories = 10): LatentShop {
  const random = seededRandom(seed);
  const productCategories = new Map<number, number>();
  const byCategory: number[][] = Array.from({ length: categories }, () => []);
  for (let p = 1; p <= products; p++) {
    productCategories.set(p, ((p - 1) % categories) + 1);
    byCategory[(p - 1) % categories]?.push(p);
  }
  const favourite = new Map<number, number>();
  const interactions: Interaction[] = [];
  let basket = 0;
  for (let c = 1; c <= customers; c++) {
    const first = 1 + Math.floor(random.next() * categories);
    const second = 1 + Math.floor(random.next() * categories);
    favourite.set(c, first);
    const pick = (): number => {
      const r = random.next();
      const category = r < 0.7 ? first : r < 0.9 ? second : 1 + Math.floor(random.next() * categories);
      const list = byCategory[category - 1] as number[];
      return list[Math.floor(random.next() ** 2 * list.length)] as number;
    };
    const sessions = 4 + Math.floor(random.next() * 6);
    for (let s = 0; s < sessions; s++) {
      const at = Date.UTC(2026, 10, 1) + (s * 86_400_000 + c * 1000);
      const viewed = Array.from({ length: 3 + Math.floor(random.next() * 4) }, pick);
      viewed.forEach((productId, i) =>
        interactions.push({ customerId: c, productId, type: 'view', at: at + i }),
      );
      const carted = viewed.slice(-2);
      carted.forEach((productId) =>
        interactions.push({ customerId: c, productId, type: 'cart', at: at + 10 }),
      );
      if (random.next() < 0.6) {
        basket++;
        for (const productId of new Set(carted))
          interactions.push({ customerId: c, productId, type: 'purchase', at: at + 20, basketId: basket });
      }
    }
  }
  return { interactions, productCategories, favourite };
}
