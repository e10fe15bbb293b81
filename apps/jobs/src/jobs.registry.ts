import type { JobDefinition } from './job.js';
import { createRevenueMergeJob, createRevenuePartialsJob } from './jobs/revenue/index.js';
import { createTopProductsJob } from './jobs/top-products/index.js';
import { streamJobDefinition, twoPhaseJobDefinition } from './stream-job-definition.js';

/** Every job this build of the app can run. Stream jobs register here as they land. */
export const JOBS: readonly JobDefinition[] = [
  twoPhaseJobDefinition(
    'revenue',
    'revenue, orders and customers per tumbling window (statistics_revenue); scales out',
    (config) => ({
      name: 'revenue',
      tables: ['orders'],
      createPartials: () => createRevenuePartialsJob({ correctionHorizon: config.correctionHorizonMs }),
      createMerge: (inputs, idleTimeoutMs) =>
        createRevenueMergeJob({ inputs, idleTimeoutMs, correctionHorizon: config.correctionHorizonMs }),
    }),
  ),
  streamJobDefinition(
    'top-products',
    'top products per window (order_items joined with products)',
    (config) => createTopProductsJob({ correctionHorizon: config.correctionHorizonMs }),
  ),
];
