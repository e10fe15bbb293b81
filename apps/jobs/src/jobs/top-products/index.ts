/**
 * The top-products job (issue 12 §3): its pure core, the three cores of its scaled-out form (router, partial stage,
 * merge), options, row metrics, late reports, snapshot format and error type.
 */
export { createTopProductsJob, type TopProductsJob } from './top-products-job.js';
export { createTopProductsRouterJob, type TopProductsRouterJob } from './top-products-router.js';
export {
  createTopProductsPartialsJob,
  type TopProductsPartialsJob,
  type TopProductsPartialsOptions,
} from './top-products-partials-job.js';
export {
  createTopProductsMergeJob,
  type LateTotalsReport,
  type TopProductsMergeJob,
  type TopProductsMergeMetrics,
  type TopProductsMergeOptions,
} from './top-products-merge-job.js';
export { STAGE_TOPICS, type RoutedChange, type StageRecord } from './stage-records.js';
export {
  defaultJobName,
  topProductsConfig,
  type TopProductsConfig,
  type TopProductsOptions,
} from './options.js';
export { TOP_PRODUCTS_TOPIC } from './emitted-results.js';
export { TOP_PRODUCTS_METRICS, type TopProductsRow } from './window-rows.js';
export { TOP_PRODUCTS_TABLES } from './record-changes.js';
export type { LateChange, TopProductsMetrics } from './late-change.js';
export { TOP_PRODUCTS_SNAPSHOT_FORMAT } from './snapshot.js';
export { JobError, type JobErrorCode } from '../job-error.js';
