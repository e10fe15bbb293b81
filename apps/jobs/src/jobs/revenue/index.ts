/** The revenue job (issue 12 §2): its pure core, options, value and error types. */
export { createRevenueJob } from './revenue-job.js';
export { createRevenuePartialsJob, type RevenuePartialsJob } from './revenue-partials-job.js';
export {
  createRevenueMergeJob,
  type LatePartialReport,
  type RevenueMergeJob,
  type RevenueMergeOptions,
} from './revenue-merge-job.js';
export {
  REVENUE_JOB_NAME,
  REVENUE_TOPIC,
  REVENUE_WINDOW_SIZES,
  type RevenueJobConfig,
  type RevenueJobOptions,
} from './options.js';
export type { RevenueJob, RevenueJobMetrics, TooLateChange } from './revenue-job-types.js';
export type { RevenueValue } from './revenue-value.js';
export { JobError, type JobErrorCode } from '../job-error.js';
export { REVENUE_SNAPSHOT_FORMAT } from './revenue-snapshot.js';
