import { latentShop } from '../../test/latent-shop.js';
import { trainAls } from '../als/als-model.js';
import { AlsRecommender } from '../als/als-recommender.js';
import { CategoryPopularity } from '../baselines/category-popularity.js';
import { CoPurchase } from '../baselines/co-purchase.js';
import { GlobalPopularity } from '../baselines/global-popularity.js';
import { servedBlend } from '../blend.js';
import { aggregateInteractions } from '../interactions/interaction.js';
import { InteractionMatrix } from '../interactions/interaction-matrix.js';
import { topCategoryRecovery } from './category-recovery.js';
import { evaluationTable } from './evaluation-table.js';
import { leaveLastOut } from './leave-last-out.js';
import { evaluateRecommender } from './metrics.js';

// The library's own check on a synthetic shop with latent tastes; the simulator's shoppers are evaluated in
// apps/simulator/src/testing/recommendations-evaluation.spec.ts (a library may not import an app).
describe('leave-last-out on a synthetic shop with latent tastes', () => {
  const shop = latentShop('lib-eval');
  const split = leaveLastOut(shop.interactions);
  const cells = aggregateInteractions(split.train, { asOf: Date.UTC(2026, 11, 1) });
  const categoryPopularity = new CategoryPopularity(cells, shop.productCategories);
  const als = new AlsRecommender(trainAls(InteractionMatrix.from(cells)).toFactors());
  const blend = servedBlend({ als, coPurchase: new CoPurchase(split.train, cells), categoryPopularity });
  const [popularity, alsResult, blendResult] = [new GlobalPopularity(cells), als, blend].map((r) =>
    evaluateRecommender(r, split),
  );

  it('ALS and the blend beat global popularity by at least 1.5× on HR@10 and NDCG@10', () => {
    console.log(evaluationTable([popularity!, alsResult!, blendResult!], 'global popularity'));
    expect(split.heldOut.size).toBeGreaterThan(250);
    for (const result of [alsResult!, blendResult!]) {
      expect(result.hitRate).toBeGreaterThanOrEqual(1.5 * popularity!.hitRate);
      expect(result.ndcg).toBeGreaterThanOrEqual(1.5 * popularity!.ndcg);
    }
  });

  it("recovers most customers' favourite category as the top category of their ALS list", () => {
    const share = topCategoryRecovery(als, split, shop.productCategories, (id) => shop.favourite.get(id));
    console.log(`ALS top category = true favourite for ${(100 * share).toFixed(1)} %`);
    expect(share).toBeGreaterThan(0.5);
  });
});
