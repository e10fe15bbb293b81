import type { ColdStart } from './cold-start.js';
import type { Recommendation, RecommendationReason, Recommender } from './recommender.js';

/** One model of a {@link Blend} with its weight. */
export interface BlendPart {
  readonly recommender: Recommender;
  readonly weight: number;
}

/** Options of {@link Blend}. */
export interface BlendOptions {
  /** Candidates taken from each part (default 50). */
  readonly candidates?: number;
  /** The rank offset of reciprocal-rank fusion (default 10): smaller favours each list's top. */
  readonly rankOffset?: number;
  /** For customers no part knows: the first category of a new customer, if any. */
  readonly coldStart?: {
    readonly start: ColdStart;
    readonly firstCategory?: (customerId: number) => number | undefined;
  };
}

/**
 * The blend served to customers: weighted reciprocal-rank fusion of its parts' lists (score Σ w / (offset + rank)),
 * each item keeping the reason of the part that contributed most. A customer without history goes to cold start.
 *
 * @example
 * const blend = new Blend([{ recommender: als, weight: 1 }, { recommender: coPurchase, weight: 0.5 }, { recommender: categoryPopularity, weight: 0.3 }]);
 * blend.recommend(7, 10, boughtBy7);
 */
export class Blend implements Recommender {
  readonly name = 'blend';

  constructor(
    private readonly parts: readonly BlendPart[],
    private readonly options: BlendOptions = {},
  ) {}

  recommend(customerId: number, k: number, exclude?: ReadonlySet<number>): Recommendation[] {
    const cold = this.options.coldStart;
    if (cold && !cold.start.knows(customerId))
      return cold.start.forNewCustomer(cold.firstCategory?.(customerId), k, exclude);
    const candidates = this.options.candidates ?? 50;
    const offset = this.options.rankOffset ?? 10;
    const fused = new Map<number, { score: number; best: number; reason: RecommendationReason }>();
    for (const { recommender, weight } of this.parts) {
      recommender.recommend(customerId, candidates, exclude).forEach((r, rank) => {
        const contribution = weight / (offset + rank + 1);
        const cell = fused.get(r.productId);
        if (!cell) fused.set(r.productId, { score: contribution, best: contribution, reason: r.reason });
        else {
          cell.score += contribution;
          if (contribution > cell.best) {
            cell.best = contribution;
            cell.reason = r.reason;
          }
        }
      });
    }
    return [...fused]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, k)
      .map(([productId, cell]) => ({ productId, score: cell.score, reason: cell.reason }));
  }
}

/**
 * Weights of the served blend: ALS first, co-purchase and category popularity as seconds (reciprocal-rank fusion,
 * offset 10), chosen on a simulated shop (seed `recs-tuning`).
 *
 * @example
 * SERVED_BLEND_WEIGHTS.als; // 1
 */
export const SERVED_BLEND_WEIGHTS = { als: 1, coPurchase: 0.3, categoryPopularity: 0.3 } as const;

/**
 * The blend the API serves: ALS, co-purchase and category popularity with {@link SERVED_BLEND_WEIGHTS}, and cold
 * start for customers without history.
 *
 * @example
 * const served = servedBlend({ als, coPurchase, categoryPopularity, coldStart: new ColdStart(categoryPopularity, globalPopularity) });
 * served.recommend(7, 10, boughtBy7);
 */
export function servedBlend(parts: {
  readonly als: Recommender;
  readonly coPurchase: Recommender;
  readonly categoryPopularity: Recommender;
  readonly coldStart?: ColdStart;
  readonly firstCategory?: (customerId: number) => number | undefined;
}): Blend {
  return new Blend(
    [
      { recommender: parts.als, weight: SERVED_BLEND_WEIGHTS.als },
      { recommender: parts.coPurchase, weight: SERVED_BLEND_WEIGHTS.coPurchase },
      { recommender: parts.categoryPopularity, weight: SERVED_BLEND_WEIGHTS.categoryPopularity },
    ],
    {
      rankOffset: 10,
      ...(parts.coldStart
        ? {
            coldStart: {
              start: parts.coldStart,
              ...(parts.firstCategory ? { firstCategory: parts.firstCategory } : {}),
            },
          }
        : {}),
    },
  );
}
