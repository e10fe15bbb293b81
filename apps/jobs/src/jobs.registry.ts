import type { JobDefinition } from './job.js';
import { createRevenueJob } from './jobs/revenue/index.js';
import { createTopProductsJob } from './jobs/top-products/index.js';
import { streamJobDefinition } from './stream-job-definition.js';

/** Every job this build of the app can run. Stream jobs register here as they land. */
export const JOBS: readonly JobDefinition[] = [
  streamJobDefinition('revenue', 'revenue, orders and customers per tumbling window (statistics_revenue)', (config) =>
    createRevenueJob({ correctionHorizon: config.correctionHorizonMs }),
  ),
  streamJobDefinition('top-products', 'top products per window (order_items joined with products)', (config) =>
    createTopProductsJob({ correctionHorizon: config.correctionHorizonMs }),
  ),
];
