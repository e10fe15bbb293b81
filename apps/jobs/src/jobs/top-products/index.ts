/** The top-products job (issue 12 §3): its pure core, options, row metrics, late reports, snapshot format and error type. */
export { createTopProductsJob, type TopProductsJob } from './top-products-job.js';
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
